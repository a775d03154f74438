<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en">
<context>
    <name>Jw</name>
    <message>
        <source>Enter an address such as name@example.org.</source>
        <translation>name@example.org 같은 주소를 입력하세요.</translation>
    </message>
    <message>
        <source>Nothing follows the “/” in the address.</source>
        <translation>주소의 “/” 뒤에 아무것도 없습니다.</translation>
    </message>
    <message>
        <source>The part after “/” is too long.</source>
        <translation>“/” 뒤의 부분이 너무 깁니다.</translation>
    </message>
    <message>
        <source>The part before “@” is empty: an address looks like name@example.org.</source>
        <translation>“@” 앞부분이 비어 있습니다. 주소는 name@example.org 같은 형태입니다.</translation>
    </message>
    <message>
        <source>The part after “@” is empty: an address looks like name@example.org.</source>
        <translation>“@” 뒷부분이 비어 있습니다. 주소는 name@example.org 같은 형태입니다.</translation>
    </message>
    <message>
        <source>An address cannot contain spaces.</source>
        <translation>주소에는 공백을 넣을 수 없습니다.</translation>
    </message>
    <message>
        <source>The address contains a control character.</source>
        <translation>주소에 제어 문자가 들어 있습니다.</translation>
    </message>
    <message>
        <source>The part before “@” cannot contain “%1”.</source>
        <translation>“@” 앞부분에는 “%1”을(를) 넣을 수 없습니다.</translation>
    </message>
    <message>
        <source>An address has only one “@”.</source>
        <translation>주소에는 “@”가 하나만 있어야 합니다.</translation>
    </message>
    <message>
        <source>The address is too long.</source>
        <translation>주소가 너무 깁니다.</translation>
    </message>
    <message>
        <source>“%1” is not a valid server name.</source>
        <translation>“%1”은(는) 올바른 서버 이름이 아닙니다.</translation>
    </message>
    <message>
        <source>“%1” is a server, not a person: an address looks like name@%1.</source>
        <translation>“%1”은(는) 사람이 아니라 서버입니다. 주소는 name@%1 같은 형태입니다.</translation>
    </message>
    <message>
        <source>Leave out the “/%1” part: chats are with a person, not one of their devices.</source>
        <translation>“/%1” 부분은 빼 주세요. 대화 상대는 기기가 아니라 사람입니다.</translation>
    </message>
    <message>
        <source>The history is not open.</source>
        <translation>기록이 열려 있지 않습니다.</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 님이 입력하는 중…</translation>
    </message>
    <message>
        <source>%1 stopped typing</source>
        <translation>%1 님이 입력을 멈췄습니다</translation>
    </message>
    <message>
        <source>%1 is away from this chat</source>
        <translation>%1 님이 대화를 잠시 떠났습니다</translation>
    </message>
    <message>
        <source>%1 closed the chat</source>
        <translation>%1 님이 대화를 닫았습니다</translation>
    </message>
    <message>
        <source>Could not read the chat states: %1</source>
        <translation>대화 상태를 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Prints the stored history to standard output, without connecting.</source>
        <translation>접속하지 않고 저장된 기록을 표준 출력으로 내보냅니다.</translation>
    </message>
    <message>
        <source>Jabberwock, a desktop chat client for XMPP.</source>
        <translation>Jabberwock, XMPP용 데스크톱 채팅 프로그램.</translation>
    </message>
    <message>
        <source>Shows this help.</source>
        <translation>이 도움말을 보여 줍니다.</translation>
    </message>
    <message>
        <source>Shows the version.</source>
        <translation>버전을 보여 줍니다.</translation>
    </message>
    <message>
        <source>Where settings and history live (default: %1).</source>
        <translation>설정과 기록을 두는 곳 (기본값: %1).</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>Sign in as this account.</source>
        <translation>이 계정으로 로그인합니다.</translation>
    </message>
    <message>
        <source>JID</source>
        <translation>JID</translation>
    </message>
    <message>
        <source>Read the password from the first line of this file.</source>
        <translation>이 파일의 첫 줄에서 비밀번호를 읽습니다.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Connect to this host (and port) instead of the one DNS gives for the domain.</source>
        <translation>도메인에 대해 DNS가 알려 주는 곳 대신 이 호스트(와 포트)에 접속합니다.</translation>
    </message>
    <message>
        <source>HOST[:PORT]</source>
        <translation>호스트[:포트]</translation>
    </message>
    <message>
        <source>Trust the server if it presents exactly this certificate (PEM).</source>
        <translation>서버가 정확히 이 인증서(PEM)를 내보이면 신뢰합니다.</translation>
    </message>
    <message>
        <source>PEM</source>
        <translation>PEM</translation>
    </message>
    <message>
        <source>Only this conversation.</source>
        <translation>이 대화만.</translation>
    </message>
    <message>
        <source>json (default) or text.</source>
        <translation>json(기본값) 또는 text.</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Export the history.</source>
        <translation>기록을 내보냅니다.</translation>
    </message>
    <message>
        <source>Run “jabberwock --help” for the options.</source>
        <translation>옵션은 “jabberwock --help”로 확인하세요.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>명령:</translation>
    </message>
    <message>
        <source>  export [--profile DIR] [--chat JID] [--format json|text]   Print the stored history.</source>
        <translation>  export [--profile 폴더] [--chat JID] [--format json|text]   저장된 기록을 출력합니다.</translation>
    </message>
    <message>
        <source>Unexpected argument “%1”.</source>
        <translation>예상하지 못한 인자 “%1”.</translation>
    </message>
    <message>
        <source>--chat: %1</source>
        <translation>--chat: %1</translation>
    </message>
    <message>
        <source>--format must be “json” or “text”, not “%1”.</source>
        <translation>--format은 “%1”이 아니라 “json” 또는 “text”여야 합니다.</translation>
    </message>
    <message>
        <source>--jid: %1</source>
        <translation>--jid: %1</translation>
    </message>
    <message>
        <source>--password-file needs --jid.</source>
        <translation>--password-file에는 --jid가 필요합니다.</translation>
    </message>
    <message>
        <source>--password-file: cannot read %1.</source>
        <translation>--password-file: %1을(를) 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>--server: %1</source>
        <translation>--server: %1</translation>
    </message>
    <message>
        <source>--trust-certificate: %1 is not a readable PEM certificate.</source>
        <translation>--trust-certificate: %1은(는) 읽을 수 있는 PEM 인증서가 아닙니다.</translation>
    </message>
    <message>
        <source>There is no profile at %1.</source>
        <translation>%1에 프로필이 없습니다.</translation>
    </message>
    <message>
        <source> (arrived while offline)</source>
        <translation> (오프라인일 때 도착)</translation>
    </message>
    <message>
        <source>Could not write the export: %1</source>
        <translation>내보내기를 쓰지 못했습니다: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Could not read the conversation</source>
        <translation>대화를 읽지 못했습니다</translation>
    </message>
    <message>
        <source>Could not read a message</source>
        <translation>메시지를 읽지 못했습니다</translation>
    </message>
    <message>
        <source>The message is not in the history.</source>
        <translation>그 메시지는 기록에 없습니다.</translation>
    </message>
    <message>
        <source>Could not read the history</source>
        <translation>기록을 읽지 못했습니다</translation>
    </message>
    <message>
        <source>Could not read the password file %1: %2</source>
        <translation>비밀번호 파일 %1을(를) 읽지 못했습니다: %2</translation>
    </message>
    <message>
        <source>The password file %1 is empty.</source>
        <translation>비밀번호 파일 %1이(가) 비어 있습니다.</translation>
    </message>
    <message>
        <source>“%1” is not a server: a “]” is missing.</source>
        <translation>“%1”은(는) 서버가 아닙니다. “]”가 빠졌습니다.</translation>
    </message>
    <message>
        <source>“%1” is not a server: expected “:port” after “]”.</source>
        <translation>“%1”은(는) 서버가 아닙니다. “]” 뒤에는 “:포트”가 와야 합니다.</translation>
    </message>
    <message>
        <source>“%1” is not a server name.</source>
        <translation>“%1”은(는) 서버 이름이 아닙니다.</translation>
    </message>
    <message>
        <source>“%1” is not a port: use a number from 1 to 65535.</source>
        <translation>“%1”은(는) 포트가 아닙니다. 1부터 65535 사이의 숫자를 쓰세요.</translation>
    </message>
    <message>
        <source>The server %1 could not be found. Check the address, or the server name in the account settings.</source>
        <translation>서버 %1을(를) 찾을 수 없습니다. 주소나 계정 설정의 서버 이름을 확인하세요.</translation>
    </message>
    <message>
        <source>The server %1 refused the connection. It may be down, or the port may be wrong.</source>
        <translation>서버 %1이(가) 접속을 거부했습니다. 서버가 꺼져 있거나 포트가 잘못되었을 수 있습니다.</translation>
    </message>
    <message>
        <source>The server %1 cannot be reached. Check your network connection.</source>
        <translation>서버 %1에 닿을 수 없습니다. 네트워크 연결을 확인하세요.</translation>
    </message>
    <message>
        <source>The server %1 closed the connection.</source>
        <translation>서버 %1이(가) 연결을 닫았습니다.</translation>
    </message>
    <message>
        <source>The connection to %1 failed: %2</source>
        <translation>%1에 연결하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Open the chat with this address, for example xmpp:name@example.org or xmpp:name@example.org?message;body=Hello (written for you, not sent). If Jabberwock already runs for the profile, it opens the chat there.</source>
        <translation>이 주소와의 대화를 엽니다. 예: xmpp:name@example.org 또는 xmpp:name@example.org?message;body=Hello (입력란에 적어 둘 뿐 보내지 않습니다). 이 프로필로 Jabberwock가 이미 실행 중이면 그 창에서 대화를 엽니다.</translation>
    </message>
    <message>
        <source>Cannot open the link “%1”: %2</source>
        <translation>링크 “%1”을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The link has a “%” that is not followed by two hexadecimal digits.</source>
        <translation>링크의 “%” 뒤에 16진수 두 자리가 없습니다.</translation>
    </message>
    <message>
        <source>The link contains an encoded character that is not valid UTF-8.</source>
        <translation>링크에 올바른 UTF-8이 아닌 인코딩된 문자가 있습니다.</translation>
    </message>
    <message>
        <source>“%1” is not an xmpp: link.</source>
        <translation>“%1”은(는) xmpp: 링크가 아닙니다.</translation>
    </message>
    <message>
        <source>The xmpp: link is too long.</source>
        <translation>xmpp: 링크가 너무 깁니다.</translation>
    </message>
    <message>
        <source>The link names an account but no one to chat with.</source>
        <translation>링크에 계정만 있고 대화할 상대가 없습니다.</translation>
    </message>
    <message>
        <source>The link names no one to chat with: it should look like xmpp:name@example.org.</source>
        <translation>링크에 대화할 상대가 없습니다: xmpp:name@example.org 형식이어야 합니다.</translation>
    </message>
    <message>
        <source>The address in the link contains “%1”, which no XMPP address can.</source>
        <translation>링크의 주소에 XMPP 주소에 쓸 수 없는 “%1”이(가) 있습니다.</translation>
    </message>
    <message>
        <source>“%1” in the link is not a valid server name.</source>
        <translation>링크의 “%1”은(는) 올바른 서버 이름이 아닙니다.</translation>
    </message>
    <message>
        <source>cannot write to standard output</source>
        <translation>표준 출력에 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>The link asks to invite someone to a group chat (?invite); open the room and invite them from there.</source>
        <translation>이 링크는 그룹 대화에 누군가를 초대하라고 합니다(?invite). 대화방을 열고 거기서 초대하세요.</translation>
    </message>
    <message>
        <source>Prints the stored messages that match QUERY, newest first, without connecting.</source>
        <translation>연결하지 않고, QUERY와 일치하는 저장된 메시지를 최신순으로 출력합니다.</translation>
    </message>
    <message>
        <source>Search the history.</source>
        <translation>기록을 검색합니다.</translation>
    </message>
    <message>
        <source>Words and &quot;phrases&quot; to find (all of them), and the filters from:NAME, in:CHAT, before:YYYY-MM-DD, after:YYYY-MM-DD.</source>
        <translation>찾을 단어와 &quot;구절&quot;(모두 포함되어야 함), 그리고 필터 from:NAME, in:CHAT, before:YYYY-MM-DD, after:YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>  search [--profile DIR] [--chat JID] [--format json|text] QUERY…   Print the messages that match.</source>
        <translation>  search [--profile DIR] [--chat JID] [--format json|text] QUERY…   일치하는 메시지를 출력합니다.</translation>
    </message>
    <message>
        <source>search: %1</source>
        <translation>search: %1</translation>
    </message>
</context>
<context>
    <name>Jw::AccountRegistration</name>
    <message>
        <source>The server %1 did not answer. Try again later.</source>
        <translation>서버 %1이(가) 응답하지 않았습니다. 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>%1 does not let apps create accounts.</source>
        <translation>%1은(는) 앱에서 계정을 만들 수 없게 되어 있습니다.</translation>
    </message>
    <message>
        <source>The name “%1” is already taken on %2. Choose another one.</source>
        <translation>이름 “%1”은(는) %2에서 이미 쓰이고 있습니다. 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <source>%1 did not accept what was filled in.</source>
        <translation>%1이(가) 입력한 내용을 받아들이지 않았습니다.</translation>
    </message>
    <message>
        <source>%1 refused to create the account.</source>
        <translation>%1이(가) 계정 만들기를 거부했습니다.</translation>
    </message>
    <message>
        <source>%1 could not create the account.</source>
        <translation>%1이(가) 계정을 만들지 못했습니다.</translation>
    </message>
    <message>
        <source>It said: “%1”</source>
        <translation>서버의 답: “%1”</translation>
    </message>
    <message>
        <source>There is no form to send: ask the server for it first.</source>
        <translation>보낼 양식이 없습니다. 먼저 서버에 양식을 요청하세요.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted: %2. Its SHA-256 fingerprint is %3.</source>
        <translation>%1의 인증서를 신뢰할 수 없습니다: %2. SHA-256 지문은 %3입니다.</translation>
    </message>
    <message>
        <source>The server %1 could not be found. Check the address.</source>
        <translation>서버 %1을(를) 찾을 수 없습니다. 주소를 확인하세요.</translation>
    </message>
    <message>
        <source>The server %1 refused the connection. It may be down, or the port may be wrong.</source>
        <translation>서버 %1이(가) 접속을 거부했습니다. 서버가 꺼져 있거나 포트가 잘못되었을 수 있습니다.</translation>
    </message>
    <message>
        <source>The server %1 cannot be reached: %2</source>
        <translation>서버 %1에 닿을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The connection to %1 failed: %2</source>
        <translation>%1에 연결하지 못했습니다: %2</translation>
    </message>
</context>
<context>
    <name>Jw::Blocking</name>
    <message>
        <source>You can block someone only while you are online.</source>
        <translation>온라인일 때만 차단할 수 있습니다.</translation>
    </message>
    <message>
        <source>You can unblock someone only while you are online.</source>
        <translation>온라인일 때만 차단을 해제할 수 있습니다.</translation>
    </message>
    <message>
        <source>It said: “%1”</source>
        <translation>서버의 답: “%1”</translation>
    </message>
    <message>
        <source>The server did not block %1.</source>
        <translation>서버가 %1을(를) 차단하지 않았습니다.</translation>
    </message>
    <message>
        <source>The server did not unblock %1.</source>
        <translation>서버가 %1의 차단을 해제하지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Bookmarks</name>
    <message>
        <source>The server did not give the list of your rooms.</source>
        <translation>서버가 대화방 목록을 주지 않았습니다.</translation>
    </message>
    <message>
        <source>It said: “%1”</source>
        <translation>서버의 답: “%1”</translation>
    </message>
    <message>
        <source>Rooms can be kept on the server only while you are online.</source>
        <translation>대화방은 온라인일 때만 서버에 보관할 수 있습니다.</translation>
    </message>
    <message>
        <source>“%1” is not a room address.</source>
        <translation>“%1”은(는) 대화방 주소가 아닙니다.</translation>
    </message>
    <message>
        <source>The server did not keep %1 in your rooms.</source>
        <translation>서버가 %1을(를) 대화방 목록에 보관하지 않았습니다.</translation>
    </message>
    <message>
        <source>The server did not remove %1 from your rooms.</source>
        <translation>서버가 %1을(를) 대화방 목록에서 지우지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::ChatStates</name>
    <message>
        <source>The chat state of %1 could not be saved: %2</source>
        <translation>%1의 대화 상태를 저장하지 못했습니다: %2</translation>
    </message>
</context>
<context>
    <name>Jw::DirectMessages</name>
    <message>
        <source>There is no such user as %1.</source>
        <translation>%1(이)라는 사용자가 없습니다(no such user).</translation>
    </message>
    <message>
        <source>%1 cannot receive this message: there is no such user, or they do not accept messages from you.</source>
        <translation>%1에게 이 메시지를 보낼 수 없습니다: 그런 사용자가 없거나(no such user), 상대가 내 메시지를 받지 않습니다.</translation>
    </message>
    <message>
        <source>The server %1 was not found. Check the address.</source>
        <translation>서버 %1을(를) 찾을 수 없습니다. 주소를 확인하세요.</translation>
    </message>
    <message>
        <source>The server %1 did not answer. It may be down; try again later.</source>
        <translation>서버 %1이(가) 응답하지 않습니다. 서버가 멈췄을 수 있으니 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>“%1” is not a valid address.</source>
        <translation>“%1”은(는) 올바른 주소가 아닙니다.</translation>
    </message>
    <message>
        <source>The server refused to deliver the message to %1.</source>
        <translation>서버가 %1에게 메시지 전달을 거부했습니다.</translation>
    </message>
    <message>
        <source>The server refused the message: it breaks one of the server’s rules.</source>
        <translation>서버가 메시지를 거부했습니다: 서버 규칙에 어긋납니다.</translation>
    </message>
    <message>
        <source>The server is too busy to deliver the message now; try again later.</source>
        <translation>서버가 지금 너무 바빠 메시지를 전달할 수 없습니다. 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The server could not deliver the message to %1.</source>
        <translation>서버가 %1에게 메시지를 전달하지 못했습니다.</translation>
    </message>
    <message>
        <source>It said: “%1”</source>
        <translation>서버의 답: “%1”</translation>
    </message>
    <message>
        <source>This person attempted to retract a previous message, but your client does not support it.</source>
        <translation>상대방이 이전 메시지를 삭제하려 했지만, 사용 중인 클라이언트가 이를 지원하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Files</name>
    <message>
        <source>1 byte</source>
        <translation>1바이트</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1바이트</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1MB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1GB</translation>
    </message>
    <message>
        <source>%1 TB</source>
        <translation>%1TB</translation>
    </message>
    <message>
        <source>This file is %1; your server accepts up to %2.</source>
        <translation>이 파일은 %1입니다. 서버는 최대 %2까지 받습니다.</translation>
    </message>
    <message>
        <source>Your server does not accept files, so this one cannot be sent.</source>
        <translation>서버가 파일을 받지 않아 이 파일을 보낼 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::HistoryStore</name>
    <message>
        <source>Could not create the folder %1 for the history.</source>
        <translation>기록을 둘 폴더 %1을(를) 만들지 못했습니다.</translation>
    </message>
    <message>
        <source>Could not open the history %1</source>
        <translation>기록 %1을(를) 열지 못했습니다</translation>
    </message>
    <message>
        <source>Could not read the history&apos;s version</source>
        <translation>기록의 버전을 읽지 못했습니다</translation>
    </message>
    <message>
        <source>The history %1 was written by a newer Jabberwock (schema %2); this one reads schema %3 and older. Nothing was changed.</source>
        <translation>기록 %1은(는) 더 새로운 Jabberwock가 썼습니다(스키마 %2). 이 버전은 스키마 %3 이하만 읽을 수 있습니다. 아무것도 바꾸지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not upgrade the history</source>
        <translation>기록을 업그레이드하지 못했습니다</translation>
    </message>
    <message>
        <source>Could not upgrade the history to version %1</source>
        <translation>기록을 버전 %1(으)로 업그레이드하지 못했습니다</translation>
    </message>
    <message>
        <source>A message without a conversation cannot be stored.</source>
        <translation>대화에 속하지 않은 메시지는 저장할 수 없습니다.</translation>
    </message>
    <message>
        <source>The message could not be saved</source>
        <translation>메시지를 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>The message&apos;s state could not be saved</source>
        <translation>메시지 상태를 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>Could not read the conversations</source>
        <translation>대화 목록을 읽지 못했습니다</translation>
    </message>
    <message>
        <source>Could not read the account&apos;s state</source>
        <translation>계정 상태를 읽지 못했습니다</translation>
    </message>
    <message>
        <source>Could not save the account&apos;s state</source>
        <translation>계정 상태를 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>The history could not be saved: %1</source>
        <translation>기록을 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Could not read the history</source>
        <translation>기록을 읽지 못했습니다</translation>
    </message>
    <message>
        <source>Could not read a message</source>
        <translation>메시지를 읽지 못했습니다</translation>
    </message>
    <message>
        <source>The message is not in the history.</source>
        <translation>그 메시지는 기록에 없습니다.</translation>
    </message>
    <message>
        <source>The message could not be changed</source>
        <translation>메시지를 변경할 수 없습니다</translation>
    </message>
    <message>
        <source>The message could not be deleted</source>
        <translation>메시지를 삭제할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>Jw::InstanceChannel</name>
    <message>
        <source>Jabberwock is already running for this profile (process %1) but does not answer. Close it, or start with another --profile.</source>
        <translation>이 프로필로 Jabberwock가 이미 실행 중이지만(프로세스 %1) 응답하지 않습니다. 그 프로그램을 닫거나 다른 --profile로 시작하세요.</translation>
    </message>
    <message>
        <source>Jabberwock is already running for this profile but did not answer.</source>
        <translation>이 프로필로 Jabberwock가 이미 실행 중이지만 응답하지 않았습니다.</translation>
    </message>
    <message>
        <source>The Jabberwock already running for this profile refused the request.</source>
        <translation>이 프로필로 이미 실행 중인 Jabberwock가 요청을 거부했습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Invitations</name>
    <message>
        <source>A room invitation came from “%1”, which is not a room&apos;s address: %2</source>
        <translation>대화방 초대가 대화방 주소가 아닌 “%1”에서 왔습니다: %2</translation>
    </message>
    <message>
        <source>The room %1 sent an invitation to another room, %2.</source>
        <translation>대화방 %1이(가) 다른 대화방 %2(으)로 초대를 보냈습니다.</translation>
    </message>
    <message>
        <source>An invitation from %1 names “%2”, which is not a room&apos;s address: %3</source>
        <translation>%1 님의 초대에 적힌 “%2”은(는) 대화방 주소가 아닙니다: %3</translation>
    </message>
    <message>
        <source>%1 is blocked.</source>
        <translation>%1 님은 차단되어 있습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::MessagesModel</name>
    <message>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>이 메시지는 삭제되었습니다</translation>
    </message>
    <message>
        <source>A message not shown here</source>
        <translation>여기에 표시되지 않은 메시지</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>나</translation>
    </message>
</context>
<context>
    <name>Jw::Messenger</name>
    <message>
        <source>Me</source>
        <translation>나</translation>
    </message>
</context>
<context>
    <name>Jw::PasswordChange</name>
    <message>
        <source>The password can be changed only while you are online.</source>
        <translation>비밀번호는 온라인일 때만 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>The server does not let this account change its password.</source>
        <translation>서버가 이 계정의 비밀번호 변경을 허용하지 않습니다.</translation>
    </message>
    <message>
        <source>The server did not accept the new password. It may be too short or too simple.</source>
        <translation>서버가 새 비밀번호를 받아들이지 않았습니다. 너무 짧거나 단순할 수 있습니다.</translation>
    </message>
    <message>
        <source>The server does not support changing the password from an app. Your provider’s website may offer a way.</source>
        <translation>서버가 앱에서 비밀번호를 바꾸는 기능을 지원하지 않습니다. 서비스 제공자의 웹사이트에서 바꿀 수 있을지도 모릅니다.</translation>
    </message>
    <message>
        <source>The server did not change the password.</source>
        <translation>서버가 비밀번호를 바꾸지 않았습니다.</translation>
    </message>
    <message>
        <source>It said: “%1”</source>
        <translation>서버의 답: “%1”</translation>
    </message>
</context>
<context>
    <name>Jw::PasswordStore</name>
    <message>
        <source>No password is saved for this account.</source>
        <translation>이 계정에 저장된 비밀번호가 없습니다.</translation>
    </message>
    <message>
        <source>The system keychain could not be read: %1</source>
        <translation>시스템 키체인을 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <source>The password could not be saved in the system keychain: %1</source>
        <translation>비밀번호를 시스템 키체인에 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>The password could not be removed from the keychain: %1</source>
        <translation>키체인에서 비밀번호를 지우지 못했습니다: %1</translation>
    </message>
    <message>
        <source>This build of Jabberwock has no keychain support.</source>
        <translation>이 Jabberwock 빌드는 키체인을 지원하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Profile</name>
    <message>
        <source>Could not create the profile folder %1.</source>
        <translation>프로필 폴더 %1을(를) 만들지 못했습니다.</translation>
    </message>
    <message>
        <source>Could not write the settings file %1.</source>
        <translation>설정 파일 %1을(를) 쓰지 못했습니다.</translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>폴더 %1을(를) 만들지 못했습니다.</translation>
    </message>
    <message>
        <source>Could not save the trusted certificate: %1</source>
        <translation>신뢰한 인증서를 저장하지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>Jw::QXmppRoomWire</name>
    <message>
        <source>This person attempted to retract a previous message, but your client does not support it.</source>
        <translation>상대방이 이전 메시지를 삭제하려 했지만, 사용 중인 클라이언트가 이를 지원하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::ReadStore</name>
    <message>
        <source>Could not read a message</source>
        <translation>메시지를 읽지 못했습니다</translation>
    </message>
    <message>
        <source>Could not read the read positions</source>
        <translation>읽은 위치를 읽지 못했습니다</translation>
    </message>
    <message>
        <source>The read position could not be saved</source>
        <translation>읽은 위치를 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>Could not save that a message was seen</source>
        <translation>메시지를 본 것을 저장하지 못했습니다</translation>
    </message>
</context>
<context>
    <name>Jw::RequestStore</name>
    <message>
        <source>Could not read who your contacts are</source>
        <translation>연락처 정보를 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Could not save who your contacts are</source>
        <translation>연락처 정보를 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>The conversation could not be deleted</source>
        <translation>대화를 삭제할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>Jw::Requests</name>
    <message>
        <source>You can answer only while you are online.</source>
        <translation>온라인일 때만 답할 수 있습니다.</translation>
    </message>
    <message>
        <source>You can ask only while you are online.</source>
        <translation>온라인일 때만 요청할 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::RoomChatStates</name>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 님이 입력하는 중…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 님과 %2 님이 입력하는 중…</translation>
    </message>
    <message>
        <source>%1, %2 and %3 are typing…</source>
        <translation>%1 님, %2 님, %3 님이 입력하는 중…</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %n others are typing…</source>
        <translation>
            <numerusform>%1 님, %2 님 외 %n명이 입력하는 중…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Jw::RoomCreation</name>
    <message>
        <source>The connection was lost before the group was made. Try again once you are online.</source>
        <translation>그룹을 만들기 전에 연결이 끊겼습니다. 다시 온라인이 되면 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The address %1 was taken just now. Try again.</source>
        <translation>주소 %1이(가) 방금 다른 사람에게 쓰였습니다. 다시 시도하세요.</translation>
    </message>
    <message>
        <source>You are not allowed to make rooms on %1.</source>
        <translation>%1에서는 대화방을 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>The address %1 is taken. Try another name.</source>
        <translation>주소 %1은(는) 이미 쓰이고 있습니다. 다른 이름을 써 보세요.</translation>
    </message>
    <message>
        <source>The group chat service %1 does not answer. Try again later.</source>
        <translation>그룹 대화 서비스 %1이(가) 응답하지 않습니다. 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The room %1 could not be made.</source>
        <translation>대화방 %1을(를) 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>Another group is being made. Wait until it is ready.</source>
        <translation>다른 그룹을 만드는 중입니다. 끝날 때까지 기다리세요.</translation>
    </message>
    <message>
        <source>You are offline. Groups can be made once you are signed in.</source>
        <translation>오프라인 상태입니다. 그룹은 로그인한 뒤에 만들 수 있습니다.</translation>
    </message>
    <message>
        <source>Your server %1 offers no group chat service, so no group can be made there.</source>
        <translation>서버 %1에 그룹 대화 서비스가 없어서 그곳에서는 그룹을 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>There are already rooms named like “%1” on %2. Choose another name.</source>
        <translation>%2에 “%1”와(과) 비슷한 이름의 대화방이 이미 있습니다. 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <source>The room %1 was made, but its settings could not be read, so they are the server&apos;s.</source>
        <translation>대화방 %1은(는) 만들어졌지만 설정을 읽을 수 없어서 서버의 기본 설정을 따릅니다.</translation>
    </message>
    <message>
        <source>The room %1 was made, but the server did not take its settings.</source>
        <translation>대화방 %1은(는) 만들어졌지만 서버가 설정을 받아들이지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::RoomModeration</name>
    <message>
        <source>%1 could not be removed from %2.</source>
        <translation>%1을(를) %2에서 내보내지 못했습니다.</translation>
    </message>
    <message>
        <source>%1 could not be banned from %2.</source>
        <translation>%1을(를) %2에서 차단하지 못했습니다.</translation>
    </message>
    <message>
        <source>%1 could not be made a member of %2.</source>
        <translation>%1을(를) %2의 회원으로 만들지 못했습니다.</translation>
    </message>
    <message>
        <source>%1 could not be removed from the members of %2.</source>
        <translation>%1을(를) %2의 회원에서 빼지 못했습니다.</translation>
    </message>
    <message>
        <source>The subject of %1 could not be changed.</source>
        <translation>%1의 주제를 바꾸지 못했습니다.</translation>
    </message>
    <message>
        <source>%1 could not be closed.</source>
        <translation>%1을(를) 없애지 못했습니다.</translation>
    </message>
    <message>
        <source>Your role in the room does not allow it.</source>
        <translation>대화방에서 맡은 역할로는 할 수 없는 일입니다.</translation>
    </message>
    <message>
        <source>They are no longer in the room.</source>
        <translation>그 사람은 이제 대화방에 없습니다.</translation>
    </message>
    <message>
        <source>A room needs at least one owner.</source>
        <translation>대화방에는 방장이 적어도 한 명 있어야 합니다.</translation>
    </message>
    <message>
        <source>The room did not understand the request.</source>
        <translation>대화방이 요청을 이해하지 못했습니다.</translation>
    </message>
    <message>
        <source>The room did not answer. Try again later.</source>
        <translation>대화방이 응답하지 않았습니다. 나중에 다시 해 보세요.</translation>
    </message>
    <message>
        <source>You are offline. Try again once connected.</source>
        <translation>오프라인 상태입니다. 연결된 뒤에 다시 해 보세요.</translation>
    </message>
    <message>
        <source>You are not in the room now.</source>
        <translation>지금 대화방에 들어가 있지 않습니다.</translation>
    </message>
    <message>
        <source>The room does not offer this.</source>
        <translation>대화방이 이 기능을 제공하지 않습니다.</translation>
    </message>
    <message>
        <source>It said: “%1”</source>
        <translation>대화방의 답: “%1”</translation>
    </message>
    <message>
        <source>The room does not allow it.</source>
        <translation>대화방이 허용하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::RoomReadBy</name>
    <message>
        <source>Could not read who has read the rooms</source>
        <translation>대화방을 누가 읽었는지 불러올 수 없습니다</translation>
    </message>
    <message>
        <source>Could not read who has read %1</source>
        <translation>%1을(를) 누가 읽었는지 불러올 수 없습니다</translation>
    </message>
    <message>
        <source>Could not keep who has read %1</source>
        <translation>%1을(를) 누가 읽었는지 저장할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>Jw::RoomStore</name>
    <message>
        <source>Could not read the rooms</source>
        <translation>대화방 목록을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>The room could not be saved</source>
        <translation>대화방을 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>The room&apos;s archive position could not be saved</source>
        <translation>대화방 보관함의 읽은 위치를 저장할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>Jw::Rooms</name>
    <message>
        <source>%1 did not take the message. It said: “%2”</source>
        <translation>%1이(가) 메시지를 받지 않았습니다. 답: “%2”</translation>
    </message>
    <message>
        <source>The room %1 does not exist.</source>
        <translation>대화방 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>The nickname “%1” is already taken in %2. Choose another one.</source>
        <translation>대화명 “%1”은(는) %2에서 이미 쓰이고 있습니다. 다른 대화명을 고르세요.</translation>
    </message>
    <message>
        <source>%1 is for members only. Ask one of its owners to add you.</source>
        <translation>%1은(는) 회원 전용입니다. 방장에게 추가해 달라고 요청하세요.</translation>
    </message>
    <message>
        <source>You are banned from %1.</source>
        <translation>%1에서 차단되었습니다.</translation>
    </message>
    <message>
        <source>The password for %1 is wrong.</source>
        <translation>%1의 비밀번호가 틀렸습니다.</translation>
    </message>
    <message>
        <source>The group chat service %1 was not found. Check the address.</source>
        <translation>그룹 대화 서비스 %1을(를) 찾을 수 없습니다. 주소를 확인하세요.</translation>
    </message>
    <message>
        <source>%1 is full. Try again later.</source>
        <translation>%1이(가) 꽉 찼습니다. 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Could not join %1.</source>
        <translation>%1에 들어갈 수 없습니다.</translation>
    </message>
    <message>
        <source>It said: “%1”</source>
        <translation>답: “%1”</translation>
    </message>
    <message>
        <source>You were removed from %1.</source>
        <translation>%1에서 내보내졌습니다.</translation>
    </message>
    <message>
        <source>You were banned from %1.</source>
        <translation>%1에서 차단되었습니다.</translation>
    </message>
    <message>
        <source>You were removed from %1: it is now for members only.</source>
        <translation>%1에서 내보내졌습니다. 이제 회원 전용 대화방입니다.</translation>
    </message>
    <message>
        <source>The service of %1 is shutting down. Jabberwock joins again when it is back.</source>
        <translation>%1의 서비스가 종료되는 중입니다. 서비스가 돌아오면 Jabberwock이 다시 들어갑니다.</translation>
    </message>
    <message>
        <source>The room %1 was closed by its owner.</source>
        <translation>방장이 대화방 %1을(를) 닫았습니다.</translation>
    </message>
    <message>
        <source>Reason: “%1”</source>
        <translation>이유: “%1”</translation>
    </message>
    <message>
        <source>%1 was removed from the room.</source>
        <translation>%1 님이 대화방에서 내보내졌습니다.</translation>
    </message>
    <message>
        <source>%1 was banned from the room.</source>
        <translation>%1 님이 대화방에서 차단되었습니다.</translation>
    </message>
    <message>
        <source>%1 was removed from the room: they are not a member.</source>
        <translation>%1 님이 대화방에서 내보내졌습니다: 멤버가 아닙니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Roster</name>
    <message>
        <source>%1 (private, through %2)</source>
        <translation>%1 (%2 대화방을 통한 비공개 대화)</translation>
    </message>
</context>
<context>
    <name>Jw::Search</name>
    <message>
        <source>There is no profile at %1.</source>
        <translation>%1에 프로필이 없습니다.</translation>
    </message>
    <message>
        <source>Could not write the results: %1</source>
        <translation>결과를 쓸 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Could not search the history</source>
        <translation>기록을 검색할 수 없습니다</translation>
    </message>
    <message>
        <source>Search is not available: the history&apos;s database is not SQLite.</source>
        <translation>검색을 사용할 수 없습니다: 기록 데이터베이스가 SQLite가 아닙니다.</translation>
    </message>
    <message>
        <source>Search is not available: this SQLite has no full-text search (FTS5).</source>
        <translation>검색을 사용할 수 없습니다: 이 SQLite에는 전문 검색(FTS5)이 없습니다.</translation>
    </message>
    <message>
        <source>Search is not available: %1</source>
        <translation>검색을 사용할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Could not index the history for search</source>
        <translation>검색을 위해 기록을 색인할 수 없습니다</translation>
    </message>
    <message>
        <source>“%1:” needs a date like 2026-11-01, not “%2”.</source>
        <translation>“%1:”에는 2026-11-01 같은 날짜가 필요합니다(“%2”가 아님).</translation>
    </message>
    <message>
        <source>Nothing to search for: give a word, a &quot;phrase&quot;, or from:, in:, before:, after:.</source>
        <translation>검색할 내용이 없습니다: 단어나 &quot;구절&quot;, 또는 from:, in:, before:, after:를 입력하세요.</translation>
    </message>
</context>
<context>
    <name>Jw::Session</name>
    <message>
        <source>The server %1 stopped answering.</source>
        <translation>서버 %1이(가) 응답하지 않습니다.</translation>
    </message>
    <message>
        <source>The server %1 did not prove that it knows the password of %2, so Jabberwock did not sign in: it may not be your server. (%3)</source>
        <translation>서버 %1이(가) %2의 비밀번호를 알고 있다는 것을 증명하지 못해 Jabberwock은 로그인하지 않았습니다. 사용자의 서버가 아닐 수 있습니다. (%3)</translation>
    </message>
    <message>
        <source>“%1” is not an account address: it looks like name@example.org.</source>
        <translation>“%1”은(는) 계정 주소가 아닙니다. 계정 주소는 name@example.org 같은 형태입니다.</translation>
    </message>
    <message>
        <source>The connection to the server was lost.</source>
        <translation>서버와의 연결이 끊어졌습니다.</translation>
    </message>
    <message>
        <source>The server did not accept the password for %1.</source>
        <translation>서버가 %1의 비밀번호를 받아들이지 않았습니다.</translation>
    </message>
    <message>
        <source>The account %1 is disabled on its server.</source>
        <translation>계정 %1은(는) 서버에서 사용 중지되었습니다.</translation>
    </message>
    <message>
        <source>The password for %1 has expired. Change it with your provider.</source>
        <translation>%1의 비밀번호가 만료되었습니다. 서비스 제공자에게서 바꾸세요.</translation>
    </message>
    <message>
        <source>The server offers no safe way to sign in (%1).</source>
        <translation>서버가 안전하게 로그인할 방법을 제공하지 않습니다 (%1).</translation>
    </message>
    <message>
        <source>Signing in failed: %1</source>
        <translation>로그인하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted: %2. Its SHA-256 fingerprint is %3.</source>
        <translation>%1의 인증서를 신뢰할 수 없습니다: %2. SHA-256 지문은 %3입니다.</translation>
    </message>
    <message>
        <source>The server at %1 does not serve the domain of %2.</source>
        <translation>%1의 서버는 %2의 도메인을 맡고 있지 않습니다.</translation>
    </message>
    <message>
        <source>Another client signed in with the same device name and took over this connection.</source>
        <translation>다른 프로그램이 같은 기기 이름으로 로그인해서 이 연결을 가져갔습니다.</translation>
    </message>
    <message>
        <source>The server ended the connection: %1</source>
        <translation>서버가 연결을 끊었습니다: %1</translation>
    </message>
    <message>
        <source>The connection failed: %1</source>
        <translation>연결하지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>Jw::Settings</name>
    <message>
        <source>Could not save the setting in %1; it holds until you quit.</source>
        <translation>%1에 설정을 저장하지 못했습니다. 종료할 때까지만 유지됩니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Stanzas</name>
    <message>
        <source>A message from %1 was too large to show: %2 MB</source>
        <translation>%1 님이 보낸 메시지가 너무 커서 표시할 수 없습니다: %2 MB</translation>
    </message>
</context>
<context>
    <name>Jw::Transfers</name>
    <message>
        <source>The files in the history could not be read</source>
        <translation>기록에 있는 파일 정보를 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>The connection to the server was lost during the upload.</source>
        <translation>올리는 중에 서버와의 연결이 끊어졌습니다.</translation>
    </message>
    <message>
        <source>The upload was interrupted.</source>
        <translation>올리기가 중단되었습니다.</translation>
    </message>
    <message>
        <source>The download was interrupted.</source>
        <translation>내려받기가 중단되었습니다.</translation>
    </message>
    <message>
        <source>The downloaded file is no longer there: it was moved or deleted.</source>
        <translation>내려받은 파일이 더 이상 없습니다. 옮겨졌거나 삭제되었습니다.</translation>
    </message>
    <message>
        <source>The file could not be saved in the history</source>
        <translation>파일 정보를 기록에 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>The file&apos;s state could not be saved</source>
        <translation>파일 상태를 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>This file cannot be read.</source>
        <translation>이 파일을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>Files can be sent once you are online.</source>
        <translation>온라인 상태가 되면 파일을 보낼 수 있습니다.</translation>
    </message>
    <message>
        <source>The upload could not start: the server&apos;s upload service is not known yet.</source>
        <translation>올리기를 시작할 수 없습니다. 서버의 업로드 서비스를 아직 찾지 못했습니다.</translation>
    </message>
    <message>
        <source>The upload failed: %1</source>
        <translation>올리기에 실패했습니다: %1</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>내려받기를 취소했습니다.</translation>
    </message>
    <message>
        <source>The file to send is no longer there: it was moved or deleted.</source>
        <translation>보낼 파일이 더 이상 없습니다. 옮겨졌거나 삭제되었습니다.</translation>
    </message>
    <message>
        <source>Only https links are downloaded.</source>
        <translation>https 링크만 내려받습니다.</translation>
    </message>
    <message>
        <source>The download folder %1 cannot be made.</source>
        <translation>내려받기 폴더 %1을(를) 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>The file %1 cannot be written.</source>
        <translation>파일 %1에 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>The file is larger than announced, so the download was stopped.</source>
        <translation>파일이 알려진 크기보다 커서 내려받기를 멈췄습니다.</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>파일을 쓸 수 없습니다: %1</translation>
    </message>
    <message>
        <source>The download failed: %1</source>
        <translation>내려받기에 실패했습니다: %1</translation>
    </message>
    <message>
        <source>The file could not be put in place as %1.</source>
        <translation>파일을 %1(으)로 옮길 수 없습니다.</translation>
    </message>
    <message>
        <source>The upload failed.</source>
        <translation>업로드에 실패했습니다.</translation>
    </message>
    <message>
        <source>The file could not be removed from the history</source>
        <translation>기록에서 파일을 지울 수 없습니다</translation>
    </message>
</context>
<context>
    <name>Jw::Ui</name>
    <message>
        <source>Available</source>
        <translation>대화 가능</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>자리 비움</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>방해 금지</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::AddressDialog</name>
    <message>
        <source>New Chat</source>
        <translation>새 대화</translation>
    </message>
    <message>
        <source>Add Contact</source>
        <translation>연락처 추가</translation>
    </message>
    <message>
        <source>name@example.org</source>
        <translation>name@example.org</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>주소 문제</translation>
    </message>
    <message>
        <source>Start Chat</source>
        <translation>대화 시작</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>주소(&amp;A):</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>Join it as a &amp;room (group chat)</source>
        <translation>대화방으로 참여(&amp;R) (그룹 채팅)</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>닉네임</translation>
    </message>
    <message>
        <source>How the others in the room see you</source>
        <translation>대화방의 다른 사람들에게 보이는 이름</translation>
    </message>
    <message>
        <source>Nic&amp;kname:</source>
        <translation>닉네임(&amp;K):</translation>
    </message>
    <message>
        <source>Room password</source>
        <translation>대화방 비밀번호</translation>
    </message>
    <message>
        <source>Only if the room has one</source>
        <translation>대화방에 비밀번호가 있을 때만</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>Join Room</source>
        <translation>대화방 참여</translation>
    </message>
    <message>
        <source>room@conference.example.org</source>
        <translation>room@conference.example.org</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::CertificateDialog</name>
    <message>
        <source>(not given)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>&amp;Trust This Certificate</source>
        <translation>이 인증서 신뢰(&amp;T)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Untrusted Certificate</source>
        <translation>신뢰할 수 없는 인증서</translation>
    </message>
    <message>
        <source>The server presented no certificate that could be shown.</source>
        <translation>서버가 보여 줄 수 있는 인증서를 내놓지 않았습니다.</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1부터 %2까지</translation>
    </message>
    <message>
        <source>(expired)</source>
        <translation>(만료됨)</translation>
    </message>
    <message>
        <source>(not yet valid)</source>
        <translation>(아직 유효하지 않음)</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>발급 대상:</translation>
    </message>
    <message>
        <source>Names:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>발급자:</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>유효 기간:</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>Trust it only if you can compare the fingerprint with one your server&apos;s administrator gave you. Jabberwock will then accept exactly this certificate for this account.</source>
        <translation>서버 관리자가 알려 준 지문과 비교할 수 있을 때만 신뢰하세요. 그러면 Jabberwock는 이 계정에 대해 정확히 이 인증서만 받아들입니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::ChatPane</name>
    <message>
        <source>Choose a conversation, or start a new one with New chat (Ctrl+N).</source>
        <translation>대화를 고르거나 새 대화(Ctrl+N)로 시작하세요.</translation>
    </message>
    <message>
        <source>Contact name</source>
        <translation>연락처 이름</translation>
    </message>
    <message>
        <source>Contact address</source>
        <translation>연락처 주소</translation>
    </message>
    <message>
        <source>Contact status</source>
        <translation>연락처 상태</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>&amp;Copy Text</source>
        <translation>텍스트 복사(&amp;C)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>메시지 보내기</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>보내기 (Enter)</translation>
    </message>
    <message>
        <source>&amp;Retry Sending</source>
        <translation>다시 보내기(&amp;R)</translation>
    </message>
    <message>
        <source>Status not shared</source>
        <translation>상태 공유 안 됨</translation>
    </message>
    <message>
        <source>Room subject</source>
        <translation>대화방 주제</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>참여하는 중…</translation>
    </message>
    <message>
        <source>You are not in this room now.</source>
        <translation>지금은 이 대화방에 참여하고 있지 않습니다.</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>참여자</translation>
    </message>
    <message>
        <source>Show or hide who is in the room</source>
        <translation>대화방 참여자 목록을 보이거나 숨깁니다</translation>
    </message>
    <message>
        <source>Room members</source>
        <translation>대화방 참여자</translation>
    </message>
    <message>
        <source>Room problem</source>
        <translation>대화방 문제</translation>
    </message>
    <message>
        <source>Double-click a member to write to them privately, through the room</source>
        <translation>멤버를 두 번 클릭하면 대화방을 통해 그 사람에게만 따로 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>첨부</translation>
    </message>
    <message>
        <source>Send a file or a picture (Ctrl+Shift+A)</source>
        <translation>파일이나 사진 보내기 (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Attach a File</source>
        <translation>파일 첨부</translation>
    </message>
    <message>
        <source>Send a File</source>
        <translation>파일 보내기</translation>
    </message>
    <message>
        <source>The pasted picture could not be saved to be sent.</source>
        <translation>붙여 넣은 사진을 보내기 위해 저장할 수 없습니다.</translation>
    </message>
    <message>
        <source>Download a File</source>
        <translation>파일 내려받기</translation>
    </message>
    <message>
        <source>This file is on %1, not on the sender&apos;s server. Download it from there?</source>
        <translation>이 파일은 보낸 사람의 서버가 아닌 %1에 있습니다. 그곳에서 내려받을까요?</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::ChatStateLabel</name>
    <message>
        <source>What the contact is doing</source>
        <translation>상대방이 하고 있는 일</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::Composer</name>
    <message>
        <source>Write a message…</source>
        <translation>메시지를 쓰세요…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Enter sends the message; Shift+Enter starts a new line.</source>
        <translation>Enter를 누르면 메시지를 보내고, Shift+Enter를 누르면 줄을 바꿉니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::ConversationDelegate</name>
    <message>
        <source>No messages yet</source>
        <translation>아직 메시지가 없습니다</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>나: %1</translation>
    </message>
    <message>
        <source>Wants to see your status</source>
        <translation>내 상태를 보고 싶어 합니다</translation>
    </message>
    <message>
        <source>Not in your contacts · %1</source>
        <translation>연락처에 없음 · %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>room preview: nickname, text</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Room · %1</source>
        <translation>대화방 · %1</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::CreateAccountDialog</name>
    <message>
        <source>&amp;Create Account</source>
        <translation>계정 만들기(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Create an Account</source>
        <translation>계정 만들기</translation>
    </message>
    <message>
        <source>Choose the address you want on a server that lets apps create accounts. Some servers ask for more; their questions appear below.</source>
        <translation>앱에서 계정을 만들 수 있는 서버에서 원하는 주소를 고르세요. 더 많은 것을 묻는 서버도 있으며, 그 질문은 아래에 나타납니다.</translation>
    </message>
    <message>
        <source>name@example.org</source>
        <translation>name@example.org</translation>
    </message>
    <message>
        <source>New address</source>
        <translation>새 주소</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>주소 문제</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>비밀번호 다시 입력</translation>
    </message>
    <message>
        <source>Password problem</source>
        <translation>비밀번호 문제</translation>
    </message>
    <message>
        <source>Optional: host or host:port</source>
        <translation>선택 사항: 호스트 또는 호스트:포트</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>Server problem</source>
        <translation>서버 문제</translation>
    </message>
    <message>
        <source>The server&apos;s instructions</source>
        <translation>서버의 안내</translation>
    </message>
    <message>
        <source>Problem creating the account</source>
        <translation>계정 만들기 문제</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>주소(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>다시 입력(&amp;R):</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>서버(&amp;V):</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>두 비밀번호가 같지 않습니다.</translation>
    </message>
    <message>
        <source>Creating the account…</source>
        <translation>계정을 만드는 중…</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>%1에 묻는 중…</translation>
    </message>
    <message>
        <source>%1 asks for something Jabberwock cannot show here. Create the account on the server&apos;s website, then sign in.</source>
        <translation>%1이(가) Jabberwock에서 보여 줄 수 없는 것을 요구합니다. 서버의 웹사이트에서 계정을 만든 다음 로그인하세요.</translation>
    </message>
    <message>
        <source>%1 creates accounts on its website: %2. Then sign in here.</source>
        <translation>%1은(는) 웹사이트에서 계정을 만듭니다: %2. 그런 다음 여기서 로그인하세요.</translation>
    </message>
    <message>
        <source>%1 asks for a little more: fill in the fields below, then press Create Account again.</source>
        <translation>%1이(가) 몇 가지를 더 묻습니다. 아래 칸을 채운 다음 계정 만들기를 다시 누르세요.</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>선택 사항</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::DBusNotifier</name>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::InvitationActions</name>
    <message>
        <source>&amp;Invite…</source>
        <translation>초대(&amp;I)…</translation>
    </message>
    <message>
        <source>Invite contacts to the room shown</source>
        <translation>보고 있는 대화방에 연락처를 초대합니다</translation>
    </message>
    <message>
        <source>Not connected: the room was not told.</source>
        <translation>연결되어 있지 않아 대화방에 알리지 못했습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Invited %n people to %1.</source>
        <translation>
            <numerusform>%n명을 %1에 초대했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected: nobody was invited.</source>
        <translation>연결되어 있지 않아 아무도 초대하지 못했습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::InvitationBar</name>
    <message>
        <source>&amp;Join</source>
        <translation>참여(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>거절(&amp;D)</translation>
    </message>
    <message>
        <source>The room %1 invites you.</source>
        <translation>대화방 %1에서 초대했습니다.</translation>
    </message>
    <message>
        <source>The room %1 says %2 invited you.</source>
        <translation>대화방 %1에 따르면 %2 님이 초대했습니다.</translation>
    </message>
    <message>
        <source>%1 invited you to the room %2.</source>
        <translation>%1 님이 대화방 %2에 초대했습니다.</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>Tell the room you will not join</source>
        <translation>참여하지 않겠다고 대화방에 알립니다</translation>
    </message>
    <message>
        <source>Put the invitation away</source>
        <translation>초대를 치웁니다</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::InviteDialog</name>
    <message>
        <source>Invite to %1</source>
        <translation>%1에 초대</translation>
    </message>
    <message>
        <source>Choose whom to invite:</source>
        <translation>초대할 사람을 고르세요:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Message (optional)</source>
        <translation>메시지 (선택 사항)</translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation>초대(&amp;I)</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::MainWindow</name>
    <message>
        <source>Fetching messages from the server archive… %1</source>
        <translation>서버 보관함에서 메시지를 가져오는 중… %1</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s.</source>
        <translation>%1초 후에 다시 연결합니다.</translation>
    </message>
    <message>
        <source>Reconnect &amp;Now</source>
        <translation>지금 다시 연결(&amp;N)</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>대화</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>연락처</translation>
    </message>
    <message>
        <source>C&amp;hats</source>
        <translation>대화(&amp;H)</translation>
    </message>
    <message>
        <source>C&amp;ontacts</source>
        <translation>연락처(&amp;O)</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>History problem</source>
        <translation>기록 문제</translation>
    </message>
    <message>
        <source>&amp;New Chat…</source>
        <translation>새 대화(&amp;N)…</translation>
    </message>
    <message>
        <source>Start a chat with any address (Ctrl+N)</source>
        <translation>아무 주소와 대화를 시작합니다 (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Add Contact…</source>
        <translation>연락처 추가(&amp;A)…</translation>
    </message>
    <message>
        <source>Add someone to your contacts</source>
        <translation>연락처에 사람을 추가합니다</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>대화(&amp;C)</translation>
    </message>
    <message>
        <source>My status</source>
        <translation>내 상태</translation>
    </message>
    <message>
        <source>Your status, as your contacts see it</source>
        <translation>연락처에 보이는 내 상태</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>Jabberwock</source>
        <translation>Jabberwock</translation>
    </message>
    <message>
        <source>Jabberwock — %1</source>
        <translation>Jabberwock — %1</translation>
    </message>
    <message>
        <source>(%1) %2</source>
        <comment>unread count, window title</comment>
        <translation>(%1) %2</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결하는 중…</translation>
    </message>
    <message>
        <source>Online as %1</source>
        <translation>%1(으)로 온라인</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>연결되지 않았습니다.</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>연결되지 않음: %1</translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n second(s).</source>
        <translation>
            <numerusform>%n초 후에 다시 시도합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Jump to Chat…</source>
        <translation>대화로 이동(&amp;J)…</translation>
    </message>
    <message>
        <source>Find a chat by name or address (Ctrl+K)</source>
        <translation>이름이나 주소로 대화를 찾습니다 (Ctrl+K)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>Message requests</source>
        <translation>메시지 요청</translation>
    </message>
    <message>
        <source>Re&amp;quests (%1)</source>
        <translation>요청(&amp;Q) (%1)</translation>
    </message>
    <message>
        <source>Re&amp;quests</source>
        <translation>요청(&amp;Q)</translation>
    </message>
    <message>
        <source>Messages from people who are not in your contacts</source>
        <translation>연락처에 없는 사람이 보낸 메시지</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>대화방(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find in Chat…</source>
        <translation>대화에서 찾기(&amp;F)…</translation>
    </message>
    <message>
        <source>Search the messages of this chat (Ctrl+F)</source>
        <translation>이 대화의 메시지를 검색합니다 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search A&amp;ll Chats…</source>
        <translation>모든 대화 검색(&amp;L)…</translation>
    </message>
    <message>
        <source>Search the messages of all chats (Ctrl+Shift+F)</source>
        <translation>모든 대화의 메시지를 검색합니다 (Ctrl+Shift+F)</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::MessageActions</name>
    <message>
        <source>Composer mode</source>
        <translation>입력창 모드</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>수정(&amp;E)</translation>
    </message>
    <message>
        <source>Re&amp;ply</source>
        <translation>답장(&amp;P)</translation>
    </message>
    <message>
        <source>Re&amp;act</source>
        <translation>반응(&amp;A)</translation>
    </message>
    <message>
        <source>De&amp;lete for Everyone</source>
        <translation>모두에게서 삭제(&amp;L)</translation>
    </message>
    <message>
        <source>Delete for &amp;Me</source>
        <translation>나에게서 삭제(&amp;M)</translation>
    </message>
    <message>
        <source>Editing your message (Escape to cancel)</source>
        <translation>메시지 수정 중 (취소하려면 Esc)</translation>
    </message>
    <message>
        <source>yourself</source>
        <translation>나</translation>
    </message>
    <message>
        <source>Replying to %1: %2 (Escape to cancel)</source>
        <translation>%1에게 답장: %2 (취소하려면 Esc)</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::MessageAlerts</name>
    <message>
        <source>Message requests</source>
        <translation>메시지 요청</translation>
    </message>
    <message>
        <source>More people who are not in your contacts wrote to you. They wait in Requests.</source>
        <translation>연락처에 없는 사람들이 더 메시지를 보냈습니다. 요청함에서 기다리고 있습니다.</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>새 메시지</translation>
    </message>
    <message>
        <source>Message request</source>
        <translation>메시지 요청</translation>
    </message>
    <message>
        <source>%1 is not in your contacts and wrote to you.</source>
        <translation>연락처에 없는 %1이(가) 메시지를 보냈습니다.</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <comment>nickname in room</comment>
        <translation>%2의 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <extracomment>who wrote, as in &quot;12 messages from 3 people arrived while you were offline.&quot;</extracomment>
        <translation>
            <numerusform>%n명</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) from %1 arrived while you were offline.</source>
        <extracomment>%1 is a person&apos;s name, or &quot;3 people&quot;</extracomment>
        <translation>
            <numerusform>오프라인인 동안 %1에게서 메시지 %n개가 도착했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>새 메시지</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::MessageDelegate</name>
    <message numerus="yes">
        <source>Show all (%n characters)</source>
        <translation>
            <numerusform>모두 보기 (%n자)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>보내지 못함</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>읽음</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>새 메시지</translation>
    </message>
    <message>
        <source>Waiting to be sent: it goes out as soon as you are online.</source>
        <translation>보내기를 기다리는 중: 온라인이 되면 바로 보냅니다.</translation>
    </message>
    <message>
        <source>The server has the message.</source>
        <translation>서버가 메시지를 받았습니다.</translation>
    </message>
    <message>
        <source>Delivered to the recipient’s device.</source>
        <translation>받는 사람의 기기에 전달되었습니다.</translation>
    </message>
    <message>
        <source>The message could not be sent.</source>
        <translation>메시지를 보내지 못했습니다.</translation>
    </message>
    <message>
        <source>The message could not be sent: %1</source>
        <translation>메시지를 보내지 못했습니다: %1</translation>
    </message>
    <message>
        <source>arrived while you were offline</source>
        <translation>오프라인일 때 도착함</translation>
    </message>
    <message>
        <source>Seen: the other side has displayed it.</source>
        <translation>읽음: 상대방 화면에 표시되었습니다.</translation>
    </message>
    <message numerus="yes">
        <source>New messages · %n arrived while you were offline</source>
        <translation>
            <numerusform>새 메시지 · 오프라인일 때 %n개 도착</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Read by %n</source>
        <translation>
            <numerusform>%n명 읽음</numerusform>
        </translation>
    </message>
    <message>
        <source>Read by %1</source>
        <translation>읽은 사람: %1</translation>
    </message>
    <message>
        <source>Edited. Earlier versions:</source>
        <translation>수정됨. 이전 내용:</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>수정됨</translation>
    </message>
    <message>
        <source>Could not show this picture</source>
        <translation>이 사진을 표시할 수 없습니다</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>내려받기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>다시 시도</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>폴더에서 보기</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>The file was deleted or moved.</source>
        <translation>파일이 삭제되었거나 다른 곳으로 옮겨졌습니다.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>보내는 중…</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>내려받는 중…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>보냄</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>내려받지 않음</translation>
    </message>
    <message>
        <source>Not sent: cancelled</source>
        <translation>보내지 않음: 취소됨</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>⚠ The file could not be sent.</source>
        <translation>⚠ 파일을 보낼 수 없습니다.</translation>
    </message>
    <message>
        <source>⚠ The file could not be downloaded.</source>
        <translation>⚠ 파일을 내려받을 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::ModerationActions</name>
    <message>
        <source>Change &amp;Nickname…</source>
        <translation>대화명 바꾸기(&amp;N)…</translation>
    </message>
    <message>
        <source>Change &amp;Subject…</source>
        <translation>주제 바꾸기(&amp;S)…</translation>
    </message>
    <message>
        <source>Add a &amp;Member…</source>
        <translation>회원 추가(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Destroy Room…</source>
        <translation>대화방 없애기(&amp;D)…</translation>
    </message>
    <message>
        <source>Change the name others see you by in the room shown</source>
        <translation>보이는 대화방에서 다른 사람들이 보는 내 이름을 바꿉니다</translation>
    </message>
    <message>
        <source>Change the subject of the room shown</source>
        <translation>보이는 대화방의 주제를 바꿉니다</translation>
    </message>
    <message>
        <source>Make someone a member of the room shown by their address</source>
        <translation>주소로 다른 사람을 보이는 대화방의 회원으로 만듭니다</translation>
    </message>
    <message>
        <source>Close the room shown for everyone; its messages stay in your history</source>
        <translation>보이는 대화방을 모두에게서 없앱니다. 메시지는 기록에 남습니다</translation>
    </message>
    <message>
        <source>Change Subject</source>
        <translation>주제 바꾸기</translation>
    </message>
    <message>
        <source>The subject of %1, for everyone in it:</source>
        <translation>%1의 주제(모든 참여자에게 보임):</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>바꾸기</translation>
    </message>
    <message>
        <source>Add a Member</source>
        <translation>회원 추가</translation>
    </message>
    <message>
        <source>The address of the person to make a member of %1:</source>
        <translation>%1의 회원으로 만들 사람의 주소:</translation>
    </message>
    <message>
        <source>Make Member</source>
        <translation>회원으로 만들기</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>대화방</translation>
    </message>
    <message>
        <source>Ban</source>
        <translation>차단</translation>
    </message>
    <message>
        <source>Destroy %1?</source>
        <translation>%1을(를) 없앨까요?</translation>
    </message>
    <message>
        <source>Everyone is put out and the room is gone for good. Its messages stay in your history.</source>
        <translation>모든 참여자가 내보내지고 대화방은 영구히 사라집니다. 메시지는 기록에 남습니다.</translation>
    </message>
    <message>
        <source>Destroy Room</source>
        <translation>대화방 없애기</translation>
    </message>
    <message>
        <source>&amp;Ban…</source>
        <translation>차단(&amp;B)…</translation>
    </message>
    <message>
        <source>Make &amp;Member</source>
        <translation>회원으로 만들기(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Remove Membership</source>
        <translation>회원에서 빼기(&amp;R)</translation>
    </message>
    <message>
        <source>Kick %1</source>
        <translation>%1 내보내기</translation>
    </message>
    <message>
        <source>Remove %1 from %2? They can join again.

Reason, shown to everyone in the room (optional):</source>
        <translation>%2에서 %1 님을 내보낼까요? 다시 들어올 수는 있습니다.

이유 (선택, 대화방의 모두에게 보입니다):</translation>
    </message>
    <message>
        <source>Kick</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Ban %1</source>
        <translation>%1 차단</translation>
    </message>
    <message>
        <source>Ban %1 from %2? They are removed and cannot come back until an admin of the room lifts the ban.

Reason, shown to everyone in the room (optional):</source>
        <translation>%2에서 %1 님을 차단할까요? 내보내지며, 대화방 관리자가 차단을 풀기 전까지 다시 들어올 수 없습니다.

이유 (선택, 대화방의 모두에게 보입니다):</translation>
    </message>
    <message>
        <source>&amp;Kick…</source>
        <translation>내보내기(&amp;K)…</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::NewGroupDialog</name>
    <message>
        <source>&amp;Private group</source>
        <translation>비공개 그룹(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;ublic channel</source>
        <translation>공개 채널(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>만들기(&amp;C)</translation>
    </message>
    <message>
        <source>New Group</source>
        <translation>새 그룹</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>For example: Design team</source>
        <translation>예: 디자인 팀</translation>
    </message>
    <message>
        <source>&amp;Invite contacts (optional):</source>
        <translation>초대할 연락처 (선택)(&amp;I):</translation>
    </message>
    <message>
        <source>You can invite people once the group is made.</source>
        <translation>그룹을 만든 뒤에 사람들을 초대할 수 있습니다.</translation>
    </message>
    <message>
        <source>Only the people invited can join. Everyone sees who is who, and the history is kept.</source>
        <translation>초대받은 사람만 들어올 수 있습니다. 모두가 서로 누구인지 볼 수 있고, 대화 기록이 보관됩니다.</translation>
    </message>
    <message>
        <source>Anyone can find it and join. Only moderators see members&apos; addresses; the history is kept.</source>
        <translation>누구나 찾아서 들어올 수 있습니다. 회원의 주소는 진행자만 볼 수 있고, 대화 기록이 보관됩니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::NewMessagesButton</name>
    <message>
        <source>Jump to first unread message</source>
        <translation>읽지 않은 첫 메시지로 이동</translation>
    </message>
    <message>
        <source>Show the first unread message</source>
        <translation>읽지 않은 첫 메시지를 보여 줍니다</translation>
    </message>
    <message>
        <source>↑ New messages</source>
        <translation>↑ 새 메시지</translation>
    </message>
    <message>
        <source>↓ New messages</source>
        <translation>↓ 새 메시지</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::NickDialog</name>
    <message>
        <source>Change Nickname</source>
        <translation>대화명 바꾸기</translation>
    </message>
    <message>
        <source>Your nickname in %1:</source>
        <translation>%1에서 쓸 대화명:</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>대화명</translation>
    </message>
    <message>
        <source>Nickname problem</source>
        <translation>대화명 문제</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>바꾸기</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::PeerBanner</name>
    <message>
        <source>&amp;Accept</source>
        <translation>수락(&amp;A)</translation>
    </message>
    <message>
        <source>Accept request</source>
        <translation>요청 수락</translation>
    </message>
    <message>
        <source>&amp;Block</source>
        <translation>차단(&amp;B)</translation>
    </message>
    <message>
        <source>Block this address</source>
        <translation>이 주소 차단</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>대화 삭제</translation>
    </message>
    <message>
        <source>&amp;Unblock</source>
        <translation>차단 해제(&amp;U)</translation>
    </message>
    <message>
        <source>Unblock this address</source>
        <translation>이 주소 차단 해제</translation>
    </message>
    <message>
        <source>A&amp;llow</source>
        <translation>허용(&amp;L)</translation>
    </message>
    <message>
        <source>Allow them to see your status</source>
        <translation>상대가 내 상태를 볼 수 있게 허용</translation>
    </message>
    <message>
        <source>De&amp;ny</source>
        <translation>거절(&amp;N)</translation>
    </message>
    <message>
        <source>Do not let them see your status</source>
        <translation>상대가 내 상태를 보지 못하게 함</translation>
    </message>
    <message>
        <source>Ask to &amp;See It</source>
        <translation>보여 달라고 요청(&amp;S)</translation>
    </message>
    <message>
        <source>Ask to see their status</source>
        <translation>상대의 상태를 보여 달라고 요청</translation>
    </message>
    <message>
        <source>Add to &amp;Contacts</source>
        <translation>연락처에 추가(&amp;C)</translation>
    </message>
    <message>
        <source>Add to contacts</source>
        <translation>연락처에 추가</translation>
    </message>
    <message>
        <source>About this person</source>
        <translation>이 사람에 대하여</translation>
    </message>
    <message>
        <source>You can add contacts only while you are online.</source>
        <translation>온라인일 때만 연락처를 추가할 수 있습니다.</translation>
    </message>
    <message>
        <source>You blocked %1. The server refuses their messages.</source>
        <translation>%1을(를) 차단했습니다. 서버가 이 사람의 메시지를 거부합니다.</translation>
    </message>
    <message>
        <source>%1 is not in your contacts. They wrote to you first: nothing from them is loaded, and they cannot see whether you are online or have read this.</source>
        <translation>%1은(는) 연락처에 없습니다. 상대가 먼저 메시지를 보냈습니다: 상대에게서 아무것도 불러오지 않으며, 상대는 내가 온라인인지, 이 메시지를 읽었는지 알 수 없습니다.</translation>
    </message>
    <message>
        <source>They also ask to see your status.</source>
        <translation>내 상태도 보여 달라고 요청했습니다.</translation>
    </message>
    <message>
        <source>%1 wants to see your status (whether you are online).</source>
        <translation>%1이(가) 내 상태(온라인 여부)를 보고 싶어 합니다.</translation>
    </message>
    <message>
        <source>You asked to see %1’s status. It shows here once they allow it.</source>
        <translation>%1의 상태를 보여 달라고 요청했습니다. 상대가 허용하면 여기에 표시됩니다.</translation>
    </message>
    <message>
        <source>You can’t see %1’s status: they don’t share it with you.</source>
        <translation>%1의 상태를 볼 수 없습니다: 상대가 공유하지 않습니다.</translation>
    </message>
    <message>
        <source>%1 is not in your contacts.</source>
        <translation>%1은(는) 연락처에 없습니다.</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::QuickSwitcher</name>
    <message>
        <source>Jump to Chat</source>
        <translation>대화로 이동</translation>
    </message>
    <message>
        <source>Name or address</source>
        <translation>이름 또는 주소</translation>
    </message>
    <message>
        <source>Chat to jump to</source>
        <translation>이동할 대화</translation>
    </message>
    <message>
        <source>Matching chats</source>
        <translation>일치하는 대화</translation>
    </message>
    <message>
        <source>↑↓ to choose, Enter to open, Esc to close</source>
        <translation>↑↓로 고르고, Enter로 열고, Esc로 닫습니다</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>name (address)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>읽지 않음 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Jw::Ui::RoomActions</name>
    <message>
        <source>&amp;Leave Room</source>
        <translation>대화방 나가기(&amp;L)</translation>
    </message>
    <message>
        <source>Leave the room shown; its messages stay in your history</source>
        <translation>보고 있는 대화방에서 나갑니다. 메시지는 기록에 남습니다</translation>
    </message>
    <message>
        <source>%1 has a password. Enter it to join.</source>
        <translation>%1에는 비밀번호가 있습니다. 참여하려면 입력하세요.</translation>
    </message>
    <message>
        <source>New &amp;Group…</source>
        <translation>새 그룹(&amp;G)…</translation>
    </message>
    <message>
        <source>Make a private group or a public channel and invite people to it</source>
        <translation>비공개 그룹이나 공개 채널을 만들고 사람들을 초대합니다</translation>
    </message>
    <message>
        <source>New Group</source>
        <translation>새 그룹</translation>
    </message>
    <message>
        <source>The group “%1” could not be made.</source>
        <translation>그룹 “%1”을(를) 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>Room &amp;Notifications</source>
        <translation>대화방 알림(&amp;N)</translation>
    </message>
    <message>
        <source>When the room shown notifies you</source>
        <translation>지금 보고 있는 대화방이 알림을 보내는 때</translation>
    </message>
    <message>
        <source>&amp;Default for a Private Group (Every Message)</source>
        <translation>비공개 그룹의 기본값: 모든 메시지(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Default for a Channel (Mentions of You)</source>
        <translation>채널의 기본값: 나를 언급한 메시지(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Every Message</source>
        <translation>모든 메시지(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Only Mentions of You</source>
        <translation>나를 언급한 메시지만(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Nothing</source>
        <translation>알리지 않음(&amp;N)</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::SearchPane</name>
    <message>
        <source>Search messages (Ctrl+Shift+F)</source>
        <translation>메시지 검색 (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>메시지 검색</translation>
    </message>
    <message>
        <source>Search only the chat that is shown, or all chats</source>
        <translation>보고 있는 대화만 또는 모든 대화를 검색합니다</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>검색 결과</translation>
    </message>
    <message>
        <source>In this chat</source>
        <translation>이 대화에서</translation>
    </message>
    <message>
        <source>All chats</source>
        <translation>모든 대화</translation>
    </message>
    <message>
        <source>Preparing the history for search… %1%</source>
        <translation>검색을 위해 기록을 준비하는 중… %1%</translation>
    </message>
    <message>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <comment>chat · sender · time</comment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>chat · time</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No messages found.</source>
        <translation>찾은 메시지가 없습니다.</translation>
    </message>
    <message>
        <source>Still preparing the history for search: this can take a little longer.</source>
        <translation>아직 검색을 위해 기록을 준비하는 중이라 조금 더 걸릴 수 있습니다.</translation>
    </message>
    <message>
        <source>Chat · %1</source>
        <comment>a chat found by its name · its address</comment>
        <translation>대화 · %1</translation>
    </message>
    <message>
        <source>Open the chat with %1</source>
        <translation>%1 대화 열기</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::SendFileDialog</name>
    <message>
        <source>Send a File</source>
        <translation>파일 보내기</translation>
    </message>
    <message>
        <source>Send this file to %1?</source>
        <translation>%1에게 이 파일을 보낼까요?</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::SettingsDialog</name>
    <message>
        <source>Jabberwock Settings</source>
        <translation>Jabberwock 설정</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>계정(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Privacy</source>
        <translation>개인 정보(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>알림(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>기록(&amp;H)</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>주소:</translation>
    </message>
    <message>
        <source>Account address</source>
        <translation>계정 주소</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>서버(&amp;S):</translation>
    </message>
    <message>
        <source>Found from the address</source>
        <translation>주소에서 찾음</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>Server problem</source>
        <translation>서버 문제</translation>
    </message>
    <message>
        <source>Host or host:port. Leave empty unless your provider tells you otherwise. A change reconnects at once.</source>
        <translation>호스트 또는 호스트:포트. 서비스 제공자가 따로 알려 주지 않았다면 비워 두세요. 바꾸면 바로 다시 연결합니다.</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>비밀번호 바꾸기</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>새 비밀번호</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>다시 입력(&amp;R):</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>새 비밀번호 다시 입력</translation>
    </message>
    <message>
        <source>&amp;Change Password</source>
        <translation>비밀번호 바꾸기(&amp;C)</translation>
    </message>
    <message>
        <source>Password change</source>
        <translation>비밀번호 변경</translation>
    </message>
    <message>
        <source>Let people see when I am &amp;typing</source>
        <translation>내가 입력하는 중임을 상대에게 보여 주기(&amp;T)</translation>
    </message>
    <message>
        <source>Let people see when I have &amp;read their messages</source>
        <translation>내가 메시지를 읽었음을 상대에게 보여 주기(&amp;R)</translation>
    </message>
    <message>
        <source>These choices apply to every chat and take effect at once.</source>
        <translation>이 선택은 모든 대화에 적용되며 바로 효력이 생깁니다.</translation>
    </message>
    <message>
        <source>&amp;Keep running in the system tray when the window is closed</source>
        <translation>창을 닫아도 시스템 트레이에서 계속 실행하기(&amp;K)</translation>
    </message>
    <message>
        <source>This desktop has no system tray: closing the window quits Jabberwock.</source>
        <translation>이 데스크톱에는 시스템 트레이가 없습니다. 창을 닫으면 Jabberwock가 끝납니다.</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>색(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Text size:</source>
        <translation>글자 크기(&amp;T):</translation>
    </message>
    <message>
        <source>System size</source>
        <translation>시스템 크기</translation>
    </message>
    <message>
        <source> pt</source>
        <comment>font size unit</comment>
        <translation> pt</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>Profile folder:</source>
        <translation>프로필 폴더:</translation>
    </message>
    <message>
        <source>Profile folder</source>
        <translation>프로필 폴더</translation>
    </message>
    <message>
        <source>History of this account:</source>
        <translation>이 계정의 기록:</translation>
    </message>
    <message>
        <source>History file</source>
        <translation>기록 파일</translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation>폴더 열기(&amp;O)</translation>
    </message>
    <message>
        <source>Settings and the history of every account live in the profile folder. Copy it to keep a backup; start Jabberwock with --profile to use another one.</source>
        <translation>설정과 모든 계정의 기록은 프로필 폴더에 있습니다. 백업하려면 이 폴더를 복사하세요. 다른 폴더를 쓰려면 Jabberwock를 --profile과 함께 시작하세요.</translation>
    </message>
    <message>
        <source>Like the system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>Like the system (%1)</source>
        <translation>시스템 설정 따르기 (%1)</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>비밀번호를 바꾸는 중…</translation>
    </message>
    <message>
        <source>The password can be changed while you are online.</source>
        <translation>비밀번호는 온라인일 때 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>두 비밀번호가 같지 않습니다.</translation>
    </message>
    <message>
        <source>The password was changed.</source>
        <translation>비밀번호를 바꿨습니다.</translation>
    </message>
    <message>
        <source>App&amp;earance</source>
        <translation>모양(&amp;E)</translation>
    </message>
    <message>
        <source>Ne&amp;w password:</source>
        <translation>새 비밀번호(&amp;W):</translation>
    </message>
    <message>
        <source>Show messages and requests from people who are not in my &amp;contacts</source>
        <translation>연락처에 없는 사람의 메시지와 요청도 보여 주기(&amp;C)</translation>
    </message>
    <message>
        <source>Show a notification for new &amp;messages</source>
        <translation>새 메시지가 오면 알림 보여 주기(&amp;M)</translation>
    </message>
    <message>
        <source>Hide the message &amp;text in notifications</source>
        <translation>알림에서 메시지 내용 숨기기(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Blocked addresses</source>
        <translation>차단한 주소(&amp;B)</translation>
    </message>
    <message>
        <source>Blocked addresses</source>
        <translation>차단한 주소</translation>
    </message>
    <message>
        <source>No one is blocked. Whoever you block in a chat is listed here.</source>
        <translation>차단한 사람이 없습니다. 대화에서 차단한 사람이 여기에 표시됩니다.</translation>
    </message>
    <message>
        <source>&amp;Unblock</source>
        <translation>차단 해제(&amp;U)</translation>
    </message>
    <message>
        <source>Downloads Folder</source>
        <translation>내려받기 폴더</translation>
    </message>
    <message>
        <source>Downloads folder:</source>
        <translation>내려받기 폴더:</translation>
    </message>
    <message>
        <source>Downloads folder</source>
        <translation>내려받기 폴더</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>선택(&amp;H)…</translation>
    </message>
    <message>
        <source>Download &amp;pictures by themselves up to:</source>
        <translation>사진 자동 내려받기 최대 크기(&amp;P):</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>안 함</translation>
    </message>
    <message>
        <source> MB</source>
        <comment>size unit</comment>
        <translation> MB</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::SignInDialog</name>
    <message>
        <source>&amp;Remember password</source>
        <translation>비밀번호 기억(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation>로그인(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Sign In to Jabberwock</source>
        <translation>Jabberwock에 로그인</translation>
    </message>
    <message>
        <source>name@example.org</source>
        <translation>name@example.org</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>주소 문제</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Optional: host or host:port</source>
        <translation>선택 사항: 호스트 또는 호스트:포트</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>Leave empty to find the server from the address.</source>
        <translation>비워 두면 주소에서 서버를 찾습니다.</translation>
    </message>
    <message>
        <source>Server problem</source>
        <translation>서버 문제</translation>
    </message>
    <message>
        <source>Remember password</source>
        <translation>비밀번호 기억</translation>
    </message>
    <message>
        <source>No system keychain was found: the password will be kept only until you quit.</source>
        <translation>시스템 키체인을 찾지 못했습니다. 비밀번호는 종료할 때까지만 기억합니다.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>로그인하는 중…</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>로그인 문제</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>주소(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>서버(&amp;V):</translation>
    </message>
    <message>
        <source>&amp;Create Account…</source>
        <translation>계정 만들기(&amp;C)…</translation>
    </message>
    <message>
        <source>Make a new account on a server that allows it</source>
        <translation>허용하는 서버에서 새 계정을 만듭니다</translation>
    </message>
</context>
<context>
    <name>Jw::Ui::TrayIcon</name>
    <message>
        <source>Jabberwock</source>
        <translation>Jabberwock</translation>
    </message>
    <message numerus="yes">
        <source>Jabberwock — %n unread message(s)</source>
        <translation>
            <numerusform>Jabberwock — 읽지 않은 메시지 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Quit Jabberwock</source>
        <translation>Jabberwock 끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Hide Jabberwock</source>
        <translation>Jabberwock 숨기기(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Show Jabberwock</source>
        <translation>Jabberwock 보이기(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>상태(&amp;T)</translation>
    </message>
</context>
</TS>

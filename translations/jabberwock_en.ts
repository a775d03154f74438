<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Jw::RoomChatStates</name>
    <message numerus="yes">
        <source>%1, %2 and %n others are typing…</source>
        <translation>
            <numerusform>%1, %2 and %n other are typing…</numerusform>
            <numerusform>%1, %2 and %n others are typing…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Jw::Ui::InvitationActions</name>
    <message numerus="yes">
        <source>Invited %n people to %1.</source>
        <translation>
            <numerusform>Invited %n person to %1.</numerusform>
            <numerusform>Invited %n people to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Jw::Ui::MainWindow</name>
    <message numerus="yes">
        <source>Trying again in %n second(s).</source>
        <translation>
            <numerusform>Trying again in %n second.</numerusform>
            <numerusform>Trying again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Jw::Ui::MessageAlerts</name>
    <message numerus="yes">
        <source>%n person(s)</source>
        <extracomment>who wrote, as in &quot;12 messages from 3 people arrived while you were offline.&quot;</extracomment>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) from %1 arrived while you were offline.</source>
        <extracomment>%1 is a person&apos;s name, or &quot;3 people&quot;</extracomment>
        <translation>
            <numerusform>%n message from %1 arrived while you were offline.</numerusform>
            <numerusform>%n messages from %1 arrived while you were offline.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Jw::Ui::MessageDelegate</name>
    <message numerus="yes">
        <source>Show all (%n characters)</source>
        <translation>
            <numerusform>Show all (%n character)</numerusform>
            <numerusform>Show all (%n characters)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>New messages · %n arrived while you were offline</source>
        <translation>
            <numerusform>New messages · %n arrived while you were offline</numerusform>
            <numerusform>New messages · %n arrived while you were offline</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Read by %n</source>
        <translation>
            <numerusform>Read by %n</numerusform>
            <numerusform>Read by %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Jw::Ui::QuickSwitcher</name>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Jw::Ui::TrayIcon</name>
    <message numerus="yes">
        <source>Jabberwock — %n unread message(s)</source>
        <translation>
            <numerusform>Jabberwock — %n unread message</numerusform>
            <numerusform>Jabberwock — %n unread messages</numerusform>
        </translation>
    </message>
</context>
</TS>

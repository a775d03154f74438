# Installs the build into a staging folder, as a package would (prefix /usr),
# and checks that everything a desktop needs is where it looks for it.
#   cmake -DBUILD_DIR=... -DDEST=... -P check-install.cmake
file(REMOVE_RECURSE "${DEST}")
execute_process(
    COMMAND ${CMAKE_COMMAND} -E env DESTDIR=${DEST} ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix /usr
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "install failed:\n${output}")
endif()

set(expected
    usr/bin/jabberwock
    usr/share/applications/org.jabberwock.Jabberwock.desktop
    usr/share/icons/hicolor/scalable/apps/org.jabberwock.Jabberwock.svg
    usr/share/metainfo/org.jabberwock.Jabberwock.metainfo.xml)
foreach(path IN LISTS expected)
    if(NOT EXISTS "${DEST}/${path}")
        message(FATAL_ERROR "not installed: /${path}\n${output}")
    endif()
endforeach()

# Nothing else: no headers, static libraries or test programs in a package.
file(GLOB_RECURSE installed RELATIVE "${DEST}" "${DEST}/*")
list(SORT installed)
list(SORT expected)
if(NOT installed STREQUAL expected)
    message(FATAL_ERROR "installed files differ.\n  expected: ${expected}\n  installed: ${installed}")
endif()
message(STATUS "installed: ${installed}")

# The desktop hands xmpp: links (RFC 5122) to Jabberwock as its argument.
file(READ "${DEST}/usr/share/applications/org.jabberwock.Jabberwock.desktop" desktop)
foreach(line "MimeType=x-scheme-handler/xmpp;" "Exec=jabberwock %u")
    string(FIND "${desktop}" "\n${line}\n" found)
    if(found EQUAL -1)
        message(FATAL_ERROR "the installed .desktop file lacks the line: ${line}")
    endif()
endforeach()

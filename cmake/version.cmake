# `berth --version`'s revision, found when CMake configures: BERTH_GIT_REVISION when given
# (docker/Dockerfile passes the one build.sh read, since its context has no .git), else
# `git describe` of the source, else "unknown" (a source tarball). A commit or a checkout moves
# HEAD, which makes the next build configure again, so the revision does not go stale.
set(BERTH_GIT_REVISION "" CACHE STRING "the revision `berth --version` names (empty: git describe)")
set(BERTH_REVISION "${BERTH_GIT_REVISION}")
find_package(Git QUIET)
if(GIT_FOUND AND NOT BERTH_REVISION)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty --tags
                  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                  OUTPUT_VARIABLE BERTH_REVISION RESULT_VARIABLE describe_rc
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(describe_rc EQUAL 0)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --git-path HEAD
                    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                    OUTPUT_VARIABLE git_paths OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    execute_process(COMMAND ${GIT_EXECUTABLE} symbolic-ref -q HEAD
                    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                    OUTPUT_VARIABLE head_ref OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(head_ref)
      execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --git-path ${head_ref}
                      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                      OUTPUT_VARIABLE ref_path OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
      string(APPEND git_paths "\n${ref_path}")
    endif()
    string(REPLACE "\n" ";" git_paths "${git_paths}")
    foreach(path IN LISTS git_paths)
      get_filename_component(path "${path}" ABSOLUTE BASE_DIR ${CMAKE_SOURCE_DIR})
      if(EXISTS "${path}")
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${path}")
      endif()
    endforeach()
  else()
    set(BERTH_REVISION "")
  endif()
endif()
if(NOT BERTH_REVISION)
  set(BERTH_REVISION unknown)
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/version.cpp.in ${CMAKE_BINARY_DIR}/generated/version.cpp
               @ONLY)
target_sources(berth_app PRIVATE ${CMAKE_BINARY_DIR}/generated/version.cpp)
target_include_directories(berth_app PRIVATE ${CMAKE_SOURCE_DIR}/src/app)

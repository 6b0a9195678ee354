# Precompiled headers shared by every target (the build is dominated by parsing Boost.Asio/Beast,
# nlohmann/json, spdlog and GoogleTest in each file). Two PCHs are built once per build tree,
# in the object libraries below, and every other target reuses one of them (REUSE_FROM):
#   berth_pch       the standard library, nlohmann/json, spdlog, Boost.Asio/Beast
#   berth_test_pch  the same plus GoogleTest, for the test executables
# GCC only uses a PCH built with the same macro definitions the PCH depends on (spdlog's
# SPDLOG_*/FMT_* for one), so every target that reuses one also links berth_pch_deps, which
# carries those definitions. A PCH that does not fit warns (-Winvalid-pch), an error with
# -Werror, so a mismatch cannot slip through as a silently slow build.
# -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON builds without them (each file then must include what
# it uses, which a PCH would hide).

# Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility> (GCC 12),
# so <utility> comes first.
set(BERTH_PCH_HEADERS
    <utility> <algorithm> <atomic> <chrono> <cstddef> <cstdint> <functional> <map> <memory>
    <mutex> <optional> <set> <stdexcept> <string> <string_view> <thread> <vector>
    <nlohmann/json.hpp>
    <spdlog/spdlog.h>
    <boost/asio/awaitable.hpp> <boost/asio/co_spawn.hpp> <boost/asio/io_context.hpp>
    <boost/asio/ip/tcp.hpp> <boost/asio/redirect_error.hpp> <boost/asio/steady_timer.hpp>
    <boost/asio/strand.hpp> <boost/asio/use_awaitable.hpp>
    <boost/beast/core/basic_stream.hpp> <boost/beast/core/flat_buffer.hpp>
    <boost/beast/http.hpp>)

add_library(berth_pch_deps INTERFACE)
target_link_libraries(berth_pch_deps INTERFACE nlohmann_json::nlohmann_json spdlog::spdlog
                                               Boost::boost Threads::Threads)

if(NOT CMAKE_DISABLE_PRECOMPILE_HEADERS)
  # CMake passes -Winvalid-pch with every PCH; an error without -Werror too (the sanitizer
  # build), so that no build falls back to parsing everything without a word.
  if(NOT BERTH_WERROR)
    add_compile_options(-Werror=invalid-pch)
  endif()
  add_library(berth_pch OBJECT ${CMAKE_CURRENT_LIST_DIR}/pch_anchor.cpp)
  target_link_libraries(berth_pch PRIVATE berth_pch_deps)
  target_precompile_headers(berth_pch PRIVATE ${BERTH_PCH_HEADERS})
endif()

# Off by default: with the GoogleTest PCH, GCC 12 at -O3 inlines differently and reports
# -Warray-bounds false positives inside libstdc++'s `"literal" + std::string&&` in several test
# files (tests/unit/api_ecs/tags_test.cpp, services_describe_test.cpp); turn it on once those
# are dealt with (-Wno-array-bounds for GCC < 13, or the files without the PCH).
option(BERTH_TEST_PCH "Precompiled headers for the test programs too" OFF)

# berth_use_pch(<target> [TEST]): <target> reuses berth_pch (berth_test_pch with TEST).
function(berth_use_pch target)
  cmake_parse_arguments(P "TEST" "" "" ${ARGN})
  target_link_libraries(${target} PRIVATE berth_pch_deps)
  if(CMAKE_DISABLE_PRECOMPILE_HEADERS OR (P_TEST AND NOT BERTH_TEST_PCH))
    return()
  endif()
  if(P_TEST)
    if(NOT TARGET berth_test_pch)
      add_library(berth_test_pch OBJECT ${CMAKE_SOURCE_DIR}/cmake/pch_anchor.cpp)
      target_link_libraries(berth_test_pch PRIVATE berth_pch_deps GTest::gtest)
      target_precompile_headers(berth_test_pch PRIVATE ${BERTH_PCH_HEADERS} <gtest/gtest.h>)
    endif()
    target_precompile_headers(${target} REUSE_FROM berth_test_pch)
  else()
    target_precompile_headers(${target} REUSE_FROM berth_pch)
  endif()
endfunction()

#pragma once
// What `berth --version` prints, fixed when CMake configures (cmake/version.cmake).

namespace berth::app {

// project(VERSION) in CMakeLists.txt, e.g. "0.1.0".
const char* build_version();
// `git describe --always --dirty --tags` of the source, BERTH_GIT_REVISION when given (a
// Docker build's context has no .git), else "unknown".
const char* build_revision();

}  // namespace berth::app

// Compiled only so that CMake has a target to build the shared precompiled headers in
// (cmake/precompiled_headers.cmake); it defines nothing.

#pragma once

// Where the test programs find the checkout's files. The paths are compiled into one generated
// file (tests/CMakeLists.txt) rather than given to every test file as compile definitions: a
// definition holding the clone's path made each fresh clone miss the compiler cache for every
// test file and their precompiled header.
namespace berth::test_paths {

// The checkout's top directory (api-models/, docs/, docker/ ...).
const char* source_dir();
// tests/data.
const char* data_dir();

}  // namespace berth::test_paths

#pragma once
// Shared by the docker unit tests and the docker integration tests (both have tests/ on their
// include path). Header-only: tests/CMakeLists.txt compiles only *_test.cpp files.
#include <gtest/gtest.h>

#include "berth/docker/error.hpp"

namespace berth::test {

// Runs `f`, expecting a DockerError of `kind`; returns it for further checks.
template <class F>
docker::DockerError expect_error(docker::ErrorKind kind, F&& f) {
    try {
        f();
    } catch (const docker::DockerError& e) {
        EXPECT_EQ(e.kind(), kind) << e.what();
        return e;
    }
    ADD_FAILURE() << "expected DockerError " << docker::to_string(kind);
    return docker::DockerError(docker::ErrorKind::other, 0, "none thrown");
}

}  // namespace berth::test

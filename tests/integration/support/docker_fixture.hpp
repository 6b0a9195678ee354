#pragma once
// A GoogleTest fixture for tests that drive the real engine: makes sure the engine and the test
// images exist before the suite, gives each test a Client, and removes everything labelled with
// this run's id after each test.
//
//   class MyTest : public berth::test::DockerTest {};
//   TEST_F(MyTest, Runs) { auto id = docker().container_create(name, busybox_spec({"true"})); }
#include <memory>

#include <gtest/gtest.h>

#include "integration/support/docker_env.hpp"

namespace berth::test {

class DockerTest : public ::testing::Test {
  public:
    static void SetUpTestSuite() { ensure_docker_ready(); }

  protected:
    void SetUp() override {
        // A failure in SetUpTestSuite does not stop the tests; make each one fail clearly.
        ASSERT_NO_THROW(ensure_docker_ready());
        docker_ = std::make_unique<docker::Client>();
    }

    void TearDown() override {
        if (docker_) remove_test_resources(*docker_);
    }

    docker::Client& docker() { return *docker_; }

  private:
    std::unique_ptr<docker::Client> docker_;
};

}  // namespace berth::test

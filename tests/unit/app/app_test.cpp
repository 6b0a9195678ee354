#include "berth/app/app.hpp"

#include <initializer_list>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "berth/http/server.hpp"

namespace berth::app {
namespace {

int run_main(std::initializer_list<std::string> args) {
    std::vector<std::string> storage{"berth"};
    storage.insert(storage.end(), args);
    std::vector<char*> argv;
    for (auto& arg : storage) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    return main(static_cast<int>(storage.size()), argv.data());
}

TEST(AppMain, HelpPrintsUsageAndExitsZero) {
    ::testing::internal::CaptureStdout();
    EXPECT_EQ(run_main({"--help"}), 0);
    auto out = ::testing::internal::GetCapturedStdout();
    EXPECT_NE(out.find("Usage: berth"), std::string::npos);
    EXPECT_NE(out.find("--listen"), std::string::npos);
}

TEST(AppMain, VersionExitsZero) {
    ::testing::internal::CaptureStdout();
    EXPECT_EQ(run_main({"--version"}), 0);
    EXPECT_EQ(::testing::internal::GetCapturedStdout().rfind("berth ", 0), 0u);
}

TEST(AppMain, BadFlagExitsTwoWithAMessage) {
    ::testing::internal::CaptureStderr();
    EXPECT_EQ(run_main({"--bogus"}), 2);
    auto err = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(err.find("berth: "), std::string::npos);
    EXPECT_NE(err.find("bogus"), std::string::npos);
}

TEST(AppMain, PortTakenExitsOneWithOneClearLine) {
    http::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    http::Server holder(options, [](http::Request&&) { return http::Response{}; });
    auto address = "127.0.0.1:" + std::to_string(holder.port());

    ::testing::internal::CaptureStderr();
    EXPECT_EQ(run_main({"--listen", address}), 1);
    auto err = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(err.find("berth: cannot listen on " + address + ": address already in use\n"),
              std::string::npos)
        << err;
}

}  // namespace
}  // namespace berth::app

#include "docker/progress_stream.hpp"

#include <gtest/gtest.h>

#include "berth/docker/error.hpp"

namespace berth::docker {
namespace {

TEST(ProgressStream, ReportsProgressLinesAsTheyComplete) {
    std::vector<PullProgress> seen;
    ProgressStream stream([&](const PullProgress& p) { seen.push_back(p); });
    stream.feed(R"({"status":"Pulling from library/busybox","id":"latest"})"
                "\n"
                R"({"status":"Downloading","progressDetail":{"current":1},"progress":"[=>  ]",)");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].status, "Pulling from library/busybox");
    EXPECT_EQ(seen[0].id, "latest");
    stream.feed(R"("id":"abc"})"
                "\n");
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[1].progress, "[=>  ]");
    stream.feed(R"({"status":"Status: Downloaded newer image for busybox:latest"})");
    stream.finish();  // last line without newline
    EXPECT_EQ(seen.size(), 3u);
    EXPECT_EQ(stream.last_status(), "Status: Downloaded newer image for busybox:latest");
}

TEST(ProgressStream, ErrorLineThrows) {
    ProgressStream stream;
    stream.feed(R"({"status":"Pulling fs layer","id":"bbb"})"
                "\n");
    try {
        stream.feed(
            R"({"errorDetail":{"message":"error pulling image configuration: unknown blob"},)"
            R"("error":"error pulling image configuration: unknown blob"})"
            "\n");
        FAIL() << "expected DockerError";
    } catch (const DockerError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::other);
        EXPECT_STREQ(e.what(), "error pulling image configuration: unknown blob");
    }
}

TEST(ProgressStream, MissingManifestIsNotFound) {
    ProgressStream stream;
    try {
        stream.feed(R"({"errorDetail":{"message":"manifest for x:y not found: manifest unknown"}})"
                    "\n");
        FAIL() << "expected DockerError";
    } catch (const DockerError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::not_found);
        EXPECT_STREQ(e.what(), "manifest for x:y not found: manifest unknown");
    }
}

TEST(ProgressStream, ErrorOnTheLastLineWithoutNewline) {
    ProgressStream stream;
    stream.feed(R"({"error":"boom"})");
    EXPECT_THROW(stream.finish(), DockerError);
}

TEST(ProgressStream, ImportStatusIsTheImageId) {
    ProgressStream stream;
    stream.feed(R"({"status":"sha256:0123"})"
                "\r\n");
    stream.finish();
    EXPECT_EQ(stream.last_status(), "sha256:0123");
}

}  // namespace
}  // namespace berth::docker

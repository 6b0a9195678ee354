#include <gtest/gtest.h>

#include "berth/docker/api_version.hpp"
#include "berth/docker/error.hpp"

namespace berth::docker {
namespace {

TEST(ApiVersion, Parses) {
    EXPECT_EQ(parse_api_version("1.41"), (ApiVersion{1, 41}));
    EXPECT_EQ(parse_api_version("v1.45"), (ApiVersion{1, 45}));
    EXPECT_EQ(parse_api_version("1.9"), (ApiVersion{1, 9}));
    EXPECT_FALSE(parse_api_version(""));
    EXPECT_FALSE(parse_api_version("1"));
    EXPECT_FALSE(parse_api_version("1."));
    EXPECT_FALSE(parse_api_version("1.x"));
    EXPECT_FALSE(parse_api_version("1.41.2"));
}

TEST(ApiVersion, OrdersNumericallyNotAsText) {
    EXPECT_LT((ApiVersion{1, 9}), (ApiVersion{1, 41}));
    EXPECT_LT((ApiVersion{1, 45}), (ApiVersion{2, 0}));
    EXPECT_EQ((ApiVersion{1, 41}).str(), "1.41");
}

TEST(ApiVersion, DebianEngineGetsItsOwnVersion) {
    EXPECT_EQ(negotiate_api_version("1.41", "1.12"), (ApiVersion{1, 41}));
}

TEST(ApiVersion, NewerEngineGetsOurMaximum) {
    EXPECT_EQ(negotiate_api_version("1.47", "1.24"), k_max_api_version);
    EXPECT_EQ(negotiate_api_version("1.52", "1.44"), k_max_api_version);
}

TEST(ApiVersion, EngineAtExactlyOurMaximum) {
    EXPECT_EQ(negotiate_api_version(k_max_api_version.str()), k_max_api_version);
}

TEST(ApiVersion, EngineTooOld) {
    EXPECT_THROW(negotiate_api_version("1.39", "1.12"), DockerError);
}

TEST(ApiVersion, EngineWhoseMinimumIsAboveOurMaximum) {
    try {
        negotiate_api_version("1.60", "1.50");
        FAIL() << "expected DockerError";
    } catch (const DockerError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::other);
        EXPECT_NE(std::string(e.what()).find("1.50"), std::string::npos);
    }
}

TEST(ApiVersion, UnreadableEngineVersion) {
    EXPECT_THROW(negotiate_api_version("banana"), DockerError);
}

}  // namespace
}  // namespace berth::docker

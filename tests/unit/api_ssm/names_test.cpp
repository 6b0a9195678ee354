#include "api/ssm/names.hpp"

#include <gtest/gtest.h>

#include <string>

#include "berth/protocol/aws_error.hpp"

namespace berth::api::ssm {
namespace {

const model::PartitionKey k_key{"123456789012", "us-east-1"};

std::string refusal(std::string_view name) {
    try {
        checked_parameter_name(k_key, name);
    } catch (const protocol::AwsError& e) {
        return e.type();
    }
    return "none";
}

TEST(ParameterNames, AcceptedAsAwsDocumentsThem) {
    EXPECT_EQ(checked_parameter_name(k_key, "/Dev/DBServer/MySQL/db-string13"),
              "/Dev/DBServer/MySQL/db-string13");
    EXPECT_EQ(checked_parameter_name(k_key, "plain_name.v1"), "plain_name.v1");
    EXPECT_EQ(checked_parameter_name(k_key, "  /trimmed  "), "/trimmed");
    EXPECT_EQ(checked_parameter_name(k_key, "/app/aws/ssm"), "/app/aws/ssm");  // only a prefix
}

TEST(ParameterNames, RefusedWithSsmErrors) {
    EXPECT_EQ(refusal("aws-x"), "ValidationException");
    EXPECT_EQ(refusal("/awsome"), "ValidationException");
    EXPECT_EQ(refusal("/SSM/x"), "ValidationException");
    EXPECT_EQ(refusal("a/b"), "ValidationException");
    EXPECT_EQ(refusal("/a//b"), "ValidationException");
    EXPECT_EQ(refusal("/a/"), "ValidationException");
    EXPECT_EQ(refusal("/in side"), "ValidationException");
    EXPECT_EQ(refusal("/colon:x"), "ValidationException");
    EXPECT_EQ(refusal("   "), "ValidationException");
    EXPECT_EQ(refusal(std::string(1000, 'n')), "ValidationException");  // its ARN is too long
}

TEST(ParameterNames, FifteenLevelsAtMost) {
    std::string name;
    for (int i = 1; i <= 15; ++i) name += "/l" + std::to_string(i);
    EXPECT_EQ(refusal(name), "none");
    EXPECT_EQ(refusal(name + "/l16"), "HierarchyLevelLimitExceededException");
}

TEST(ParameterPaths, CheckedWithATrailingSlash) {
    EXPECT_EQ(checked_path("/"), "/");
    EXPECT_EQ(checked_path("/a/b"), "/a/b/");
    EXPECT_EQ(checked_path("/a/b/"), "/a/b/");
    EXPECT_THROW(checked_path("a/b"), protocol::AwsError);
    EXPECT_THROW(checked_path("/a//b"), protocol::AwsError);
}

TEST(ParameterPaths, OneLevelOrRecursive) {
    EXPECT_TRUE(is_under("/a/b", "/a/", false));
    EXPECT_FALSE(is_under("/a/b/c", "/a/", false));
    EXPECT_TRUE(is_under("/a/b/c", "/a/", true));
    EXPECT_FALSE(is_under("/a", "/a/", true));     // the path itself is no child
    EXPECT_FALSE(is_under("/ab/c", "/a/", true));  // a sibling that shares the prefix
    EXPECT_TRUE(is_under("/top", "/", false));
    EXPECT_FALSE(is_under("top", "/", true));
}

}  // namespace
}  // namespace berth::api::ssm

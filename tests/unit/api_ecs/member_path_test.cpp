#include "api/ecs/member_path.hpp"

#include <gtest/gtest.h>

namespace berth::api::ecs {
namespace {

using nlohmann::json;

const json k_doc = json::parse(R"({
    "networkMode": "awsvpc",
    "enableFaultInjection": false,
    "empty": [],
    "containerDefinitions": [
        {"image": "busybox", "secrets": []},
        {"image": "1.dkr.ecr.us-east-1.amazonaws.com/app",
         "secrets": [{"valueFrom": "arn:aws:ssm:us-east-1:1:parameter/p"}]}
    ]
})");

TEST(MemberPath, PresentMeansNotEmpty) {
    EXPECT_TRUE(uses_member(k_doc, "networkMode"));
    EXPECT_TRUE(uses_member(k_doc, "enableFaultInjection"));  // false is a value
    EXPECT_FALSE(uses_member(k_doc, "empty"));
    EXPECT_FALSE(uses_member(k_doc, "missing"));
    EXPECT_TRUE(uses_member(k_doc, "containerDefinitions[].secrets"));  // the second container's
}

TEST(MemberPath, ValuesAndPatterns) {
    EXPECT_TRUE(uses_member(k_doc, "networkMode=awsvpc"));
    EXPECT_FALSE(uses_member(k_doc, "networkMode=bridge"));
    EXPECT_TRUE(uses_member(k_doc, "enableFaultInjection=false"));
    EXPECT_FALSE(uses_member(k_doc, "enableFaultInjection=true"));
    EXPECT_TRUE(uses_member(k_doc, "containerDefinitions[].image=*.dkr.ecr.*"));
    EXPECT_TRUE(uses_member(k_doc, "containerDefinitions[].image=busy*"));
    EXPECT_FALSE(uses_member(k_doc, "containerDefinitions[].image=*.gcr.io/*"));
}

TEST(MemberPath, NotEqualNeedsTheMember) {
    constexpr auto asm_arn = "arn:*:secretsmanager:*";
    EXPECT_TRUE(
        uses_member(k_doc, std::string("containerDefinitions[].secrets[].valueFrom!=") + asm_arn));
    EXPECT_FALSE(
        uses_member(k_doc, std::string("containerDefinitions[].secrets[].valueFrom=") + asm_arn));
    EXPECT_FALSE(uses_member(k_doc, "containerDefinitions[].user!=root"));
    EXPECT_EQ(member_path("a[].b!=c"), "a[].b");
    EXPECT_EQ(member_path("a[].b=c"), "a[].b");
}

}  // namespace
}  // namespace berth::api::ecs

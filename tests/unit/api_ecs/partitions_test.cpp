// Issue 5: every (account, region) is a world of its own.
#include "ecs_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class Partitions : public EcsTest {
  protected:
    const protocol::RequestContext eu_ = context("000000000000", "eu-west-1");
    const protocol::RequestContext other_account_ = context("111111111111", "us-east-1");
};

TEST_F(Partitions, SameNamesInTwoRegionsAreIndependent) {
    auto us = call("CreateCluster",
                   {{"clusterName", "web"}, {"tags", {{{"key", "r"}, {"value", "us"}}}}});
    auto eu = call("CreateCluster", {{"clusterName", "web"}}, eu_);
    EXPECT_EQ(us["cluster"]["clusterArn"], "arn:aws:ecs:us-east-1:000000000000:cluster/web");
    EXPECT_EQ(eu["cluster"]["clusterArn"], "arn:aws:ecs:eu-west-1:000000000000:cluster/web");
    EXPECT_EQ(eu["cluster"]["tags"], json::array());

    call("DeleteCluster", {{"cluster", "web"}}, eu_);
    EXPECT_EQ(call("DescribeClusters", {{"clusters", {"web"}}})["clusters"][0]["status"], "ACTIVE");
    EXPECT_EQ(call("ListClusters", json::object(), eu_)["clusterArns"], json::array());

    call("RegisterTaskDefinition", simple_task_definition("app"));
    call("RegisterTaskDefinition", simple_task_definition("app"));
    auto td = call("RegisterTaskDefinition", simple_task_definition("app"), other_account_);
    EXPECT_EQ(td["taskDefinition"]["revision"], 1);
    EXPECT_EQ(td["taskDefinition"]["taskDefinitionArn"],
              "arn:aws:ecs:us-east-1:111111111111:task-definition/app:1");
    EXPECT_EQ(td["taskDefinition"]["registeredBy"], "arn:aws:iam::111111111111:root");
    EXPECT_EQ(
        call("ListTaskDefinitions", json::object(), other_account_)["taskDefinitionArns"].size(),
        1u);
}

TEST_F(Partitions, ArnsOfAnotherRegionOrAccountAreRefused) {
    call("CreateCluster", {{"clusterName", "web"}});
    call("RegisterTaskDefinition", simple_task_definition("app"));
    const std::string us_cluster = "arn:aws:ecs:us-east-1:000000000000:cluster/web";
    const std::string us_td = "arn:aws:ecs:us-east-1:000000000000:task-definition/app:1";

    auto e = error("DescribeClusters", {{"clusters", {us_cluster}}}, eu_);
    EXPECT_EQ(e.type, "InvalidParameterException");
    EXPECT_EQ(e.message, "Invalid Region in ARN");
    e = error("DescribeTaskDefinition", {{"taskDefinition", us_td}}, eu_);
    EXPECT_EQ(e.message, "Invalid Region in ARN");
    e = error("ListTagsForResource", {{"resourceArn", us_cluster}}, eu_);
    EXPECT_EQ(e.message, "Invalid Region in ARN");
    e = error("DeleteTaskDefinitions", {{"taskDefinitions", {us_td}}}, eu_);
    EXPECT_EQ(e.message, "Invalid Region in ARN");

    e = error("DeleteCluster", {{"cluster", us_cluster}}, other_account_);
    EXPECT_EQ(e.type, "InvalidParameterException");
    EXPECT_EQ(e.message,
              "Invalid identifier: Identifier is for 000000000000. Your accountId is 111111111111");

    // The caller's own partition accepts them.
    EXPECT_EQ(call("DescribeClusters", {{"clusters", {us_cluster}}})["clusters"].size(), 1u);
}

TEST_F(Partitions, AccountSettingsArePerPartition) {
    call("PutAccountSettingDefault", {{"name", "containerInsights"}, {"value", "enabled"}});
    auto eu = call("ListAccountSettings",
                   {{"name", "containerInsights"}, {"effectiveSettings", true}}, eu_);
    EXPECT_EQ(eu["settings"][0]["value"], "disabled");
    EXPECT_EQ(eu["settings"][0]["principalArn"], "arn:aws:iam::000000000000:root");
}

}  // namespace
}  // namespace berth::api::ecs::testing

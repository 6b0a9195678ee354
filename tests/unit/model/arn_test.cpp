#include "berth/model/arn.hpp"

#include <gtest/gtest.h>

namespace berth::model {
namespace {

TEST(Arn, ParsesEcsResourceArns) {
    auto arn = parse_arn("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3");
    ASSERT_TRUE(arn);
    EXPECT_EQ(arn->service, "ecs");
    EXPECT_EQ(arn->region, "eu-west-1");
    EXPECT_EQ(arn->account, "123456789012");
    EXPECT_EQ(arn->resource_type(), "task-definition");
    EXPECT_EQ(arn->resource_id(), "web:3");
    EXPECT_EQ(arn->str(), "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3");
}

TEST(Arn, RejectsTextThatIsNoArn) {
    EXPECT_FALSE(parse_arn("default"));
    EXPECT_FALSE(parse_arn("arn:aws:ecs"));
    EXPECT_FALSE(parse_arn("arn::ecs:r:a:cluster/x"));
    EXPECT_FALSE(parse_arn("arn:aws:ecs:r:a:"));
}

TEST(Arn, BuildsArnsForAPartition) {
    PartitionKey p{"000000000000", "us-east-1"};
    EXPECT_EQ(cluster_arn(p, "default"), "arn:aws:ecs:us-east-1:000000000000:cluster/default");
    EXPECT_EQ(task_arn(p, "c", "abc"), "arn:aws:ecs:us-east-1:000000000000:task/c/abc");
    EXPECT_EQ(service_arn(p, "c", "s"), "arn:aws:ecs:us-east-1:000000000000:service/c/s");
    EXPECT_EQ(task_definition_arn(p, "f", 2),
              "arn:aws:ecs:us-east-1:000000000000:task-definition/f:2");
}

TEST(Arn, GeneratesIdsInEcsFormats) {
    auto id = new_task_id();
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(id, new_task_id());
    auto dep = new_deployment_id();
    ASSERT_EQ(dep.size(), 8u + 19u);
    EXPECT_TRUE(dep.starts_with("ecs-svc/"));
    auto uuid = new_uuid();
    EXPECT_EQ(uuid.size(), 36u);
    EXPECT_EQ(uuid[14], '4');
}

}  // namespace
}  // namespace berth::model

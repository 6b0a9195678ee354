#include "berth/model/task_endpoints.hpp"

#include <gtest/gtest.h>

#include "berth/model/container_stats.hpp"

namespace berth::model {
namespace {

TaskEndpoints task(const std::string& arn, const std::string& metadata_id,
                   const std::string& credentials_id) {
    TaskEndpoints t;
    t.task_arn = arn;
    t.credentials_id = credentials_id;
    t.containers.push_back({"app", metadata_id, "ecs-app", {}, {}});
    return t;
}

TEST(TaskEndpointIndex, FindsByEitherIdUntilForgotten) {
    TaskEndpointIndex index;
    index.put(task("arn-1", "m-1", "c-1"));
    index.put(task("arn-2", "m-2", ""));
    auto match = index.by_metadata_id("m-1");
    ASSERT_TRUE(match);
    EXPECT_EQ(match->task.task_arn, "arn-1");
    EXPECT_EQ(match->container_name, "app");
    EXPECT_EQ(index.by_credentials_id("c-1")->task_arn, "arn-1");
    EXPECT_FALSE(index.by_credentials_id(""));
    index.forget("arn-1");
    EXPECT_FALSE(index.by_metadata_id("m-1"));
    EXPECT_FALSE(index.by_credentials_id("c-1"));
    EXPECT_TRUE(index.by_metadata_id("m-2"));
}

TEST(TaskEndpointIndex, ARetriedCreateReplacesTheIds) {
    TaskEndpointIndex index;
    index.put(task("arn-1", "old", "c-old"));
    index.put(task("arn-1", "new", "c-new"));
    EXPECT_FALSE(index.by_metadata_id("old"));
    EXPECT_FALSE(index.by_credentials_id("c-old"));
    EXPECT_TRUE(index.by_metadata_id("new"));
}

TEST(TaskEndpointIndex, RecordsWhatDockerSaidAtStart) {
    TaskEndpointIndex index;
    index.put(task("arn-1", "m-1", ""));
    StartedContainer started;
    started.network.gateway = "172.17.0.1";
    started.started_at = "t1";
    index.set_started("arn-1", "app", started);
    auto t = index.by_task_arn("arn-1");
    EXPECT_EQ(t->containers[0].started.network.gateway, "172.17.0.1");
    EXPECT_EQ(t->containers[0].started.started_at, "t1");
}

TEST(ContainerStatsStore, WantedTasksAgeOut) {
    ContainerStatsStore stats;
    auto t0 = Clock::now();
    stats.want("a", t0);
    stats.want("b", t0 + std::chrono::seconds(10));
    EXPECT_EQ(stats.wanted_since(t0), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(stats.wanted_since(t0 + std::chrono::seconds(5)), std::vector<std::string>{"b"});
    EXPECT_EQ(stats.wanted_since(t0), std::vector<std::string>{"b"});  // "a" was forgotten
}

TEST(ContainerStatsStore, SamplesUntilForgotten) {
    ContainerStatsStore stats;
    EXPECT_FALSE(stats.wait_for_samples({"x"}, std::chrono::milliseconds(1)));
    stats.put("x", {{"read", "now"}});
    EXPECT_TRUE(stats.wait_for_samples({"x"}, std::chrono::milliseconds(1)));
    EXPECT_EQ((*stats.latest("x"))["read"], "now");
    stats.forget({"x"});
    EXPECT_FALSE(stats.latest("x"));
}

}  // namespace
}  // namespace berth::model

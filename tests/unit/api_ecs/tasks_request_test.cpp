// RunTask and StartTask requests read once into typed values, and the clientToken record the
// task and service operations share.
#include "api/ecs/tasks_request.hpp"

#include <gtest/gtest.h>

#include "api/ecs/idempotency.hpp"
#include "berth/protocol/aws_error.hpp"
#include "thrown.hpp"

namespace berth::api::ecs {
namespace {

using nlohmann::json;

const model::PartitionKey k_us{"000000000000", "us-east-1"};

using test_support::message_thrown;

TEST(TasksRequest, RunTaskReadsEveryMember) {
    auto r = read_run_task(
        k_us,
        json{{"cluster", "arn:aws:ecs:us-east-1:000000000000:cluster/web"},
             {"taskDefinition", "app:3"},
             {"count", 2},
             {"launchType", "FARGATE"},
             {"platformVersion", "1.4.0"},
             {"networkConfiguration",
              {{"awsvpcConfiguration",
                {{"subnets", {"s-1", "s-2"}},
                 {"securityGroups", {"g"}},
                 {"assignPublicIp", "ENABLED"}}}}},
             {"overrides", {{"containerOverrides", {{{"name", "app"}}, {{"command", {"x"}}}}}}},
             {"placementConstraints", {{{"type", "distinctInstance"}}}},
             {"placementStrategy", {{{"type", "spread"}, {"field", "instanceId"}}}},
             {"tags", {{{"key", "k"}, {"value", "v"}}}},
             {"startedBy", "ci"},
             {"group", "g1"},
             {"clientToken", "tok"},
             {"propagateTags", "TASK_DEFINITION"},
             {"enableExecuteCommand", true}});
    EXPECT_EQ(r.cluster, "web");
    EXPECT_EQ(r.task_definition.family, "app");
    EXPECT_EQ(r.task_definition.revision, 3);
    EXPECT_EQ(r.count, 2u);
    EXPECT_EQ(r.launch.launch_type, model::LaunchType::fargate);
    EXPECT_TRUE(r.launch.strategy.empty());
    EXPECT_EQ(r.launch.platform_version, "1.4.0");
    ASSERT_TRUE(r.network && r.network->awsvpc);
    EXPECT_EQ(r.network->awsvpc->subnets, (std::vector<std::string>{"s-1", "s-2"}));
    EXPECT_EQ(r.network->awsvpc->security_groups, (std::vector<std::string>{"g"}));
    EXPECT_TRUE(r.network->awsvpc->public_ip());
    EXPECT_EQ(r.overrides.container_names, (std::vector<std::string>{"app", ""}));
    EXPECT_EQ(r.placement.constraints.size(), 1u);
    EXPECT_EQ(r.placement.strategies.size(), 1u);
    EXPECT_EQ(r.placement.error, "");
    ASSERT_EQ(r.tags.size(), 1u);
    EXPECT_EQ(r.tags[0].key, "k");
    EXPECT_EQ(r.started_by, "ci");
    EXPECT_EQ(r.group, "g1");
    EXPECT_EQ(r.client_token, "tok");
    EXPECT_EQ(r.propagate_tags, model::PropagateTags::task_definition);
    EXPECT_TRUE(r.enable_execute_command);
    EXPECT_FALSE(r.enable_ecs_managed_tags);
}

TEST(TasksRequest, AbsentAndNullMembersReadAsDefaults) {
    auto r = read_run_task(k_us, json{{"taskDefinition", "app"},
                                      {"launchType", nullptr},
                                      {"networkConfiguration", nullptr},
                                      {"overrides", nullptr}});
    EXPECT_EQ(r.cluster, "default");
    EXPECT_FALSE(r.task_definition.revision);
    EXPECT_EQ(r.count, 1u);
    EXPECT_FALSE(r.launch.launch_type);
    EXPECT_FALSE(r.launch.platform_version);
    EXPECT_FALSE(r.network);
    EXPECT_TRUE(r.overrides.doc.is_null());
    EXPECT_FALSE(r.client_token);
    EXPECT_EQ(r.propagate_tags, model::PropagateTags::none_given);
    // A networkConfiguration without awsvpcConfiguration is kept, and has no awsvpc part.
    auto bare = read_run_task(
        k_us, json{{"taskDefinition", "app"}, {"networkConfiguration", json::object()}});
    ASSERT_TRUE(bare.network);
    EXPECT_FALSE(bare.network->awsvpc);
    EXPECT_EQ(model::to_json(*bare.network), json::object());
}

TEST(TasksRequest, CapacityProviderStrategy) {
    auto c =
        read_launch_choice(json{{"capacityProviderStrategy",
                                 {{{"capacityProvider", "FARGATE"}, {"weight", 1}, {"base", 2}},
                                  {{"capacityProvider", "FARGATE_SPOT"}, {"weight", 3}}}}});
    ASSERT_EQ(c.strategy.size(), 2u);
    EXPECT_EQ(c.strategy[0].provider, "FARGATE");
    EXPECT_EQ(c.strategy[0].base, 2);
    EXPECT_EQ(c.strategy[1].weight, 3);
    EXPECT_EQ(c.strategy[1].base, 0);
}

TEST(TasksRequest, RefusesWhatEcsRefuses) {
    struct Case {
        json input;
        const char* message;
    };
    const std::vector<Case> cases{
        {{{"taskDefinition", "app"}, {"count", 0}}, "count must be between 1 and 10."},
        {{{"taskDefinition", "app"}, {"count", 11}}, "count must be between 1 and 10."},
        {{{"taskDefinition", "app"}, {"clientToken", std::string(65, 't')}},
         "clientToken must be at most 64 characters."},
        {{{"taskDefinition", "app:x"}}, "Invalid revision number. Number: x"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.input.dump());
        EXPECT_EQ(message_thrown([&] { read_run_task(k_us, c.input); }), c.message);
    }
    EXPECT_EQ(message_thrown([] {
                  read_start_task(
                      k_us, json{{"taskDefinition", "app"}, {"containerInstances", json::array()}});
              }),
              "containerInstances must hold between 1 and 10 items.");
}

TEST(TasksRequest, StartTaskLaunchesOnEc2) {
    auto r =
        read_start_task(k_us, json{{"taskDefinition", "app"}, {"containerInstances", {"i-1"}}});
    EXPECT_EQ(r.container_instances, (std::vector<std::string>{"i-1"}));
    EXPECT_EQ(r.launch.launch_type, model::LaunchType::ec2);
}

TEST(Idempotency, ReplaysTheSameRequestAndRefusesAnother) {
    model::Partition p;
    const auto now = model::Clock::now();
    const ClientToken token{"RunTask", "default", "t"};
    const protocol::AwsError conflict("ConflictException", "other request");
    const json input{{"taskDefinition", "app"}, {"clientToken", "t"}};
    EXPECT_FALSE(replay(p, token, input, now, conflict));
    remember(p, token, input, json{{"answer", 1}}, now);
    EXPECT_EQ(replay(p, token, input, now, conflict), (json{{"answer", 1}}));
    EXPECT_EQ(message_thrown([&] {
                  replay(p, token, json{{"taskDefinition", "other"}, {"clientToken", "t"}}, now,
                         conflict);
              }),
              "other request");
    // Scoped per operation and cluster; forgotten after a day.
    EXPECT_FALSE(replay(p, {"CreateService", "default", "t"}, input, now, conflict));
    EXPECT_FALSE(replay(p, {"RunTask", "web", "t"}, input, now, conflict));
    EXPECT_FALSE(replay(p, token, input, now + std::chrono::hours(25), conflict));
}

}  // namespace
}  // namespace berth::api::ecs

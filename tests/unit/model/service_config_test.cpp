// The typed service configuration: ECS's defaults, the parser (member by member over a base),
// and the JSON it gives back.
#include "berth/model/service_config.hpp"

#include <gtest/gtest.h>

namespace berth::model {
namespace {

using nlohmann::json;

TEST(ServiceConfig, DefaultsPerSchedulingStrategy) {
    struct Row {
        SchedulingStrategy strategy;
        int max, min;
    };
    for (auto [strategy, max, min] :
         {Row{SchedulingStrategy::replica, 200, 100}, Row{SchedulingStrategy::daemon, 100, 0}}) {
        const auto c = default_deployment_configuration(strategy);
        EXPECT_EQ(c.maximum_percent, max);
        EXPECT_EQ(c.minimum_healthy_percent, min);
        EXPECT_FALSE(c.circuit_breaker.enable);
        EXPECT_EQ(to_json(c),
                  (json{{"deploymentCircuitBreaker", {{"enable", false}, {"rollback", false}}},
                        {"maximumPercent", max},
                        {"minimumHealthyPercent", min}}));
    }
}

TEST(ServiceConfig, GivenMembersReplaceTheBaseOnes) {
    struct Row {
        json given;
        int max, min;
        bool breaker;
    };
    const auto base = default_deployment_configuration(SchedulingStrategy::replica);
    const Row rows[] = {
        {nullptr, 200, 100, false},
        {json::object(), 200, 100, false},
        {{{"maximumPercent", 150}}, 150, 100, false},
        {{{"minimumHealthyPercent", 50}, {"maximumPercent", nullptr}}, 200, 50, false},
        {{{"deploymentCircuitBreaker", {{"enable", true}, {"rollback", true}}}}, 200, 100, true},
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(r.given.dump());
        const auto c = read_deployment_configuration(r.given, base);
        EXPECT_EQ(c.maximum_percent, r.max);
        EXPECT_EQ(c.minimum_healthy_percent, r.min);
        EXPECT_EQ(c.circuit_breaker.enable, r.breaker);
    }
    // A breaker given again replaces the whole breaker, as UpdateService does.
    auto on = read_deployment_configuration(
        {{"deploymentCircuitBreaker", {{"enable", true}, {"rollback", true}}}}, base);
    auto off =
        read_deployment_configuration({{"deploymentCircuitBreaker", {{"enable", false}}}}, on);
    EXPECT_FALSE(off.circuit_breaker.rollback);
}

TEST(ServiceConfig, ThresholdDefaultsToHalfBounded) {
    DeploymentCircuitBreaker b;
    EXPECT_EQ(threshold_of(b), (ThresholdConfiguration{ThresholdType::bounded_percent, 50}));
    b.threshold = ThresholdConfiguration{ThresholdType::count, 3};
    EXPECT_EQ(threshold_of(b).type, ThresholdType::count);
}

// Every member of ECS's DeploymentConfiguration shape set: parsed and given back unchanged.
TEST(ServiceConfig, EveryMemberRoundTrips) {
    const json given = {
        {"maximumPercent", 150},
        {"minimumHealthyPercent", 50},
        {"deploymentCircuitBreaker",
         {{"enable", true},
          {"rollback", true},
          {"resetOnHealthyTask", false},
          {"thresholdConfiguration", {{"type", "COUNT"}, {"value", 4}}}}},
        {"alarms", {{"alarmNames", {"high-cpu", "errors"}}, {"enable", true}, {"rollback", false}}},
        {"strategy", "LINEAR"},
        {"bakeTimeInMinutes", 5},
        {"lifecycleHooks",
         {{{"hookTargetArn", "arn:aws:lambda:us-east-1:000000000000:function:hook"},
           {"roleArn", "arn:aws:iam::000000000000:role/hook"},
           {"lifecycleStages", {"PRE_SCALE_UP", "POST_PRODUCTION_TRAFFIC_SHIFT"}},
           {"targetType", "AWS_LAMBDA"},
           {"hookDetails", {{"any", {"thing", 1}}}},
           {"timeoutConfiguration", {{"action", "ROLLBACK"}, {"timeoutInMinutes", 10}}}}}},
        {"linearConfiguration", {{"stepPercent", 12.5}, {"stepBakeTimeInMinutes", 3}}},
        {"canaryConfiguration", {{"canaryPercent", 5.0}, {"canaryBakeTimeInMinutes", 7}}},
    };
    const auto c = read_deployment_configuration(
        given, default_deployment_configuration(SchedulingStrategy::replica));
    EXPECT_EQ(c.strategy, DeploymentStrategy::linear);
    ASSERT_TRUE(c.lifecycle_hooks);
    EXPECT_EQ(c.lifecycle_hooks->front().lifecycle_stages.size(), 2u);
    ASSERT_TRUE(c.linear);
    EXPECT_EQ(c.linear->percent, 12.5);
    EXPECT_EQ(to_json(c), given);
}

TEST(ServiceConfig, DeploymentControllerIsEcsUnlessGiven) {
    EXPECT_EQ(read_deployment_controller(nullptr), DeploymentControllerType::ecs);
    EXPECT_EQ(read_deployment_controller({{"type", "EXTERNAL"}}),
              DeploymentControllerType::external);
    EXPECT_EQ(deployment_controller_json(DeploymentControllerType::code_deploy),
              (json{{"type", "CODE_DEPLOY"}}));
}

TEST(ServiceConfig, TaskLaunchTypeOfAServiceOrItsStrategy) {
    const json fargate = json::array({{{"capacityProvider", "FARGATE_SPOT"}, {"weight", 1}}});
    const json ec2 = json::array({{{"capacityProvider", "my-asg"}, {"weight", 1}}});
    EXPECT_EQ(task_launch_type(LaunchType::external, fargate), LaunchType::external);
    EXPECT_EQ(task_launch_type(std::nullopt, fargate), LaunchType::fargate);
    EXPECT_EQ(task_launch_type(std::nullopt, ec2), LaunchType::ec2);
    EXPECT_EQ(task_launch_type(std::nullopt, json::array()), LaunchType::ec2);
}

TEST(ServiceConfig, NameTablesRoundTrip) {
    for (auto v : all_values<ThresholdType>()) EXPECT_EQ(parse<ThresholdType>(to_string(v)), v);
    for (auto v : all_values<LifecycleStage>()) EXPECT_EQ(parse<LifecycleStage>(to_string(v)), v);
    for (auto v : all_values<HookTargetType>()) EXPECT_EQ(parse<HookTargetType>(to_string(v)), v);
    for (auto v : all_values<HookTimeoutAction>()) {
        EXPECT_EQ(parse<HookTimeoutAction>(to_string(v)), v);
    }
}

}  // namespace
}  // namespace berth::model

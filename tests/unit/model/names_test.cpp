#include "berth/model/names.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "berth/model/failure.hpp"
#include "berth/model/kinds.hpp"
#include "berth/model/statuses.hpp"

namespace berth::model {
namespace {

// Every value's name parses back to it, names are distinct, and a wrong spelling is refused.
template <Named E>
void expect_table_round_trips() {
    std::set<std::string_view> seen;
    for (auto v : all_values<E>()) {
        auto name = to_string(v);
        EXPECT_TRUE(seen.insert(name).second) << "duplicate name " << name;
        ASSERT_TRUE(parse<E>(name).has_value()) << name;
        EXPECT_EQ(*parse<E>(name), v) << name;
    }
    EXPECT_FALSE(parse<E>("not-a-name"));
}

TEST(Names, EveryTableRoundTrips) {
    expect_table_round_trips<LaunchType>();
    expect_table_round_trips<NetworkMode>();
    expect_table_round_trips<SchedulingStrategy>();
    expect_table_round_trips<DeploymentControllerType>();
    expect_table_round_trips<DeploymentStrategy>();
    expect_table_round_trips<PropagateTags>();
    expect_table_round_trips<StopCode>();
    expect_table_round_trips<ClusterStatus>();
    expect_table_round_trips<ServiceStatus>();
    expect_table_round_trips<TaskDefinitionStatus>();
    expect_table_round_trips<DeploymentStatus>();
    expect_table_round_trips<RolloutState>();
    expect_table_round_trips<CircuitBreakerStatus>();
    expect_table_round_trips<ContainerInstanceStatus>();
    expect_table_round_trips<ContainerStatus>();
    expect_table_round_trips<FailureClass>();
}

TEST(Names, AreEcsSpellings) {
    EXPECT_EQ(to_string(LaunchType::fargate), "FARGATE");
    EXPECT_EQ(to_string(NetworkMode::awsvpc), "awsvpc");
    EXPECT_EQ(parse<NetworkMode>("AWSVPC"), std::nullopt);  // ECS's names are case-sensitive
    EXPECT_EQ(to_string(RolloutState::in_progress), "IN_PROGRESS");
    EXPECT_EQ(to_string(StopCode::service_scheduler_initiated), "ServiceSchedulerInitiated");
    EXPECT_EQ(to_string(DeploymentStrategy::blue_green), "BLUE_GREEN");
}

TEST(ContainerStatus, IsOrderedAndShowsEcsNames) {
    EXPECT_LT(ContainerStatus::none, ContainerStatus::pulled);
    EXPECT_LT(ContainerStatus::created, ContainerStatus::running);
    EXPECT_LT(ContainerStatus::running, ContainerStatus::stopped);
    EXPECT_EQ(api_name(ContainerStatus::created), "PENDING");
    EXPECT_EQ(api_name(ContainerStatus::running), "RUNNING");
    EXPECT_EQ(api_name(ContainerStatus::stopped), "STOPPED");
}

TEST(CircuitBreakerStatus, FollowsTheRolloutState) {
    EXPECT_EQ(circuit_breaker_status(false, RolloutState::failed), CircuitBreakerStatus::disabled);
    EXPECT_EQ(circuit_breaker_status(true, RolloutState::in_progress),
              CircuitBreakerStatus::monitoring);
    EXPECT_EQ(circuit_breaker_status(true, RolloutState::completed),
              CircuitBreakerStatus::monitoring_complete);
    EXPECT_EQ(circuit_breaker_status(true, RolloutState::failed), CircuitBreakerStatus::triggered);
    EXPECT_EQ(to_string(CircuitBreakerStatus::monitoring_complete), "MONITORING_COMPLETE");
}

TEST(FailureClass, ReasonsStartWithTheEcsName) {
    EXPECT_EQ(failure_reason(FailureClass::cannot_pull_container, "pull access denied"),
              "CannotPullContainerError: pull access denied");
    EXPECT_EQ(failure_reason(FailureClass::out_of_memory, ""), "OutOfMemoryError");
}

}  // namespace
}  // namespace berth::model

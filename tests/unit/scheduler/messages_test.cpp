// ECS's texts, word for word: clients and people grep for them.
#include "berth/scheduler/messages.hpp"

#include <gtest/gtest.h>

namespace berth::scheduler::messages {
namespace {

TEST(Messages, ServiceEventsReadAsEcsWritesThem) {
    EXPECT_EQ(started_tasks("web", {"a1", "b2"}),
              "(service web) has started 2 tasks: (task a1) (task b2).");
    EXPECT_EQ(stopped_tasks("web", {"a1"}),
              "(service web) has stopped 1 running tasks: (task a1).");
    EXPECT_EQ(steady_state("web"), "(service web) has reached a steady state.");
    EXPECT_EQ(deployment_completed("web", "ecs-svc/123"),
              "(service web) (deployment ecs-svc/123) deployment completed.");
    EXPECT_EQ(deployment_failed("web", "ecs-svc/123"),
              "(service web) (deployment ecs-svc/123) deployment failed: tasks failed to start.");
    EXPECT_EQ(rolling_back("web", "ecs-svc/9"),
              "(service web) rolling back to deployment ecs-svc/9.");
    EXPECT_EQ(failed_health_checks("web", "a1"),
              "(service web) (task a1) failed container health checks.");
    EXPECT_EQ(unable_to_start_consistently("web"),
              "(service web) is unable to consistently start tasks successfully.");
    EXPECT_EQ(
        unable_to_place("web", "Reason: No Container Instances were found in your cluster."),
        "(service web) was unable to place a task because no container instance met all of "
        "its requirements. Reason: No Container Instances were found in your cluster. For "
        "more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
}

TEST(Messages, RolloutReasonsAndStopReasons) {
    EXPECT_EQ(rollout_in_progress("ecs-svc/1"), "ECS deployment ecs-svc/1 in progress.");
    EXPECT_EQ(rollout_completed("ecs-svc/1"), "ECS deployment ecs-svc/1 completed.");
    EXPECT_EQ(rollout_failed_tasks_failed_to_start(),
              "ECS deployment circuit breaker: tasks failed to start.");
    EXPECT_EQ(rollout_rolling_back("ecs-svc/1"),
              "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.");
    EXPECT_EQ(stop_scaling_activity("ecs-svc/1"),
              "Scaling activity initiated by (deployment ecs-svc/1)");
    EXPECT_EQ(stop_failed_health_checks(), "Task failed container health checks");
}

}  // namespace
}  // namespace berth::scheduler::messages

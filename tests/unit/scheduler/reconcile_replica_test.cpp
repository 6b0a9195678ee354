// REPLICA services at their desired count: scale up and down, replacement, health, the launch
// throttle, expectations, DRAINING.
#include "berth/scheduler/reconcile.hpp"

#include "support.hpp"

namespace berth::scheduler::testing {
namespace {

class Replica : public ::testing::Test {
  protected:
    World w;
    std::string td = w.add_task_definition("web", {});
    std::string instance = w.add_instance();
};

TEST_F(Replica, Reconcile_ScaleUp_FromZero) {
    auto& s = w.add_service("web", 2, td);
    auto plan = w.reconcile();
    expect_plan(plan, {.starts = 2});
    ASSERT_EQ(plan.starts.size(), 1u);
    const auto& start = plan.starts[0];
    EXPECT_EQ(start.service_arn, s.arn);
    EXPECT_EQ(start.deployment_id, s.deployments[0].id);
    EXPECT_EQ(start.task_definition_arn, td);
    EXPECT_EQ(start.launch_type, model::LaunchType::ec2);
    EXPECT_EQ(start.group, "service:web");
    EXPECT_EQ(start.container_instance_arns, (std::vector<std::string>{instance, instance}));
}

TEST_F(Replica, Reconcile_ScaleUp_Partial) {
    auto& s = w.add_service("web", 5, td);
    for (int i = 0; i < 3; ++i) w.add_task(s, s.deployments[0], TaskStatus::running);
    expect_plan(w.reconcile(), {.starts = 2});
}

TEST_F(Replica, Reconcile_Expectations_PendingTasksCount) {
    // Tasks the applier created but Docker has not started yet are what the plan asked for:
    // reconciling again before anything ran starts nothing more.
    auto& s = w.add_service("web", 3, td);
    w.step();
    EXPECT_EQ(w.tasks_of(s).size(), 3u);
    for (int i = 0; i < 5; ++i) EXPECT_EQ(w.reconcile().tasks_to_start(), 0);
    EXPECT_EQ(w.tasks_of(s).size(), 3u);
}

TEST_F(Replica, Reconcile_ScaleDown_StopsTheLeastUsefulFirst) {
    auto& s = w.add_service("web", 2, td, nullptr, /*completed=*/true);
    auto& d = s.deployments[0];
    auto& old_healthy = w.add_task(s, d, TaskStatus::running);
    w.now += 1min;
    auto& newer_healthy = w.add_task(s, d, TaskStatus::running);
    w.now += 1min;
    auto& newest_healthy = w.add_task(s, d, TaskStatus::running);
    auto& pending = w.add_task(s, d, TaskStatus::pending);
    auto& unhealthy = w.add_task(s, d, TaskStatus::running, HealthStatus::unhealthy);
    s.health_check_grace_period_seconds = 3600;  // not replaced for its health: only scaled in

    auto plan = w.reconcile();
    expect_plan(plan, {.stops = 3,
                       .events = {messages::stopped_tasks(
                           "web", {unhealthy.id, pending.id, newest_healthy.id})}});
    std::vector<std::string> stopped;
    for (const auto& stop : plan.stops) {
        stopped.push_back(stop.task_arn);
        EXPECT_EQ(stop.stop_code, model::StopCode::service_scheduler_initiated);
        EXPECT_EQ(stop.reason, "Scaling activity initiated by (deployment " + d.id + ")");
    }
    EXPECT_EQ(stopped, (std::vector<std::string>{unhealthy.arn, pending.arn, newest_healthy.arn}));
    (void)old_healthy;
    (void)newer_healthy;
}

TEST_F(Replica, Reconcile_ScaleDown_ToZero) {
    auto& s = w.add_service("web", 0, td, nullptr, true);
    auto& a = w.add_task(s, s.deployments[0]);
    auto& b = w.add_task(s, s.deployments[0]);
    expect_plan(w.reconcile(),
                {.stops = 2, .events = {messages::stopped_tasks("web", {b.id, a.id})}});
}

TEST_F(Replica, Reconcile_Replacement_OfAStoppedTask) {
    auto& s = w.add_service("web", 2, td, nullptr, true);
    w.add_task(s, s.deployments[0]);
    auto& dead = w.add_task(s, s.deployments[0]);
    w.fail(dead);  // docker kill: the runtime saw the essential container exit
    expect_plan(w.reconcile(), {.starts = 1});
}

TEST_F(Replica, Reconcile_Replacement_TaskStoppingIsNotReplacedTwice) {
    // A task being stopped still holds its place under maximumPercent 100 until it stopped.
    auto& s =
        w.add_service("web", 1, td, {{"minimumHealthyPercent", 0}, {"maximumPercent", 100}}, true);
    auto& t = w.add_task(s, s.deployments[0]);
    t.desired_status = TaskStatus::stopped;  // a user's StopTask, not yet carried out
    expect_plan(w.reconcile(), {});
    w.set_status(t, TaskStatus::stopped);
    expect_plan(w.reconcile(), {.starts = 1});
}

TEST_F(Replica, Reconcile_Unhealthy_ReplacedAfterGracePeriod) {
    auto& s = w.add_service("web", 1, td, nullptr, true);
    s.health_check_grace_period_seconds = 60;
    auto& t = w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unhealthy);

    auto within = w.reconcile();
    expect_plan(within, {});
    ASSERT_TRUE(within.next_wakeup);
    EXPECT_EQ(*within.next_wakeup, w.now + 60s);

    w.now += 60s;
    auto plan = w.reconcile();
    // Stopped and replaced in one pass: maximumPercent 200 leaves room beside it.
    expect_plan(plan, {.starts = 1,
                       .stops = 1,
                       .events = {messages::failed_health_checks("web", t.id),
                                  messages::stopped_tasks("web", {t.id})}});
    EXPECT_EQ(plan.stops[0].reason, "Task failed container health checks");
}

TEST_F(Replica, Reconcile_SteadyState_OnceThenQuiet) {
    auto& s = w.add_service("web", 2, td, nullptr, true);
    w.add_task(s, s.deployments[0]);
    w.add_task(s, s.deployments[0]);
    auto plan = w.step();
    expect_plan(plan, {.events = {messages::steady_state("web")}});
    ASSERT_EQ(plan.counts.size(), 1u);
    EXPECT_EQ(plan.counts[0].running, 2);
    EXPECT_TRUE(w.reconcile().empty()) << "an idle service yields an empty plan";
    w.now += 7h;  // ECS repeats a steady-state event after six hours
    expect_plan(w.reconcile(), {.events = {messages::steady_state("web")}});
}

TEST_F(Replica, Reconcile_Counts_WrittenBackWhenTheyChange) {
    auto& s = w.add_service("web", 3, td);
    w.add_task(s, s.deployments[0], TaskStatus::running);
    w.add_task(s, s.deployments[0], TaskStatus::pending);
    auto plan = w.reconcile();
    ASSERT_EQ(plan.counts.size(), 1u);
    const auto& c = plan.counts[0];
    EXPECT_EQ(c.desired, 3);
    EXPECT_EQ(c.running, 1);
    EXPECT_EQ(c.pending, 1);
    ASSERT_EQ(c.deployments.size(), 1u);
    EXPECT_EQ(c.deployments[0], (DeploymentCounts{s.deployments[0].id, 3, 1, 1, 0}));
}

TEST_F(Replica, Reconcile_Throttle_BacksOffAfterRepeatedFailedStarts) {
    auto& s = w.add_service("web", 1, td);
    auto& d = s.deployments[0];
    for (int i = 0; i < 2; ++i) {
        w.fail(w.add_task(s, d, TaskStatus::pending), model::StopCode::task_failed_to_start);
        w.now += 1s;
    }
    expect_plan(w.reconcile(), {.starts = 1});  // two failures in a row: no delay yet

    w.fail(w.add_task(s, d, TaskStatus::pending), model::StopCode::task_failed_to_start);
    auto third = w.reconcile();
    expect_plan(third, {.events = {messages::unable_to_start_consistently("web")}});
    ASSERT_TRUE(third.next_wakeup);
    EXPECT_EQ(*third.next_wakeup, w.now + 5s);

    w.now += 5s;
    expect_plan(w.reconcile(), {.starts = 1});
    w.fail(w.add_task(s, d, TaskStatus::pending), model::StopCode::task_failed_to_start);
    auto fourth = w.reconcile();
    ASSERT_TRUE(fourth.next_wakeup);
    EXPECT_EQ(*fourth.next_wakeup, w.now + 10s) << "the delay doubles";
}

TEST_F(Replica, Reconcile_Throttle_CountsAFailedStartStillStopping) {
    // The runtime marks a failed start (desired STOPPED, TaskFailedToStart) before its
    // containers are gone; with maximumPercent 200 its replacement could start meanwhile, and
    // a throttle counting only STOPPED tasks would let it through unthrottled.
    auto& s = w.add_service("web", 1, td);
    auto& d = s.deployments[0];
    for (int i = 0; i < 2; ++i) {
        w.fail(w.add_task(s, d, TaskStatus::pending), model::StopCode::task_failed_to_start);
        w.now += 1s;
    }
    auto& third = w.add_task(s, d, TaskStatus::pending);
    third.desired_status = TaskStatus::stopped;
    third.stop_code = model::StopCode::task_failed_to_start;
    third.stopped_reason = "CannotPullContainerError: pull access denied";
    auto plan = w.reconcile();
    expect_plan(plan, {.events = {messages::unable_to_start_consistently("web")}});
    ASSERT_TRUE(plan.next_wakeup);
    EXPECT_EQ(*plan.next_wakeup, w.now + 5s);
}

TEST_F(Replica, Reconcile_Throttle_ResetByATaskThatRuns) {
    auto& s = w.add_service("web", 2, td);
    auto& d = s.deployments[0];
    for (int i = 0; i < 3; ++i) {
        w.fail(w.add_task(s, d, TaskStatus::pending), model::StopCode::task_failed_to_start);
    }
    w.now += 1s;
    auto& good = w.add_task(s, d, TaskStatus::running);
    w.now += 11s;  // it has run long enough to prove the image starts
    (void)good;
    expect_plan(w.reconcile(), {.starts = 1});
}

TEST_F(Replica, Reconcile_Throttle_NewDeploymentStartsUnthrottled) {
    auto& s = w.add_service("web", 1, td);
    for (int i = 0; i < 4; ++i) {
        w.fail(w.add_task(s, s.deployments[0], TaskStatus::pending),
               model::StopCode::task_failed_to_start);
    }
    EXPECT_EQ(w.reconcile().tasks_to_start(), 0);
    w.add_deployment(s, w.add_task_definition("web", {}));
    EXPECT_EQ(w.reconcile().tasks_to_start(), 1);
}

TEST_F(Replica, Reconcile_Fargate_NoContainerInstance) {
    auto& s = w.add_service("web", 2, td);
    s.launch_type = model::LaunchType::fargate;
    s.deployments[0].launch_type = model::LaunchType::fargate;
    w.p.container_instances.clear();
    auto plan = w.reconcile();
    expect_plan(plan, {.starts = 2});
    EXPECT_EQ(plan.starts[0].launch_type, model::LaunchType::fargate);
    EXPECT_EQ(plan.starts[0].container_instance_arns, (std::vector<std::string>{"", ""}));
}

TEST_F(Replica, Reconcile_LaunchType_FromCapacityProviderStrategy) {
    auto& s = w.add_service("web", 1, td);
    s.launch_type.reset();
    s.deployments[0].launch_type.reset();
    s.deployments[0].capacity_provider_strategy = {{{"capacityProvider", "FARGATE_SPOT"}}};
    EXPECT_EQ(w.reconcile().starts.at(0).launch_type, model::LaunchType::fargate);
    s.deployments[0].capacity_provider_strategy = nlohmann::json::array();
    w.p.clusters.at("default").default_capacity_provider_strategy = {
        {{"capacityProvider", "FARGATE"}}};
    EXPECT_EQ(w.reconcile().starts.at(0).launch_type, model::LaunchType::fargate);
    w.p.clusters.at("default").default_capacity_provider_strategy = nlohmann::json::array();
    EXPECT_EQ(w.reconcile().starts.at(0).launch_type, model::LaunchType::ec2);
}

TEST_F(Replica, Reconcile_Placement_UnableToPlace_NoInstances) {
    w.p.container_instances.clear();
    w.add_service("web", 1, td);
    auto plan = w.step();
    expect_plan(plan, {.events = {messages::unable_to_place(
                           "web", "Reason: No Container Instances were found in your cluster.")}});
    SCOPED_TRACE("the same event is not repeated");
    expect_plan(w.reconcile(), {});
}

TEST_F(Replica, Reconcile_Draining_StopsEverythingThenInactive) {
    auto& s = w.add_service("web", 0, td, nullptr, true);
    s.status = model::ServiceStatus::draining;
    auto& a = w.add_task(s, s.deployments[0]);
    auto& b = w.add_task(s, s.deployments[0], TaskStatus::pending);
    expect_plan(w.step(), {.stops = 2, .events = {messages::stopped_tasks("web", {a.id, b.id})}});
    expect_plan(w.step(), {});  // waits for the tasks to stop
    w.set_status(a, TaskStatus::stopped);
    w.set_status(b, TaskStatus::stopped);
    expect_plan(w.step(), {.service_updates = 1});
    EXPECT_EQ(model::to_string(s.status), "INACTIVE");
    EXPECT_TRUE(w.reconcile().empty());
}

// UpdateContainerInstancesState DRAINING: the service's tasks there are replaced elsewhere
// within minimumHealthyPercent / maximumPercent (100 / 200 by default: the replacement first).
TEST_F(Replica, Reconcile_DrainingInstance_TasksReplacedElsewhere) {
    auto other = w.add_instance();
    auto& s = w.add_service("web", 2, td, nullptr, true);
    auto& drained =
        w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, instance);
    w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, other);
    w.step();  // steady
    w.p.container_instances.at(instance).status = model::ContainerInstanceStatus::draining;
    auto plan = w.step();
    expect_plan(plan, {.starts = 1});
    EXPECT_EQ(plan.starts.at(0).container_instance_arns, (std::vector<std::string>{other}));
    for (auto* t : w.tasks_of(s)) {
        if (t->last_status == TaskStatus::pending) w.set_status(*t, TaskStatus::running);
    }
    plan = w.step();
    ASSERT_EQ(plan.stops.size(), 1u);
    EXPECT_EQ(plan.stops[0].task_arn, drained.arn);
    expect_plan(w.step(), {});
}

TEST_F(Replica, Reconcile_DrainingInstance_MinimumHealthyLetsOneGoFirst) {
    auto other = w.add_instance();
    auto& s =
        w.add_service("web", 2, td, {{"minimumHealthyPercent", 50}, {"maximumPercent", 100}}, true);
    auto& drained =
        w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, instance);
    w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, other);
    w.step();
    w.p.container_instances.at(instance).status = model::ContainerInstanceStatus::draining;
    auto plan = w.step();  // no room above 100%: the drained task stops first
    ASSERT_EQ(plan.stops.size(), 1u);
    EXPECT_EQ(plan.stops[0].task_arn, drained.arn);
    EXPECT_EQ(plan.tasks_to_start(), 0);
    w.set_status(drained, TaskStatus::stopped);
    plan = w.step();
    expect_plan(plan, {.starts = 1});
    EXPECT_EQ(plan.starts.at(0).container_instance_arns, (std::vector<std::string>{other}));
}

TEST_F(Replica, Reconcile_TwoServices_EventsStayWithTheirService) {
    auto& api = w.add_service("api", 0, td, nullptr, true);
    auto& extra = w.add_task(api, api.deployments[0]);
    auto& web = w.add_service("web", 1, td, nullptr, true);
    auto& sick = w.add_task(web, web.deployments[0], TaskStatus::running, HealthStatus::unhealthy);
    auto plan = w.reconcile();
    expect_plan(plan, {.starts = 1,
                       .stops = 2,
                       .events = {messages::stopped_tasks("api", {extra.id}),
                                  messages::failed_health_checks("web", sick.id),
                                  messages::stopped_tasks("web", {sick.id})}});
    EXPECT_EQ(plan.events[0].service_arn, api.arn);
    EXPECT_EQ(plan.events[1].service_arn, web.arn);
    EXPECT_EQ(plan.events[2].service_arn, web.arn);
}

TEST_F(Replica, Reconcile_OtherDeploymentControllers_LeftAlone) {
    auto& s = w.add_service("web", 2, td);
    s.deployment_controller = model::DeploymentControllerType::code_deploy;
    EXPECT_TRUE(w.reconcile().empty());
}

TEST_F(Replica, Reconcile_ServicesInOtherClustersDoNotShareTasks) {
    auto& a = w.add_service("web", 1, td);
    w.add_task(a, a.deployments[0]);
    w.cluster = "other";
    model::Cluster other;
    other.name = "other";
    w.p.clusters["other"] = other;
    w.add_instance();
    w.add_service("web", 1, td);  // same name, other cluster: has no task yet
    auto plan = w.reconcile();
    ASSERT_EQ(plan.starts.size(), 1u);
    EXPECT_EQ(plan.starts[0].cluster_name, "other");
}

}  // namespace
}  // namespace berth::scheduler::testing

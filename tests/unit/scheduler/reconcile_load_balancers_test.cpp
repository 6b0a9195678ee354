// Services with loadBalancers: a task counts as healthy only when its targets are healthy in
// their target groups, and a target that fails its health checks gets its task replaced with
// ECS's stopped reason (after healthCheckGracePeriodSeconds).
#include "berth/scheduler/reconcile.hpp"

#include "berth/model/task_predicates.hpp"
#include "scheduler/task_state.hpp"
#include "support.hpp"

namespace berth::scheduler::testing {
namespace {

using model::TargetStatus;

const std::string k_tg =
    "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef";

class LoadBalanced : public ::testing::Test {
  protected:
    World w;
    std::string v1 = w.add_task_definition("web", {});
    std::string v2 = w.add_task_definition("web", {});
    std::string instance = w.add_instance(8192, 16384);

    model::Service& service(int desired, bool completed = true) {
        auto& s = w.add_service("web", desired, v1, nullptr, completed);
        model::LoadBalancer lb;
        lb.target_group_arn = k_tg;
        lb.container_name = "app";
        lb.container_port = 80;
        s.load_balancers = {lb};
        return s;
    }

    model::Task& task(model::Service& s, const model::Deployment& d, TargetStatus target) {
        auto& t = w.add_task(s, d, TaskStatus::running, HealthStatus::unknown, instance);
        EXPECT_EQ(t.targets.size(), 1u);  // stamped from the service's load balancers
        t.targets[0].status = target;
        t.targets[0].target_id = "10.0.0." + std::to_string(t.seq);
        t.targets[0].port = 80;
        if (target == TargetStatus::unhealthy) {
            t.targets[0].reason = "Health checks failed with these codes: [404]";
        }
        return t;
    }
};

TEST_F(LoadBalanced, TasksAreStampedWithTheServiceTargetGroups) {
    auto& s = service(2, false);
    w.step();
    for (auto* t : w.tasks_of(s)) {
        ASSERT_EQ(t->targets.size(), 1u);
        EXPECT_EQ(t->targets[0].target_group_arn, k_tg);
        EXPECT_EQ(t->targets[0].container_name, "app");
        EXPECT_EQ(t->targets[0].container_port, 80);
        EXPECT_EQ(t->targets[0].status, TargetStatus::unregistered);
    }
}

// A RUNNING task is healthy for its deployment only when its target is.
TEST_F(LoadBalanced, HealthyOnlyWhenTheTargetIs) {
    const std::vector<std::pair<TargetStatus, bool>> table{
        {TargetStatus::unregistered, false}, {TargetStatus::initial, false},
        {TargetStatus::healthy, true},       {TargetStatus::unhealthy, false},
        {TargetStatus::draining, false},     {TargetStatus::deregistered, false},
    };
    auto& s = service(1);
    auto& t = task(s, s.deployments[0], TargetStatus::unregistered);
    for (const auto& [status, healthy] : table) {
        t.targets[0].status = status;
        EXPECT_EQ(model::is_healthy(t), healthy) << model::to_string(status);
    }
}

// minimumHealthyPercent 100: the old task goes only once the new one's target is healthy.
TEST_F(LoadBalanced, Reconcile_Rolling_WaitsForTargetHealth) {
    auto& s = service(1);
    task(s, s.deployments[0], TargetStatus::healthy);
    auto& d2 = w.add_deployment(s, v2);
    const std::string new_id = d2.id;
    auto& fresh = task(s, s.deployments[0], TargetStatus::unregistered);

    expect_plan(w.reconcile(), {});  // running, but not registered yet
    fresh.targets[0].status = TargetStatus::initial;
    expect_plan(w.reconcile(), {});  // registered, health checks not passed yet
    fresh.targets[0].status = TargetStatus::healthy;
    auto plan = w.reconcile();
    expect_plan(plan, {.stops = 1, .events = {stopped_event(w, plan, "web")}});
    EXPECT_NE(plan.stops[0].task_arn, fresh.arn);
    EXPECT_EQ(plan.stops[0].reason, messages::stop_scaling_activity(new_id));
}

TEST_F(LoadBalanced, Reconcile_UnhealthyTarget_ReplacedWithTheElbReason) {
    auto& s = service(1);
    auto& t = task(s, s.deployments[0], TargetStatus::unhealthy);
    auto plan = w.step();
    // Replaced in the same pass: maximumPercent 200 leaves room for the new task.
    expect_plan(plan, {.starts = 1,
                       .stops = 1,
                       .events = {"(service web) (task " + t.id +
                                      ") (port 80) is unhealthy in (target-group " + k_tg +
                                      ") due to (reason Health checks failed with these "
                                      "codes: [404]).",
                                  stopped_event(w, plan, "web")}});
    EXPECT_EQ(plan.stops[0].reason, "Task failed ELB health checks in (target-group " + k_tg + ")");
    EXPECT_EQ(t.desired_status, TaskStatus::stopped);

    // Once it has stopped it counts as a failure for the circuit breaker.
    w.set_status(t, TaskStatus::stopped);
    EXPECT_TRUE(is_failure(t));
}

TEST_F(LoadBalanced, Reconcile_UnhealthyTarget_SparedDuringTheGracePeriod) {
    auto& s = service(1);
    s.health_check_grace_period_seconds = 60;
    task(s, s.deployments[0], TargetStatus::unhealthy);
    auto plan = w.reconcile();
    expect_plan(plan, {});
    ASSERT_TRUE(plan.next_wakeup);
    EXPECT_EQ(*plan.next_wakeup, w.now + 60s);
    w.now += 60s;
    plan = w.reconcile();
    EXPECT_EQ(plan.stops.size(), 1u);
}

TEST_F(LoadBalanced, Reconcile_DeploymentCompletesWhenTargetsAreHealthy) {
    auto& s = service(2, false);
    auto& a = task(s, s.deployments[0], TargetStatus::healthy);
    auto& b = task(s, s.deployments[0], TargetStatus::initial);
    expect_plan(w.reconcile(), {});
    b.targets[0].status = TargetStatus::healthy;
    const auto id = s.deployments[0].id;
    expect_plan(w.reconcile(), {.deployment_updates = 1,
                                .events = {messages::deployment_completed("web", id),
                                           messages::steady_state("web")}});
    (void)a;
}

}  // namespace
}  // namespace berth::scheduler::testing

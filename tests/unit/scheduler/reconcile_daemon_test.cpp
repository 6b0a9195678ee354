// DAEMON services: one task per container instance.
#include "berth/scheduler/reconcile.hpp"

#include <map>

#include "support.hpp"

namespace berth::scheduler::testing {
namespace {

class Daemon : public ::testing::Test {
  protected:
    World w;
    std::string v1 = w.add_task_definition("agent", {});
    std::string v2 = w.add_task_definition("agent", {});

    model::Service& daemon(const std::string& td, bool completed = false) {
        auto& s = w.add_service("agent", 0, td, nullptr, completed);
        s.scheduling_strategy = model::SchedulingStrategy::daemon;
        s.deployment_configuration = model::default_deployment_configuration(s.scheduling_strategy);
        return s;
    }
};

TEST_F(Daemon, Reconcile_Daemon_OnePerInstance) {
    auto a = w.add_instance();
    auto b = w.add_instance();
    auto& s = daemon(v1);
    auto plan = w.step();
    expect_plan(plan, {.starts = 2});
    EXPECT_EQ(plan.starts.at(0).container_instance_arns, (std::vector<std::string>{a, b}));
    ASSERT_EQ(plan.counts.size(), 1u);
    EXPECT_EQ(plan.counts[0].desired, 2) << "a daemon's desired count is its instance count";
    EXPECT_EQ(s.desired_count, 2);
    expect_plan(w.step(), {});  // pending tasks already cover both instances

    for (auto* t : w.tasks_of(s)) w.set_status(*t, TaskStatus::running);
    expect_plan(w.step(), {.deployment_updates = 1,
                           .events = {messages::deployment_completed("agent", s.deployments[0].id),
                                      messages::steady_state("agent")}});
}

TEST_F(Daemon, Reconcile_Daemon_NewInstanceGetsATask) {
    auto a = w.add_instance();
    auto& s = daemon(v1, true);
    w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, a);
    s.desired_count = 1;
    w.step();
    auto b = w.add_instance();
    auto plan = w.reconcile();
    expect_plan(plan, {.starts = 1});
    EXPECT_EQ(plan.starts.at(0).container_instance_arns, (std::vector<std::string>{b}));
}

TEST_F(Daemon, Reconcile_Daemon_TaskOnAGoneInstanceIsStopped) {
    auto a = w.add_instance();
    auto b = w.add_instance();
    auto& s = daemon(v1, true);
    w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, a);
    auto& on_b = w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, b);
    w.p.container_instances.at(b).status = model::ContainerInstanceStatus::draining;
    auto plan = w.reconcile();
    expect_plan(plan, {.stops = 1, .events = {messages::stopped_tasks("agent", {on_b.id})}});
}

TEST_F(Daemon, Reconcile_Daemon_DuplicateOnOneInstanceIsStopped) {
    auto a = w.add_instance();
    auto& s = daemon(v1, true);
    w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, a);
    w.now += 1s;
    auto& dup = w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, a);
    expect_plan(w.reconcile(),
                {.stops = 1, .events = {messages::stopped_tasks("agent", {dup.id})}});
}

TEST_F(Daemon, Reconcile_Daemon_MemberOfLimitsInstances) {
    w.add_instance(2048, 4096, {{{"name", "role"}, {"value", "web"}}});
    auto b = w.add_instance(2048, 4096, {{{"name", "role"}, {"value", "batch"}}});
    auto& s = daemon(v1);
    s.placement_constraints = model::read_constraints(
        {{{"type", "memberOf"}, {"expression", "attribute:role == batch"}}});
    auto plan = w.reconcile();
    expect_plan(plan, {.starts = 1});
    EXPECT_EQ(plan.starts.at(0).container_instance_arns, (std::vector<std::string>{b}));
    EXPECT_EQ(plan.counts.at(0).desired, 1);
}

TEST_F(Daemon, Reconcile_Daemon_RollsInPlace) {
    auto a = w.add_instance();
    auto b = w.add_instance();
    auto& s = daemon(v1, true);
    auto& old_a = w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, a);
    auto& old_b = w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, b);
    s.desired_count = 2;
    s.deployment_configuration.minimum_healthy_percent = 50;
    w.add_deployment(s, v2);

    // One instance at a time: half must stay healthy. The old task goes first (maximum 100 %).
    auto first = w.step();
    expect_plan(first, {.stops = 1, .events = {stopped_event(w, first, "agent")}});
    expect_plan(w.step(), {});
    auto& stopped = w.p.tasks.at(first.stops[0].task_arn);
    w.set_status(stopped, TaskStatus::stopped);
    auto second = w.step();
    expect_plan(second, {.starts = 1});
    EXPECT_EQ(second.starts[0].container_instance_arns,
              (std::vector<std::string>{stopped.container_instance_arn}));
    for (auto* t : w.tasks_of(s)) {
        if (t->last_status == TaskStatus::pending) w.set_status(*t, TaskStatus::running);
    }
    auto third = w.step();
    expect_plan(third, {.stops = 1, .events = {stopped_event(w, third, "agent")}});
    (void)old_a;
    (void)old_b;
}

TEST_F(Daemon, Reconcile_Daemon_ResourcesMustFit) {
    auto small = w.add_instance(64, 64);
    daemon(v1);  // asks for 128 CPU units and 128 MiB
    auto plan = w.reconcile();
    expect_plan(plan, {.events = {messages::unable_to_place(
                           "agent", "The closest matching container-instance " +
                                        w.p.container_instances.at(small).id +
                                        " has insufficient CPU units available.")}});
}

TEST_F(Daemon, Reconcile_Daemon_FargateIsNotADaemon) {
    w.add_instance();
    auto& s = daemon(v1);
    s.launch_type = model::LaunchType::fargate;
    s.deployments[0].launch_type = model::LaunchType::fargate;
    EXPECT_EQ(w.reconcile().tasks_to_start(), 0);
}

}  // namespace
}  // namespace berth::scheduler::testing

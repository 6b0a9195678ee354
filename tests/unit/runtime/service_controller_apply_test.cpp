// apply_plan: plans from the real scheduler and hand-made ones, written into a real Store.
#include <gtest/gtest.h>

#include <regex>

#include "berth/runtime/service_controller.hpp"
#include "berth/scheduler/messages.hpp"
#include "berth/scheduler/reconcile.hpp"
#include "unit/scheduler/support.hpp"

namespace berth::runtime {
namespace {

using model::TaskStatus;
using nlohmann::json;
using scheduler::testing::k_key;
using scheduler::testing::World;
namespace messages = scheduler::messages;
using namespace std::chrono_literals;

class ApplyPlan : public ::testing::Test {
  protected:
    World world;
    model::Store store;
    std::string td = world.add_task_definition("web", json::object());

    // The world becomes the Store's partition.
    void publish() {
        store.write(k_key, [&](model::Partition& p) { p = world.p; });
    }
    model::Partition snapshot() const {
        return store.read(k_key, [](const model::Partition& p) { return p; });
    }
    template <class F>
    void change(F&& f) {
        store.write(k_key, std::forward<F>(f));
    }
    model::Service service(const std::string& name = "web") const {
        return store.read(k_key, [&](const model::Partition& p) {
            return p.services.at(model::service_arn(k_key, "default", name));
        });
    }
    model::Task task(const std::string& arn) const {
        return store.read(k_key, [&](const model::Partition& p) { return p.tasks.at(arn); });
    }
    // Reconcile the Store's state as it is now, for applying later.
    std::pair<model::Partition, scheduler::Plan> plan_now() const {
        auto p = snapshot();
        auto plan = scheduler::reconcile(p, world.now);
        return {std::move(p), std::move(plan)};
    }
    // A FARGATE service: its tasks need no container instance.
    model::Service& fargate_service(const std::string& name, int desired) {
        auto& s = world.add_service(name, desired, td);
        s.launch_type = model::LaunchType::fargate;
        s.deployments.front().launch_type = model::LaunchType::fargate;
        return s;
    }
    std::string arn_of(const std::string& name = "web") const {
        return model::service_arn(k_key, "default", name);
    }
};

TEST_F(ApplyPlan, CreatesTheTasksAPlanStartsWithTheStartedEvent) {
    auto instance = world.add_instance();
    auto& s = world.add_service("web", 2, td);
    const auto deployment = s.deployments.front().id;
    publish();
    auto [snap, plan] = plan_now();
    ASSERT_EQ(plan.tasks_to_start(), 2);

    auto result = apply_plan(store, snap, plan, world.now);
    ASSERT_EQ(result.started_task_arns.size(), 2u);
    EXPECT_TRUE(result.stale_services.empty());
    std::vector<std::string> ids;
    for (const auto& arn : result.started_task_arns) {
        auto t = task(arn);
        ids.push_back(t.id);
        EXPECT_EQ(t.started_by, deployment);
        EXPECT_EQ(t.deployment_id, deployment);
        EXPECT_EQ(t.group, "service:web");
        EXPECT_EQ(t.service_name, "web");
        EXPECT_EQ(t.launch_type, model::LaunchType::ec2);
        EXPECT_EQ(t.container_instance_arn, instance);
        EXPECT_EQ(t.task_definition_arn, td);
        EXPECT_EQ(t.desired_status, TaskStatus::running);
        EXPECT_EQ(t.last_status, TaskStatus::pending);
        EXPECT_EQ(t.created_at, world.now);
        EXPECT_GT(t.seq, 0u);
    }
    auto after = service();
    ASSERT_EQ(after.events.size(), 1u);
    EXPECT_EQ(after.events[0].message, messages::started_tasks("web", ids));
    EXPECT_EQ(after.events[0].created_at, world.now);
    EXPECT_TRUE(std::regex_match(after.events[0].id,
                                 std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-"
                                            "[0-9a-f]{12}")));

    // The next pass sees them and starts nothing more; only the counts move.
    auto [snap2, plan2] = plan_now();
    EXPECT_EQ(plan2.tasks_to_start(), 0);
    apply_plan(store, snap2, plan2, world.now);
    EXPECT_EQ(service().pending_count, 2);
    EXPECT_EQ(service().deployments.front().pending_count, 2);
}

TEST_F(ApplyPlan, FargateTasksGetTheDeploymentsNetworkAndTheServicesTags) {
    auto& s = world.add_service("web", 1, td);
    s.launch_type = model::LaunchType::fargate;
    s.propagate_tags = model::PropagateTags::service;
    s.enable_ecs_managed_tags = true;
    s.tags = {{"team", "a"}};
    auto& d = s.deployments.front();
    d.launch_type = model::LaunchType::fargate;
    d.platform_version = "1.4.0";
    d.network_configuration = model::read_network_configuration(
        {{"awsvpcConfiguration", {{"subnets", {"subnet-1"}}, {"assignPublicIp", "ENABLED"}}}});
    auto& web = world.p.task_definitions["web"][0];
    auto document = web.document();
    document["networkMode"] = "awsvpc";
    web.body = model::read_task_definition(document);
    publish();
    auto [snap, plan] = plan_now();
    auto result = apply_plan(store, snap, plan, world.now);
    ASSERT_EQ(result.started_task_arns.size(), 1u);
    auto t = task(result.started_task_arns[0]);
    EXPECT_EQ(t.launch_type, model::LaunchType::fargate);
    EXPECT_EQ(t.container_instance_arn, "");
    EXPECT_EQ(t.platform_version, "1.4.0");
    EXPECT_EQ(t.last_status, TaskStatus::provisioning);
    ASSERT_TRUE(t.network_configuration);
    EXPECT_EQ(t.network_configuration->subnets, std::vector<std::string>{"subnet-1"});
    ASSERT_EQ(t.attachments.size(), 1u);
    EXPECT_EQ(t.attachments[0]["details"][0]["value"], "subnet-1");
    model::Tags want = {
        {"team", "a"}, {"aws:ecs:clusterName", "default"}, {"aws:ecs:serviceName", "web"}};
    EXPECT_EQ(t.tags, want);
}

TEST_F(ApplyPlan, SkipsAServiceWhoseDesiredCountChangedSincePlanning) {
    fargate_service("web", 3);
    publish();
    auto [snap, plan] = plan_now();
    ASSERT_EQ(plan.tasks_to_start(), 3);
    // A client scales in while the plan is being computed (UpdateService).
    change([&](model::Partition& p) { p.services.at(arn_of()).desired_count = 1; });

    auto result = apply_plan(store, snap, plan, world.now);
    EXPECT_TRUE(result.started_task_arns.empty());
    EXPECT_EQ(result.stale_services, std::vector<std::string>{arn_of()});
    EXPECT_TRUE(service().events.empty());
    EXPECT_EQ(service().desired_count, 1);  // the plan's counts did not overwrite it

    auto [snap2, plan2] = plan_now();
    EXPECT_EQ(apply_plan(store, snap2, plan2, world.now).started_task_arns.size(), 1u);
}

TEST_F(ApplyPlan, SkipsAServiceWhoseNewDeploymentCameSincePlanning) {
    fargate_service("web", 2);
    publish();
    auto [snap, plan] = plan_now();
    change([&](model::Partition& p) {
        auto& live = p.services.at(arn_of());
        auto next = live.deployments.front();
        live.deployments.front().status = model::DeploymentStatus::active;
        next.id = "ecs-svc/2222222222222222222";
        live.deployments.insert(live.deployments.begin(), next);
    });
    EXPECT_EQ(apply_plan(store, snap, plan, world.now).stale_services.size(), 1u);
}

TEST_F(ApplyPlan, SkipsAServiceWhoseTaskDiedButNotOneWhoseTaskProgressed) {
    auto& s = fargate_service("web", 3);
    auto& running = world.add_task(s, s.deployments.front(), TaskStatus::running);
    auto& pending = world.add_task(s, s.deployments.front(), TaskStatus::pending);
    const auto running_arn = running.arn;
    const auto pending_arn = pending.arn;
    publish();

    {
        auto [snap, plan] = plan_now();
        ASSERT_EQ(plan.tasks_to_start(), 1);
        change([&](model::Partition& p) {
            p.tasks.at(pending_arn).last_status = TaskStatus::running;  // progress: still valid
        });
        EXPECT_EQ(apply_plan(store, snap, plan, world.now).started_task_arns.size(), 1u);
    }
    {
        change([&](model::Partition& p) { p.services.at(arn_of()).desired_count = 4; });
        auto [snap, plan] = plan_now();
        ASSERT_EQ(plan.tasks_to_start(), 1);
        change([&](model::Partition& p) {
            auto& t = p.tasks.at(running_arn);  // dies: the plan's counts no longer hold
            t.last_status = TaskStatus::stopped;
            t.desired_status = TaskStatus::stopped;
        });
        auto result = apply_plan(store, snap, plan, world.now);
        EXPECT_TRUE(result.started_task_arns.empty());
        EXPECT_EQ(result.stale_services.size(), 1u);
    }
}

TEST_F(ApplyPlan, SkipsServicesThatAreGone) {
    fargate_service("web", 1);
    publish();
    auto [snap, plan] = plan_now();
    change([&](model::Partition& p) { p.services.clear(); });
    auto result = apply_plan(store, snap, plan, world.now);
    EXPECT_TRUE(result.started_task_arns.empty());
    EXPECT_EQ(snapshot().tasks.size(), 0u);
}

TEST_F(ApplyPlan, StopsRecordTheSchedulersCodeAndReasonOnce) {
    auto& s = world.add_service("web", 1, td);
    auto& t = world.add_task(s, s.deployments.front(), TaskStatus::running);
    const auto arn = t.arn;
    publish();
    scheduler::Plan plan;
    plan.stops.push_back({arn_of(), arn, model::StopCode::service_scheduler_initiated, "why"});
    auto first = apply_plan(store, snapshot(), plan, world.now + 1s);
    EXPECT_EQ(first.stopped_task_arns, std::vector<std::string>{arn});
    auto stopped = task(arn);
    EXPECT_EQ(stopped.desired_status, TaskStatus::stopped);
    EXPECT_EQ(stopped.last_status, TaskStatus::running);  // the runtime takes it from here
    EXPECT_EQ(stopped.stop_code, model::StopCode::service_scheduler_initiated);
    EXPECT_EQ(stopped.stopped_reason, "why");
    EXPECT_EQ(stopped.stopping_at, world.now + 1s);
    EXPECT_EQ(stopped.version, t.version + 1);
    plan.stops[0].reason = "again";
    EXPECT_TRUE(apply_plan(store, snapshot(), plan, world.now).stopped_task_arns.empty());
    EXPECT_EQ(task(arn).stopped_reason, "why");
}

TEST_F(ApplyPlan, EventsArePrependedAndCapped) {
    world.add_service("web", 0, td);
    publish();
    scheduler::Plan plan;
    for (int i = 0; i < 5; ++i) plan.events.push_back({arn_of(), "event " + std::to_string(i)});
    ServiceControllerOptions options;
    options.max_events = 3;
    apply_plan(store, snapshot(), plan, world.now, options);
    auto events = service().events;
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].message, "event 4");
    EXPECT_EQ(events[2].message, "event 2");
    EXPECT_NE(events[0].id, events[1].id);
}

TEST_F(ApplyPlan, RollbackMakesANewPrimaryOfTheTargetRevision) {
    auto& s = world.add_service("web", 2, td, nullptr, /*completed=*/true);
    const auto target = s.deployments.front().id;
    const auto td2 = world.add_task_definition("web", json::object());
    auto& failed = world.add_deployment(s, td2);
    failed.rollout_state = model::RolloutState::failed;
    const auto failed_id = failed.id;
    publish();
    scheduler::Plan plan;
    scheduler::DeploymentUpdate demote;
    demote.service_arn = arn_of();
    demote.deployment_id = failed_id;
    demote.status = model::DeploymentStatus::active;
    plan.deployment_updates.push_back(demote);
    plan.rollbacks.push_back({arn_of(), failed_id, target, td, "rolling back"});
    apply_plan(store, snapshot(), plan, world.now);

    auto after = service();
    ASSERT_EQ(after.deployments.size(), 3u);
    const auto& primary = after.deployments.front();
    EXPECT_EQ(model::to_string(primary.status), "PRIMARY");
    EXPECT_NE(primary.id, target);
    EXPECT_NE(primary.id, failed_id);
    EXPECT_EQ(primary.task_definition_arn, td);
    EXPECT_EQ(primary.desired_count, 2);
    EXPECT_EQ(model::to_string(primary.rollout_state), "IN_PROGRESS");
    EXPECT_EQ(primary.rollout_state_reason, "rolling back");
    EXPECT_EQ(primary.rollback_of, failed_id);
    EXPECT_EQ(primary.launch_type, model::LaunchType::ec2);
    EXPECT_EQ(after.task_definition_arn, td);
    EXPECT_EQ(model::to_string(after.deployments[1].status), "ACTIVE");
    EXPECT_EQ(after.deployments[1].id, failed_id);
}

TEST_F(ApplyPlan, CountsAndStatusAreWritten) {
    auto& s = world.add_service("web", 2, td);
    const auto id = s.deployments.front().id;
    publish();
    scheduler::Plan plan;
    plan.counts.push_back({arn_of(), 2, 1, 1, {{id, 2, 1, 1, 3}}});
    plan.service_updates.push_back({arn_of(), model::ServiceStatus::inactive});
    apply_plan(store, snapshot(), plan, world.now + 5s);
    auto after = service();
    EXPECT_EQ(model::to_string(after.status), "INACTIVE");
    EXPECT_EQ(after.running_count, 1);
    EXPECT_EQ(after.pending_count, 1);
    const auto& d = after.deployments.front();
    EXPECT_EQ(d.running_count, 1);
    EXPECT_EQ(d.pending_count, 1);
    EXPECT_EQ(d.failed_tasks, 3);
    EXPECT_EQ(d.updated_at, world.now + 5s);
}

TEST_F(ApplyPlan, OnlyTheNewestInactiveDeploymentsAreKept) {
    auto& s = world.add_service("web", 1, td);
    const auto oldest = s.deployments.front().id;  // ACTIVE once the others come
    std::string newest_inactive;
    for (int i = 0; i < 12; ++i) {
        auto& d = world.add_deployment(s, td);
        d.status = model::DeploymentStatus::inactive;
        newest_inactive = d.id;
    }
    world.add_deployment(s, td);
    publish();
    scheduler::Plan plan;
    scheduler::DeploymentUpdate u;
    u.service_arn = arn_of();
    u.deployment_id = oldest;
    u.status = model::DeploymentStatus::inactive;
    plan.deployment_updates.push_back(u);
    ServiceControllerOptions options;
    options.max_inactive_deployments = 4;
    apply_plan(store, snapshot(), plan, world.now, options);
    auto after = service();
    ASSERT_EQ(after.deployments.size(), 5u);  // the primary and the four newest INACTIVE
    EXPECT_EQ(model::to_string(after.deployments[0].status), "PRIMARY");
    EXPECT_EQ(after.deployments[1].id, newest_inactive);
    for (const auto& d : after.deployments) EXPECT_NE(d.id, oldest);
}

}  // namespace
}  // namespace berth::runtime

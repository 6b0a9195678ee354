// Rolling deployments, step by step, at ECS's minimumHealthyPercent / maximumPercent pairs.
#include "berth/scheduler/reconcile.hpp"

#include "berth/model/task_predicates.hpp"
#include "support.hpp"

namespace berth::scheduler::testing {
namespace {

using model::is_live;
using model::is_pending;
using model::is_stopping;

class Rolling : public ::testing::Test {
  protected:
    World w;
    std::string v1 = w.add_task_definition("web", {});
    std::string v2 = w.add_task_definition("web", {});
    std::string instance = w.add_instance(8192, 16384);

    // A service at steady state on v1 with `desired` healthy tasks, then UpdateService to v2.
    model::Service& deployed(int desired, nlohmann::json config) {
        auto& s = w.add_service("web", desired, v1, std::move(config), /*completed=*/true);
        for (int i = 0; i < desired; ++i) {
            w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, instance);
        }
        w.add_deployment(s, v2);
        return s;
    }

    std::vector<model::Task*> of(const model::Service& s, const std::string& deployment_id,
                                 bool (*pred)(const model::Task&)) {
        std::vector<model::Task*> out;
        for (auto* t : w.tasks_of(s)) {
            if (t->deployment_id == deployment_id && pred(*t)) out.push_back(t);
        }
        return out;
    }

    void run(std::vector<model::Task*> tasks, int n) {
        for (int i = 0; i < n && i < static_cast<int>(tasks.size()); ++i) {
            w.set_status(*tasks[static_cast<std::size_t>(i)], TaskStatus::running);
        }
    }

    // Every task the scheduler asked to stop has now stopped.
    void finish_stops(const model::Service& s) {
        for (auto* t : w.tasks_of(s)) {
            if (is_stopping(*t)) w.set_status(*t, TaskStatus::stopped);
        }
    }
};

TEST_F(Rolling, Reconcile_Rolling_100_200) {
    auto& s = deployed(4, nullptr);  // ECS's defaults
    const std::string old_id = s.deployments[1].id;
    const std::string new_id = s.deployments[0].id;

    expect_plan(w.step(), {.starts = 4});  // up to 200 %: the whole new set at once
    expect_plan(w.step(), {});             // nothing old goes before new tasks run

    run(of(s, new_id, is_pending), 2);
    auto plan = w.step();
    expect_plan(plan, {.stops = 2, .events = {stopped_event(w, plan, "web")}});
    for (const auto& stop : plan.stops) {
        EXPECT_EQ(w.p.tasks.at(stop.task_arn).deployment_id, old_id);
        EXPECT_EQ(stop.reason, "Scaling activity initiated by (deployment " + new_id + ")");
    }

    run(of(s, new_id, is_pending), 2);
    auto second = w.step();
    expect_plan(second, {.stops = 2, .events = {stopped_event(w, second, "web")}});
    expect_plan(w.step(), {});  // the old tasks are still stopping

    finish_stops(s);
    expect_plan(w.step(), {.deployment_updates = 2,
                           .events = {messages::deployment_completed("web", new_id),
                                      messages::steady_state("web")}});
    EXPECT_EQ(model::to_string(s.deployments[0].rollout_state), "COMPLETED");
    EXPECT_EQ(s.deployments[0].rollout_state_reason, "ECS deployment " + new_id + " completed.");
    EXPECT_EQ(model::to_string(s.deployments[1].status), "INACTIVE");
    EXPECT_TRUE(w.reconcile().empty());
}

TEST_F(Rolling, Reconcile_Rolling_50_100) {
    auto& s = deployed(4, {{"minimumHealthyPercent", 50}, {"maximumPercent", 100}});
    const std::string new_id = s.deployments[0].id;

    auto first = w.step();
    expect_plan(first, {.stops = 2, .events = {stopped_event(w, first, "web")}});
    expect_plan(w.step(), {});  // no room until the two have really stopped

    finish_stops(s);
    expect_plan(w.step(), {.starts = 2});
    expect_plan(w.step(), {});  // healthy tasks are at the minimum: wait for the new ones

    run(of(s, new_id, is_pending), 2);
    auto second = w.step();
    expect_plan(second, {.stops = 2, .events = {stopped_event(w, second, "web")}});
    finish_stops(s);
    expect_plan(w.step(), {.starts = 2});
    run(of(s, new_id, is_pending), 2);
    expect_plan(w.step(), {.deployment_updates = 2,
                           .events = {messages::deployment_completed("web", new_id),
                                      messages::steady_state("web")}});
}

TEST_F(Rolling, Reconcile_Rolling_0_100) {
    auto& s = deployed(3, {{"minimumHealthyPercent", 0}, {"maximumPercent", 100}});
    const std::string new_id = s.deployments[0].id;

    auto first = w.step();
    expect_plan(first, {.stops = 3, .events = {stopped_event(w, first, "web")}});
    finish_stops(s);
    expect_plan(w.step(), {.starts = 3});
    run(of(s, new_id, is_pending), 3);
    expect_plan(w.step(), {.deployment_updates = 2,
                           .events = {messages::deployment_completed("web", new_id),
                                      messages::steady_state("web")}});
}

TEST_F(Rolling, Reconcile_Rolling_WaitsForHealthChecks) {
    nlohmann::json with_check = {{"containerDefinitions", {container_def("app", 128, 128, true)}}};
    std::string v3 = w.add_task_definition("web", with_check);
    auto& s = w.add_service("web", 2, v1, nullptr, true);
    for (int i = 0; i < 2; ++i) w.add_task(s, s.deployments[0]);
    auto& d = w.add_deployment(s, v3);
    const std::string new_id = d.id;

    expect_plan(w.step(), {.starts = 2});
    run(of(s, new_id, is_pending), 2);
    expect_plan(w.step(), {});  // RUNNING but not yet HEALTHY: the old ones stay
    for (auto* t : of(s, new_id, is_live)) t->health = HealthStatus::healthy;
    EXPECT_EQ(w.step().stops.size(), 2u);
}

TEST_F(Rolling, Reconcile_Rolling_100_100_IsBlocked) {
    auto& s = deployed(2, {{"minimumHealthyPercent", 100}, {"maximumPercent", 100}});
    (void)s;
    expect_plan(w.step(), {.events = {messages::blocked_by_deployment_configuration("web")}});
    expect_plan(w.step(), {});
}

TEST_F(Rolling, Reconcile_Rolling_StopsUselessOldTasksFirst) {
    // An old task that is still pending or unhealthy protects nothing: it goes at once, even
    // at minimumHealthyPercent 100.
    auto& s = w.add_service("web", 2, v1, nullptr, true);
    auto& healthy = w.add_task(s, s.deployments[0]);
    auto& pending = w.add_task(s, s.deployments[0], TaskStatus::pending);
    w.add_deployment(s, v2);
    auto plan = w.step();
    expect_plan(
        plan, {.starts = 2, .stops = 1, .events = {messages::stopped_tasks("web", {pending.id})}});
    (void)healthy;
}

TEST_F(Rolling, Reconcile_Rolling_ScaleUpDuringDeployment) {
    auto& s = deployed(2, nullptr);
    s.desired_count = 4;
    s.deployments[0].desired_count = 4;
    expect_plan(w.step(), {.starts = 4});  // 2 old + 4 new: within 200 % of 4
}

}  // namespace
}  // namespace berth::scheduler::testing

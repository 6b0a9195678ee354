// EXTERNAL services: each task set held at its computedDesiredCount, DRAINING ones emptied and
// removed, stability reported as ECS documents it (reconcile.hpp).
#include <algorithm>

#include "berth/model/task_predicates.hpp"
#include "support.hpp"

namespace berth::scheduler::testing {
namespace {

using model::StabilityStatus;
using model::TaskSetStatus;

TEST(ComputedDesiredCount, IsTheServiceCountTimesTheScaleRoundedUp) {
    struct Row {
        double scale;
        int desired;
        int want;
    };
    const Row rows[] = {{100, 4, 4},  {50, 3, 2},  {0, 10, 0},        {30, 4, 2},
                        {12.5, 8, 1}, {100, 0, 0}, {100.0 / 3, 3, 1}, {1, 1, 1}};
    for (const auto& r : rows) {
        EXPECT_EQ(model::computed_desired_count(r.scale, r.desired), r.want)
            << r.scale << "% of " << r.desired;
    }
}

class TaskSets : public ::testing::Test {
  protected:
    World w;
    std::string v1 = w.add_task_definition("web", {});
    std::string v2 = w.add_task_definition("web", {});
    std::string instance = w.add_instance(8192, 16384);
    model::Service& s = w.add_external_service("web", 2);

    int starts_for(const Plan& plan, const std::string& id) {
        int n = 0;
        for (const auto& st : plan.starts) n += st.deployment_id == id ? st.count() : 0;
        return n;
    }
};

TEST_F(TaskSets, Reconcile_EachTaskSetGoesToItsCount) {
    struct Case {
        const char* name;
        double scale;
        int running;  // tasks of the task set already running
        TaskSetStatus status;
        int starts;
        int stops;
    };
    const Case cases[] = {
        {"a new task set at 100%", 100, 0, TaskSetStatus::active, 2, 0},
        {"at 50%: one task", 50, 0, TaskSetStatus::active, 1, 0},
        {"scaled to 0: its tasks stop", 0, 2, TaskSetStatus::active, 0, 2},
        {"scaled down", 50, 2, TaskSetStatus::primary, 0, 1},
        {"at its count", 100, 2, TaskSetStatus::primary, 0, 0},
        {"draining: everything stops", 100, 2, TaskSetStatus::draining, 0, 2},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        World w;
        auto td = w.add_task_definition("web", {});
        w.add_instance(8192, 16384);
        auto& s = w.add_external_service("web", 2);
        auto& ts = w.add_task_set(s, td, c.scale, c.status);
        if (c.status == TaskSetStatus::draining) ts.computed_desired_count = 0;
        for (int i = 0; i < c.running; ++i) w.add_task(s, ts);
        auto plan = w.reconcile();
        EXPECT_EQ(plan.tasks_to_start(), c.starts);
        EXPECT_EQ(static_cast<int>(plan.stops.size()), c.stops);
        for (const auto& st : plan.starts) EXPECT_EQ(st.deployment_id, ts.id);
        EXPECT_TRUE(plan.deployment_updates.empty());
        EXPECT_TRUE(plan.rollbacks.empty());
    }
}

TEST_F(TaskSets, Reconcile_TwoTaskSetsEachKeepTheirShare) {
    const std::string blue = w.add_task_set(s, v1, 100, TaskSetStatus::primary).id;
    const std::string green = w.add_task_set(s, v2, 50).id;
    auto plan = w.reconcile();
    EXPECT_EQ(starts_for(plan, blue), 2);
    EXPECT_EQ(starts_for(plan, green), 1);
    for (const auto& st : plan.starts) {
        EXPECT_EQ(st.task_definition_arn, st.deployment_id == blue ? v1 : v2);
    }
}

TEST_F(TaskSets, Reconcile_TasksOfNoTaskSetAreStopped) {
    auto& ts = w.add_task_set(s, v1, 100);
    w.add_task(s, ts);
    w.add_task(s, ts);
    model::TaskSet gone = ts;
    gone.id = "ecs-svc/1";  // a task set deleted meanwhile
    auto& orphan = w.add_task(s, gone);
    auto plan = w.reconcile();
    ASSERT_EQ(plan.stops.size(), 1u);
    EXPECT_EQ(plan.stops[0].task_arn, orphan.arn);
    EXPECT_EQ(plan.tasks_to_start(), 0);
}

TEST_F(TaskSets, Reconcile_CodeDeployServicesAreLeftAlone) {
    s.deployment_controller = model::DeploymentControllerType::code_deploy;
    w.add_task_set(s, v1, 100);
    auto plan = w.reconcile();
    EXPECT_TRUE(plan.empty());
}

TEST_F(TaskSets, Loop_StartsThenReportsSteadyStateThenDrainsAndRemoves) {
    w.add_task_set(s, v1, 100, TaskSetStatus::primary);
    expect_plan(w.step(), {.starts = 2});
    w.step();  // counts what the previous pass started, as for deployments
    ASSERT_EQ(s.task_sets.size(), 1u);
    EXPECT_EQ(s.task_sets[0].pending_count, 2);
    EXPECT_EQ(s.task_sets[0].stability_status, StabilityStatus::stabilizing);

    for (auto* t : w.tasks_of(s)) w.set_status(*t, TaskStatus::running);
    w.now += 5s;
    auto plan = w.step();
    expect_plan(plan, {.events = {messages::steady_state("web")}});
    EXPECT_EQ(s.task_sets[0].running_count, 2);
    EXPECT_EQ(s.task_sets[0].pending_count, 0);
    EXPECT_EQ(s.task_sets[0].stability_status, StabilityStatus::steady_state);
    EXPECT_EQ(s.task_sets[0].stability_status_at, w.now);
    EXPECT_EQ(s.running_count, 2);
    expect_plan(w.step(), {});  // nothing changes: the loop goes quiet

    // DeleteTaskSet: DRAINING, count 0.
    s.task_sets[0].status = TaskSetStatus::draining;
    s.task_sets[0].computed_desired_count = 0;
    plan = w.step();
    EXPECT_EQ(plan.stops.size(), 2u);
    ASSERT_EQ(s.task_sets.size(), 1u);  // still there while its tasks stop
    EXPECT_EQ(s.task_sets[0].stability_status, StabilityStatus::stabilizing);
    for (auto* t : w.tasks_of(s)) {
        if (model::is_stopping(*t)) w.set_status(*t, TaskStatus::stopped);
    }
    w.step();
    EXPECT_TRUE(s.task_sets.empty()) << "a drained task set is removed";
    EXPECT_EQ(s.running_count, 0);
}

TEST_F(TaskSets, Reconcile_AnUnhealthyTaskKeepsTheSetStabilizing) {
    auto td = w.add_task_definition(
        "checked", {{"containerDefinitions", {container_def("app", 128, 128, true)}}});
    auto& ts = w.add_task_set(s, td, 100);
    w.add_task(s, ts, TaskStatus::running, model::HealthStatus::healthy);
    w.add_task(s, ts, TaskStatus::running, model::HealthStatus::unknown);
    auto plan = w.reconcile();
    EXPECT_TRUE(plan.task_set_updates.empty()) << "not healthy yet: still STABILIZING";
    for (auto& [arn, t] : w.p.tasks) t.health = model::HealthStatus::healthy;
    plan = w.reconcile();
    ASSERT_EQ(plan.task_set_updates.size(), 1u);
    EXPECT_EQ(plan.task_set_updates[0].stability, StabilityStatus::steady_state);
}

}  // namespace
}  // namespace berth::scheduler::testing

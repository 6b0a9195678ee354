// scheduler::apply: each kind of plan action, written into a partition.
#include "berth/scheduler/apply.hpp"

#include <functional>
#include <set>

#include "berth/model/task_predicates.hpp"
#include "support.hpp"

namespace berth::scheduler::testing {
namespace {

using model::DeploymentStatus;
using model::RolloutState;

class Apply : public ::testing::Test {
  protected:
    World w;
    std::string td = w.add_task_definition("web", {});
    std::string instance = w.add_instance();
    model::Service& s = w.add_service("web", 2, td);
};

TEST_F(Apply, EachActionChangesWhatPlanHppSays) {
    struct Row {
        const char* name;
        std::function<void(Plan&, World&, model::Service&)> plan;
        std::function<void(const World&, const model::Service&, const Applied&)> check;
    };
    const Row rows[] = {
        {"start",
         [&](Plan& p, World&, model::Service& svc) {
             p.starts.push_back({svc.arn,
                                 svc.name,
                                 svc.cluster_name,
                                 svc.deployments[0].id,
                                 td,
                                 model::LaunchType::ec2,
                                 "service:web",
                                 {instance, instance},
                                 {}});
         },
         [](const World& w, const model::Service& svc, const Applied& a) {
             ASSERT_EQ(a.started_task_arns.size(), 2u);
             const auto& t = w.p.tasks.at(a.started_task_arns[0]);
             EXPECT_EQ(t.deployment_id, svc.deployments[0].id);
             EXPECT_EQ(t.started_by, svc.deployments[0].id);
             EXPECT_EQ(model::owner_of(t), "web");
             ASSERT_FALSE(svc.events.empty());
             EXPECT_NE(svc.events.front().message.find("has started 2 tasks"), std::string::npos);
         }},
        {"deployment update",
         [](Plan& p, World&, model::Service& svc) {
             p.deployment_updates.push_back(
                 {svc.arn, svc.deployments[0].id, std::nullopt, RolloutState::completed, "done"});
         },
         [](const World&, const model::Service& svc, const Applied&) {
             EXPECT_EQ(svc.deployments[0].rollout_state, RolloutState::completed);
             EXPECT_EQ(svc.deployments[0].rollout_state_reason, "done");
             EXPECT_EQ(svc.deployments[0].status, DeploymentStatus::primary);
         }},
        {"service update",
         [](Plan& p, World&, model::Service& svc) {
             p.service_updates.push_back({svc.arn, model::ServiceStatus::inactive});
         },
         [](const World&, const model::Service& svc, const Applied&) {
             EXPECT_EQ(svc.status, model::ServiceStatus::inactive);
         }},
        {"counts",
         [](Plan& p, World&, model::Service& svc) {
             p.counts.push_back({svc.arn, 3, 2, 1, {{svc.deployments[0].id, 3, 2, 1, 4}}});
         },
         [](const World&, const model::Service& svc, const Applied&) {
             EXPECT_EQ(svc.desired_count, 3);
             EXPECT_EQ(svc.running_count, 2);
             EXPECT_EQ(svc.pending_count, 1);
             EXPECT_EQ(svc.deployments[0].failed_tasks, 4);
         }},
        {"rollback",
         [](Plan& p, World& w, model::Service& svc) {
             auto old_id = svc.deployments[0].id;
             w.add_deployment(svc, svc.task_definition_arn);
             p.rollbacks.push_back(
                 {svc.arn, svc.deployments[0].id, old_id, svc.task_definition_arn, "rolling back"});
         },
         [](const World&, const model::Service& svc, const Applied&) {
             ASSERT_EQ(svc.deployments.size(), 3u);
             EXPECT_EQ(svc.deployments[0].status, DeploymentStatus::primary);
             EXPECT_EQ(svc.deployments[0].rollout_state_reason, "rolling back");
             EXPECT_EQ(svc.deployments[0].rollback_of, svc.deployments[1].id);
             EXPECT_EQ(svc.deployments[1].status, DeploymentStatus::active);
         }},
        {"event",
         [](Plan& p, World&, model::Service& svc) {
             p.events.push_back({svc.arn, "hello"});
         },
         [](const World&, const model::Service& svc, const Applied&) {
             ASSERT_EQ(svc.events.size(), 1u);
             EXPECT_EQ(svc.events.front().message, "hello");
         }},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.name);
        World copy = w;
        auto& svc = copy.service("web");
        Plan plan;
        row.plan(plan, copy, svc);
        const auto applied = apply(copy.p, plan, copy.now);
        row.check(copy, copy.service("web"), applied);
    }
}

// A started task is in the zone of the instance placement chose for it.
TEST(ApplyZones, AStartedTaskIsInItsInstancesZone) {
    World w;
    const auto td = w.add_task_definition("web", {});
    w.add_instance(
        2048, 4096,
        nlohmann::json::array({{{"name", "ecs.availability-zone"}, {"value", "us-east-1c"}}}));
    auto& s = w.add_service("web", 1, td);
    w.step();
    const auto tasks = w.tasks_of(s);
    ASSERT_EQ(tasks.size(), 1u);
    EXPECT_EQ(tasks[0]->availability_zone, "us-east-1c");
}

TEST_F(Apply, StopsMarkTheTaskOnceAndSkippedServicesAreLeftAlone) {
    auto& t = w.add_task(s, s.deployments[0], model::TaskStatus::running);
    Plan plan;
    plan.stops.push_back({s.arn, t.arn, model::StopCode::service_scheduler_initiated, "why"});
    plan.events.push_back({s.arn, "stopped"});

    World skipped = w;
    const std::set<std::string> skip{s.arn};
    auto none = apply(skipped.p, plan, skipped.now, {.skip = &skip});
    EXPECT_TRUE(none.stopped_task_arns.empty());
    EXPECT_EQ(skipped.p.tasks.at(t.arn).desired_status, model::TaskStatus::running);
    EXPECT_TRUE(skipped.service("web").events.empty());

    auto first = apply(w.p, plan, w.now);
    EXPECT_EQ(first.stopped_task_arns, std::vector<std::string>{t.arn});
    const auto& stopped = w.p.tasks.at(t.arn);
    EXPECT_EQ(stopped.desired_status, model::TaskStatus::stopped);
    EXPECT_EQ(stopped.stopped_reason, "why");
    EXPECT_EQ(stopped.stopping_at, w.now);
    EXPECT_TRUE(apply(w.p, plan, w.now).stopped_task_arns.empty()) << "already stopping";
}

TEST_F(Apply, KeepsTheNewestEventsAndInactiveDeployments) {
    Plan plan;
    for (int i = 0; i < 5; ++i) plan.events.push_back({s.arn, std::to_string(i)});
    apply(w.p, plan, w.now, {.max_events = 3});
    ASSERT_EQ(s.events.size(), 3u);
    EXPECT_EQ(s.events.front().message, "4");

    for (int i = 0; i < 3; ++i) w.add_deployment(s, td);
    Plan retire;
    for (std::size_t i = 1; i < s.deployments.size(); ++i) {
        retire.deployment_updates.push_back(
            {s.arn, s.deployments[i].id, DeploymentStatus::inactive, std::nullopt, std::nullopt});
    }
    apply(w.p, retire, w.now, {.max_inactive_deployments = 2});
    EXPECT_EQ(s.deployments.size(), 3u) << "the primary and two INACTIVE ones";
}

}  // namespace
}  // namespace berth::scheduler::testing

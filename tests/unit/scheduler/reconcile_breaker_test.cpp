// The deployment circuit breaker and rollback.
#include "berth/scheduler/reconcile.hpp"

#include "berth/scheduler/deployment_config.hpp"
#include "support.hpp"

namespace berth::scheduler::testing {
namespace {

const nlohmann::json k_breaker = {
    {"deploymentCircuitBreaker", {{"enable", true}, {"rollback", false}}}};
const nlohmann::json k_rollback = {
    {"deploymentCircuitBreaker", {{"enable", true}, {"rollback", true}}}};

class Breaker : public ::testing::Test {
  protected:
    World w;
    std::string good = w.add_task_definition("web", {});
    std::string bad = w.add_task_definition("web", {});
    std::string instance = w.add_instance(8192, 16384);

    // Every live task of the deployment fails the way an image that exits at once does.
    int fail_live(const model::Service& s, const std::string& deployment_id) {
        int n = 0;
        for (auto* t : w.tasks_of(s)) {
            if (t->deployment_id != deployment_id || t->last_status == TaskStatus::stopped)
                continue;
            w.set_status(*t, TaskStatus::running);
            w.fail(*t);
            ++n;
        }
        w.now += 1s;
        return n;
    }

    void run_live(const model::Service& s) {
        for (auto* t : w.tasks_of(s)) {
            if (t->desired_status == TaskStatus::running && t->last_status < TaskStatus::running) {
                w.set_status(*t, TaskStatus::running);
            }
            if (t->desired_status == TaskStatus::stopped && t->last_status != TaskStatus::stopped) {
                w.set_status(*t, TaskStatus::stopped);
            }
        }
    }
};

TEST(BreakerThreshold, HalfTheDesiredCountWithinThreeAndTwoHundred) {
    model::DeploymentConfiguration cfg;
    struct Row {
        int desired;
        int threshold;
    };
    for (auto [desired, threshold] : std::vector<Row>{
             {0, 3}, {1, 3}, {6, 3}, {7, 4}, {25, 13}, {399, 200}, {400, 200}, {1000, 200}}) {
        EXPECT_EQ(failure_threshold(cfg, desired), threshold) << "desired " << desired;
    }
    cfg.circuit_breaker.threshold = {model::ThresholdType::count, 5};
    EXPECT_EQ(failure_threshold(cfg, 800), 5);
    cfg.circuit_breaker.threshold = {model::ThresholdType::unbounded_percent, 50};
    EXPECT_EQ(failure_threshold(cfg, 800), 400);
    EXPECT_EQ(failure_threshold(cfg, 1), 1);
}

TEST(BreakerThreshold, LimitsOfAParsedConfiguration) {
    const auto cfg = model::read_deployment_configuration(
        {{"minimumHealthyPercent", 50},
         {"maximumPercent", 150},
         {"deploymentCircuitBreaker",
          {{"enable", true},
           {"rollback", true},
           {"thresholdConfiguration", {{"type", "COUNT"}, {"value", 7}}}}}},
        model::default_deployment_configuration(model::SchedulingStrategy::replica));
    EXPECT_TRUE(rolls_back(cfg));
    EXPECT_EQ(failure_threshold(cfg, 100), 7);
    EXPECT_EQ(min_healthy(cfg, 3), 2) << "rounded up";
    EXPECT_EQ(max_total(cfg, 3), 4) << "rounded down";
    EXPECT_EQ(min_healthy(cfg, 0), 0);
    EXPECT_EQ(max_total(cfg, 0), 0);

    const auto daemon = model::default_deployment_configuration(model::SchedulingStrategy::daemon);
    EXPECT_EQ(min_healthy(daemon, 5), 0);
    EXPECT_EQ(max_total(daemon, 5), 5);
    EXPECT_FALSE(rolls_back(daemon));
}

TEST_F(Breaker, Reconcile_CircuitBreaker_FailsTheDeployment) {
    auto& s = w.add_service("web", 1, bad, k_breaker);
    const std::string id = s.deployments[0].id;
    for (int i = 0; i < 2; ++i) {
        expect_plan(w.step(), {.starts = 1});
        fail_live(s, id);
    }
    expect_plan(w.step(), {.starts = 1});
    fail_live(s, id);  // the third failure: ECS's minimum threshold

    auto plan = w.step();
    expect_plan(plan,
                {.deployment_updates = 1, .events = {messages::deployment_failed("web", id)}});
    EXPECT_EQ(model::to_string(s.deployments[0].status), "PRIMARY");
    EXPECT_EQ(model::to_string(s.deployments[0].rollout_state), "FAILED");
    EXPECT_EQ(s.deployments[0].rollout_state_reason,
              "ECS deployment circuit breaker: tasks failed to start.");
    EXPECT_EQ(s.deployments[0].failed_tasks, 3);
    EXPECT_EQ(plan.events[0].message,
              "(service web) (deployment " + id + ") deployment failed: tasks failed to start.");

    expect_plan(w.step(), {});  // a FAILED deployment launches nothing more
    EXPECT_TRUE(w.reconcile().empty());
}

TEST_F(Breaker, Reconcile_CircuitBreaker_Disabled_KeepsReplacing) {
    auto& s = w.add_service("web", 1, bad);
    const std::string id = s.deployments[0].id;
    for (int i = 0; i < 2; ++i) {
        expect_plan(w.step(), {.starts = 1});
        fail_live(s, id);
    }
    // Without the breaker the failures only slow launches down (the throttle), never stop them.
    expect_plan(w.step(), {.starts = 1});
    EXPECT_EQ(model::to_string(s.deployments[0].rollout_state), "IN_PROGRESS");
}

TEST_F(Breaker, Reconcile_CircuitBreaker_Rollback) {
    auto& s = w.add_service("web", 2, good, k_rollback, /*completed=*/true);
    const std::string stable = s.deployments[0].id;
    for (int i = 0; i < 2; ++i) w.add_task(s, s.deployments[0]);
    w.add_deployment(s, bad);
    const std::string failing = s.deployments[0].id;

    expect_plan(w.step(), {.starts = 2});
    EXPECT_EQ(fail_live(s, failing), 2);
    expect_plan(w.step(), {.starts = 2});  // 2 failures, threshold 3
    EXPECT_EQ(fail_live(s, failing), 2);

    auto plan = w.step();
    expect_plan(plan, {.deployment_updates = 2,
                       .rollbacks = 1,
                       .events = {messages::deployment_failed("web", failing),
                                  messages::rolling_back("web", stable)}});
    const auto& rb = plan.rollbacks[0];
    EXPECT_EQ(rb.failed_deployment_id, failing);
    EXPECT_EQ(rb.target_deployment_id, stable);
    EXPECT_EQ(rb.task_definition_arn, good);
    EXPECT_EQ(rb.rollout_state_reason,
              "ECS deployment circuit breaker: rolling back to deploymentId " + stable + ".");

    // The applier made a new PRIMARY deployment of the stable task definition.
    ASSERT_EQ(s.deployments.size(), 3u);
    const std::string rollback = s.deployments[0].id;
    EXPECT_EQ(s.task_definition_arn, good);
    EXPECT_EQ(s.deployments[1].id, failing);
    EXPECT_EQ(model::to_string(s.deployments[1].status), "ACTIVE");
    EXPECT_EQ(model::to_string(s.deployments[1].rollout_state), "FAILED");
    EXPECT_EQ(s.deployments[2].id, stable);
    EXPECT_EQ(model::to_string(s.deployments[2].rollout_state), "IN_PROGRESS")
        << "not eligible for another rollback";

    // The rollback rolls like any deployment: new tasks beside the two stable ones, then the
    // stable deployment's tasks go, and the rollback completes.
    expect_plan(w.step(), {.starts = 2});
    run_live(s);
    auto retire = w.step();
    expect_plan(retire, {.stops = 2, .events = {stopped_event(w, retire, "web")}});
    run_live(s);
    expect_plan(w.step(), {.deployment_updates = 3,
                           .events = {messages::deployment_completed("web", rollback),
                                      messages::steady_state("web")}});
    EXPECT_EQ(model::to_string(s.deployments[0].rollout_state), "COMPLETED");
    EXPECT_EQ(model::to_string(s.deployments[1].status), "INACTIVE");
    EXPECT_EQ(model::to_string(s.deployments[2].status), "INACTIVE");
}

TEST_F(Breaker, Reconcile_CircuitBreaker_NoCompletedDeployment_Stalls) {
    auto& s = w.add_service("web", 1, bad, k_rollback);
    const std::string id = s.deployments[0].id;
    for (int i = 0; i < 3; ++i) {
        expect_plan(w.step(), {.starts = 1});
        fail_live(s, id);
    }
    expect_plan(w.step(),
                {.deployment_updates = 1, .events = {messages::deployment_failed("web", id)}});
    EXPECT_EQ(s.deployments.size(), 1u);
    EXPECT_EQ(model::to_string(s.deployments[0].status), "PRIMARY");
    expect_plan(w.step(), {});
}

TEST_F(Breaker, Reconcile_CircuitBreaker_OnlyFailuresCount) {
    auto& s = w.add_service("web", 1, good, k_breaker);
    auto& d = s.deployments[0];
    for (int i = 0; i < 3; ++i) {
        auto& t = w.add_task(s, d);
        w.set_status(t, TaskStatus::stopped);
        t.stop_code = model::StopCode::user_initiated;  // aws ecs stop-task: not the image's fault
    }
    auto& scaled = w.add_task(s, d);
    w.set_status(scaled, TaskStatus::stopped);
    scaled.stop_code = model::StopCode::service_scheduler_initiated;
    scaled.stopped_reason = messages::stop_scaling_activity(d.id);
    expect_plan(w.reconcile(), {.starts = 1});

    auto& unhealthy = w.add_task(s, d);
    w.set_status(unhealthy, TaskStatus::stopped);
    unhealthy.stop_code = model::StopCode::service_scheduler_initiated;
    unhealthy.stopped_reason = messages::stop_failed_health_checks();
    w.fail(w.add_task(s, d, TaskStatus::pending), model::StopCode::task_failed_to_start);
    w.fail(w.add_task(s, d));
    EXPECT_EQ(w.reconcile().deployment_updates.size(), 1u) << "three real failures trip it";
}

TEST_F(Breaker, Reconcile_CircuitBreaker_NotEvaluatedAfterCompletion) {
    auto& s = w.add_service("web", 1, good, k_breaker, /*completed=*/true);
    for (int i = 0; i < 5; ++i) w.fail(w.add_task(s, s.deployments[0]));
    w.now += 1h;  // long past any throttle
    expect_plan(w.reconcile(), {.starts = 1});
}

}  // namespace
}  // namespace berth::scheduler::testing

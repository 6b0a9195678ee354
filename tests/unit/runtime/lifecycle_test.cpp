#include "runtime/lifecycle.hpp"

#include <gtest/gtest.h>

#include "runtime/observations.hpp"

namespace berth::runtime {
namespace {

using model::HealthStatus;
using model::TaskStatus;
using namespace std::chrono_literals;

const model::TimePoint k_t0 = model::TimePoint{} + 1000h;

// A task with containers named in `names`, all essential unless listed in `optional`.
model::Task task_of(std::vector<std::string> names, TaskStatus last = TaskStatus::pending) {
    model::Task t;
    t.arn = "arn:aws:ecs:us-east-1:000000000000:task/default/abc";
    t.last_status = last;
    t.created_at = k_t0;
    for (auto& n : names) {
        model::TaskContainer c;
        c.name = n;
        t.containers.push_back(c);
    }
    return t;
}

model::ContainerDefinition rule(std::string name, std::vector<Dependency> deps = {},
                                bool essential = true) {
    model::ContainerDefinition r;
    r.name = std::move(name);
    r.depends_on = std::move(deps);
    r.essential = essential;
    return r;
}

void created(model::Task& t) {
    for (auto& c : t.containers) {
        c.runtime_id = "id-" + c.name;
        c.known_status = model::ContainerStatus::created;
    }
}

model::TaskContainer& c(model::Task& t, const std::string& name) {
    return *find_container(t, name);
}

Step step(const model::Task& t, const std::vector<model::ContainerDefinition>& rules,
          model::TimePoint now = k_t0, bool sandbox = false) {
    return next_step({t, rules, sandbox, now, 180s});
}

TEST(NextStep, ProvisioningThenCreateThenStartThenRunning) {
    auto t = task_of({"app"}, TaskStatus::provisioning);
    std::vector<model::ContainerDefinition> rules{rule("app")};
    EXPECT_EQ(step(t, rules, k_t0, true).kind, StepKind::provision);
    t.sandbox_id = "pause";
    EXPECT_EQ(step(t, rules, k_t0, true).kind, StepKind::provision);  // still PROVISIONING
    t.last_status = TaskStatus::pending;
    EXPECT_EQ(step(t, rules, k_t0, true).kind, StepKind::create);
    created(t);
    auto s = step(t, rules);
    ASSERT_EQ(s.kind, StepKind::start_containers);
    EXPECT_EQ(s.containers, std::vector<std::string>{"app"});
    c(t, "app").known_status = model::ContainerStatus::running;
    EXPECT_EQ(step(t, rules).kind, StepKind::mark_running);
    t.last_status = TaskStatus::running;
    EXPECT_EQ(step(t, rules).kind, StepKind::none);
}

TEST(NextStep, IndependentContainersStartTogether) {
    auto t = task_of({"a", "b"});
    created(t);
    auto s = step(t, {rule("a"), rule("b")});
    EXPECT_EQ(s.containers, (std::vector<std::string>{"a", "b"}));
}

// Table: a dependency's state → what becomes of the container waiting on it.
struct DependencyCase {
    const char* name;
    DependencyCondition condition;
    model::ContainerStatus dep_status;
    std::optional<int> dep_exit;
    HealthStatus dep_health;
    StepKind expected;
};

class DependsOn : public testing::TestWithParam<DependencyCase> {};

TEST_P(DependsOn, Resolves) {
    const auto& p = GetParam();
    auto t = task_of({"init", "app"});
    created(t);
    c(t, "init").known_status = p.dep_status;
    c(t, "init").exit_code = p.dep_exit;
    c(t, "init").health = p.dep_health;
    auto s = step(t, {rule("init", {}, false), rule("app", {{"init", p.condition}})});
    EXPECT_EQ(s.kind, p.expected);
    if (p.expected == StepKind::start_containers) {
        // A pending dependency starts first; the container waiting on it does not.
        auto expected = p.dep_status == model::ContainerStatus::created
                            ? std::vector<std::string>{"init"}
                            : std::vector<std::string>{"app"};
        EXPECT_EQ(s.containers, expected);
    }
    if (p.expected == StepKind::abandon) {
        ASSERT_EQ(s.abandon.size(), 1u);
        EXPECT_EQ(s.abandon[0].name, "app");
        EXPECT_NE(s.abandon[0].reason.find("CannotStartContainerError"), std::string::npos);
    }
}

constexpr auto k_pending = model::ContainerStatus::created;  // not started yet
constexpr auto k_running = model::ContainerStatus::running;
constexpr auto k_stopped = model::ContainerStatus::stopped;
constexpr auto k_unknown = HealthStatus::unknown;

INSTANTIATE_TEST_SUITE_P(
    Conditions, DependsOn,
    testing::Values(DependencyCase{"start_waits",
                                   DependencyCondition::start,
                                   k_pending,
                                   {},
                                   k_unknown,
                                   StepKind::start_containers},
                    DependencyCase{"start_met_by_running",
                                   DependencyCondition::start,
                                   k_running,
                                   {},
                                   k_unknown,
                                   StepKind::start_containers},
                    DependencyCase{"start_met_by_stopped", DependencyCondition::start, k_stopped, 1,
                                   k_unknown, StepKind::start_containers},
                    DependencyCase{"complete_waits_while_running",
                                   DependencyCondition::complete,
                                   k_running,
                                   {},
                                   k_unknown,
                                   StepKind::wait},
                    DependencyCase{"complete_met_by_failure", DependencyCondition::complete,
                                   k_stopped, 3, k_unknown, StepKind::start_containers},
                    DependencyCase{"success_met_by_zero", DependencyCondition::success, k_stopped,
                                   0, k_unknown, StepKind::start_containers},
                    DependencyCase{"success_never_after_failure", DependencyCondition::success,
                                   k_stopped, 1, k_unknown, StepKind::abandon},
                    DependencyCase{"healthy_waits",
                                   DependencyCondition::healthy,
                                   k_running,
                                   {},
                                   k_unknown,
                                   StepKind::wait},
                    DependencyCase{"healthy_met",
                                   DependencyCondition::healthy,
                                   k_running,
                                   {},
                                   HealthStatus::healthy,
                                   StepKind::start_containers},
                    DependencyCase{"healthy_never_when_unhealthy",
                                   DependencyCondition::healthy,
                                   k_running,
                                   {},
                                   HealthStatus::unhealthy,
                                   StepKind::abandon},
                    DependencyCase{"healthy_never_after_exit", DependencyCondition::healthy,
                                   k_stopped, 0, k_unknown, StepKind::abandon}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(NextStep, StartTimeoutOfTheDependencyAbandonsTheDependent) {
    auto t = task_of({"db", "app"});
    created(t);
    t.pull_stopped_at = k_t0;
    c(t, "db").known_status = model::ContainerStatus::running;
    auto db = rule("db");
    db.start_timeout = 10s;
    std::vector<model::ContainerDefinition> rules{
        db, rule("app", {{"db", DependencyCondition::healthy}})};
    EXPECT_EQ(step(t, rules, k_t0 + 9s).kind, StepKind::wait);
    auto s = step(t, rules, k_t0 + 10s);
    ASSERT_EQ(s.kind, StepKind::abandon);
    EXPECT_NE(s.abandon[0].reason.find("startTimeout"), std::string::npos);
}

TEST(NextStep, ANonEssentialContainerThatExitedDoesNotHoldTheTaskBack) {
    auto t = task_of({"init", "app"});
    created(t);
    c(t, "init").known_status = model::ContainerStatus::stopped;
    c(t, "init").exit_code = 0;
    c(t, "app").known_status = model::ContainerStatus::running;
    EXPECT_EQ(step(t, {rule("init", {}, false), rule("app")}).kind, StepKind::mark_running);
}

TEST(NextStep, StopWinsOverEverythingUntilStopped) {
    auto t = task_of({"app"});
    t.desired_status = TaskStatus::stopped;
    EXPECT_EQ(step(t, {rule("app")}).kind, StepKind::stop);
    t.last_status = TaskStatus::stopping;
    EXPECT_EQ(step(t, {rule("app")}).kind, StepKind::stop);
}

// Each target status of a task asked to stop: waiting while the load balancer may still send
// it traffic, stopping once it is out of (or never was in) its target group.
TEST(NextStep, AStoppingTaskWaitsWhileInATargetGroup) {
    using model::TargetStatus;
    const std::vector<std::pair<TargetStatus, StepKind>> table{
        {TargetStatus::unregistered, StepKind::stop}, {TargetStatus::initial, StepKind::wait},
        {TargetStatus::healthy, StepKind::wait},      {TargetStatus::unhealthy, StepKind::wait},
        {TargetStatus::draining, StepKind::wait},     {TargetStatus::deregistered, StepKind::stop},
    };
    for (const auto& [status, kind] : table) {
        auto t = task_of({"app"}, TaskStatus::running);
        t.desired_status = TaskStatus::stopped;
        model::TaskTarget target;
        target.status = status;
        model::TaskTarget drained;
        drained.status = TargetStatus::deregistered;
        t.targets = {target, drained};
        EXPECT_EQ(step(t, {rule("app")}).kind, kind) << model::to_string(status);
    }
}

TEST(NextStep, ReleaseAfterRetention) {
    auto t = task_of({"app"}, TaskStatus::stopped);
    t.desired_status = TaskStatus::stopped;
    t.stopped_at = k_t0;
    EXPECT_EQ(step(t, {rule("app")}, k_t0 + 179s).kind, StepKind::none);
    EXPECT_EQ(step(t, {rule("app")}, k_t0 + 180s).kind, StepKind::release);
    t.resources_released = true;
    EXPECT_EQ(step(t, {rule("app")}, k_t0 + 180s).kind, StepKind::none);
}

TEST(Observations, EssentialExitStopsTheTask) {
    auto t = task_of({"side", "app"}, TaskStatus::running);
    c(t, "side").essential = false;
    EXPECT_TRUE(record_container_stopped(t, "side", 2, ""));
    EXPECT_EQ(c(t, "side").exit_code, 2);
    EXPECT_EQ(t.desired_status, TaskStatus::running);
    EXPECT_EQ(t.stop_code, model::StopCode::none);

    EXPECT_TRUE(record_container_stopped(t, "app", 137, ""));
    EXPECT_EQ(t.desired_status, TaskStatus::stopped);
    EXPECT_EQ(t.stop_code, model::StopCode::essential_container_exited);
    EXPECT_EQ(t.stopped_reason, "Essential container in task exited");
    EXPECT_FALSE(record_container_stopped(t, "app", 0, ""));  // already stopped: no change
    EXPECT_EQ(c(t, "app").exit_code, 137);
}

TEST(Observations, AUserStopKeepsItsCodeWhenContainersExit) {
    auto t = task_of({"app"}, TaskStatus::running);
    t.desired_status = TaskStatus::stopped;
    t.stop_code = model::StopCode::user_initiated;
    t.stopped_reason = "bye";
    record_container_stopped(t, "app", 143, "");
    EXPECT_EQ(t.stop_code, model::StopCode::user_initiated);
    EXPECT_EQ(t.stopped_reason, "bye");
}

TEST(Observations, OomReasonSurvivesTheDie) {
    auto t = task_of({"app"}, TaskStatus::running);
    c(t, "app").reason = reason::oom;
    record_container_stopped(t, "app", 137, "");
    EXPECT_EQ(c(t, "app").reason, reason::oom);
}

TEST(Observations, TaskHealthFollowsEssentialContainersWithChecks) {
    auto t = task_of({"web", "db", "side"}, TaskStatus::running);
    c(t, "web").has_health_check = true;
    c(t, "db").has_health_check = true;
    c(t, "side").has_health_check = true;
    c(t, "side").essential = false;
    EXPECT_EQ(task_health(t), HealthStatus::unknown);
    record_container_health(t, "web", HealthStatus::healthy);
    EXPECT_EQ(t.health, HealthStatus::unknown);
    record_container_health(t, "db", HealthStatus::healthy);
    EXPECT_EQ(t.health, HealthStatus::healthy);
    record_container_health(t, "side", HealthStatus::unhealthy);  // not essential
    EXPECT_EQ(t.health, HealthStatus::healthy);
    record_container_health(t, "db", HealthStatus::unhealthy);
    EXPECT_EQ(t.health, HealthStatus::unhealthy);
}

TEST(Observations, NoHealthChecksMeansUnknown) {
    auto t = task_of({"app"}, TaskStatus::running);
    EXPECT_EQ(task_health(t), HealthStatus::unknown);
}

TEST(Observations, FailTaskOnlyOnce) {
    auto t = task_of({"app"});
    EXPECT_TRUE(fail_task(t, "CannotPullContainerError: nope"));
    EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start);
    EXPECT_FALSE(fail_task(t, "other"));
    EXPECT_EQ(t.stopped_reason, "CannotPullContainerError: nope");
}

TEST(Observations, AFailedTaskGivesItsReasonToEveryContainerThatDidNotRun) {
    auto t = task_of({"side", "app", "db"});
    c(t, "side").known_status = model::ContainerStatus::running;  // it ran: keeps no reason
    c(t, "db").known_status = model::ContainerStatus::created;
    c(t, "db").reason = "CannotStartContainerError: its own";
    const std::string why = "CannotPullContainerError: pull access denied";
    EXPECT_TRUE(fail_task(t, why));
    EXPECT_EQ(c(t, "side").reason, "");
    EXPECT_EQ(c(t, "app").reason, why);
    EXPECT_EQ(c(t, "db").reason, "CannotStartContainerError: its own");
    // A task whose stop was asked for already is not failed: its containers keep theirs.
    auto stopped = task_of({"app"});
    stopped.desired_status = TaskStatus::stopped;
    EXPECT_FALSE(fail_task(stopped, why));
    EXPECT_EQ(c(stopped, "app").reason, "");
}

TEST(Observations, AdvanceNeverGoesBack) {
    auto t = task_of({"app"}, TaskStatus::running);
    EXPECT_FALSE(advance_task(t, TaskStatus::pending));
    EXPECT_TRUE(advance_task(t, TaskStatus::stopping));
    EXPECT_EQ(t.last_status, TaskStatus::stopping);
}

}  // namespace
}  // namespace berth::runtime

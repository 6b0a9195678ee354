// Task scale-in protection (UpdateTaskProtection): scale-in and rolling deployments pass over
// protected tasks until protection is off or has expired.
#include "berth/scheduler/reconcile.hpp"

#include <optional>

#include "berth/model/task_predicates.hpp"
#include "support.hpp"

namespace berth::scheduler::testing {
namespace {

using model::is_stopping;

// A task's protection in a case: none, on until 10 minutes from now, or expired a second ago.
enum class Guard { none, on, expired };

void guard(World& w, model::Task& t, Guard g) {
    if (g == Guard::on) t.protected_until = w.now + 10min;
    if (g == Guard::expired) t.protected_until = w.now - 1s;
}

// `guards.size()` running tasks of the primary deployment, oldest first, protected as given.
std::vector<model::Task*> running(World& w, model::Service& s, const std::vector<Guard>& guards) {
    std::vector<model::Task*> out;
    for (auto g : guards) {
        auto& t = w.add_task(s, s.deployments[0], TaskStatus::running);
        guard(w, t, g);
        out.push_back(&t);
        w.now += 1min;  // newer tasks are given up first
    }
    return out;
}

std::vector<std::string> stopped_ids(const World& w, const Plan& plan) {
    std::vector<std::string> ids;
    for (const auto& stop : plan.stops) ids.push_back(w.p.tasks.at(stop.task_arn).id);
    return ids;
}

class Protection : public ::testing::Test {
  protected:
    World w;
    std::string v1 = w.add_task_definition("web", {});
    std::string v2 = w.add_task_definition("web", {});
    std::string instance = w.add_instance(8192, 16384);
};

// Scale-in from the running tasks (oldest first) to `desired`: which ones stop (by index), and
// whether the pass asks to wake when a protection it passed over lapses.
struct ScaleInCase {
    const char* name;
    int desired;
    std::vector<Guard> guards;
    std::vector<std::size_t> stops;
    bool wakes;
};

TEST_F(Protection, Reconcile_ScaleIn_PassesOverProtectedTasks) {
    using G = Guard;
    const std::vector<ScaleInCase> cases = {
        {"no protection: the newest goes", 1, {G::none, G::none}, {1}, false},
        {"the newest is protected: the older goes", 1, {G::none, G::on}, {0}, true},
        {"an expired protection counts as none", 1, {G::none, G::expired}, {1}, false},
        {"all protected: nothing stops", 1, {G::on, G::on}, {}, true},
        {"two to go, one protected", 1, {G::none, G::on, G::none}, {2, 0}, true},
        {"protection not reached: the oldest is protected",
         2,
         {G::on, G::none, G::none},
         {2},
         false},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        World w;
        auto td = w.add_task_definition("web", {});
        w.add_instance(8192, 16384);
        auto& s = w.add_service("web", c.desired, td, nullptr, /*completed=*/true);
        auto tasks = running(w, s, c.guards);
        auto plan = w.reconcile();
        std::vector<std::string> want;
        for (auto i : c.stops) want.push_back(tasks[i]->id);
        EXPECT_EQ(stopped_ids(w, plan), want);
        // With all candidates protected the service is above its desired count, not steady.
        std::vector<std::string> events;
        if (!want.empty()) events.push_back(messages::stopped_tasks("web", want));
        expect_plan(plan, {.stops = static_cast<int>(want.size()), .events = events});
        // The wake-up is the earliest expiry of a protection in force.
        std::optional<model::TimePoint> wake;
        for (std::size_t i = 0; i < tasks.size(); ++i) {
            if (c.guards[i] == Guard::on && (!wake || *tasks[i]->protected_until < *wake))
                wake = tasks[i]->protected_until;
        }
        EXPECT_EQ(plan.next_wakeup, c.wakes ? wake : std::nullopt);
    }
}

TEST_F(Protection, Reconcile_ScaleIn_ResumesWhenProtectionLapses) {
    auto& s = w.add_service("web", 1, v1, nullptr, /*completed=*/true);
    auto tasks = running(w, s, {Guard::on, Guard::on});
    const auto first_expiry = *tasks[0]->protected_until;
    auto plan = w.step();
    expect_plan(plan, {});
    ASSERT_TRUE(plan.next_wakeup);
    EXPECT_EQ(*plan.next_wakeup, first_expiry);  // the earliest protection to lapse

    w.now = first_expiry;  // the older task's protection is over; the newer one's is not
    plan = w.step();
    expect_plan(plan, {.stops = 1, .events = {messages::stopped_tasks("web", {tasks[0]->id})}});
}

TEST_F(Protection, Reconcile_Rolling_KeepsAProtectedOldTaskUntilUnprotected) {
    auto& s = w.add_service("web", 2, v1, nullptr, /*completed=*/true);
    auto old = running(w, s, {Guard::on, Guard::none});
    w.add_deployment(s, v2);
    const std::string new_id = s.deployments[0].id;
    expect_plan(w.step(), {.starts = 2});
    for (auto* t : w.tasks_of(s)) {
        if (t->deployment_id == new_id) w.set_status(*t, TaskStatus::running);
    }

    auto plan = w.step();  // the new tasks are healthy: the old ones may go, but one is protected
    EXPECT_EQ(stopped_ids(w, plan), (std::vector<std::string>{old[1]->id}));
    expect_plan(plan, {.stops = 1, .events = {messages::stopped_tasks("web", {old[1]->id})}});
    for (auto* t : w.tasks_of(s)) {
        if (is_stopping(*t)) w.set_status(*t, TaskStatus::stopped);
    }
    expect_plan(w.step(), {});  // the deployment waits: IN_PROGRESS, no steady state
    EXPECT_EQ(s.deployments[0].rollout_state, model::RolloutState::in_progress);

    old[0]->protected_until.reset();  // UpdateTaskProtection with protectionEnabled false
    plan = w.step();
    EXPECT_EQ(stopped_ids(w, plan), (std::vector<std::string>{old[0]->id}));
}

TEST_F(Protection, Reconcile_Draining_StopsProtectedTasksToo) {
    auto& s = w.add_service("web", 1, v1, nullptr, /*completed=*/true);
    auto tasks = running(w, s, {Guard::on});
    s.status = model::ServiceStatus::draining;
    auto plan = w.reconcile();
    EXPECT_EQ(stopped_ids(w, plan), (std::vector<std::string>{tasks[0]->id}));
}

}  // namespace
}  // namespace berth::scheduler::testing

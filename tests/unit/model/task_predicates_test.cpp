// The shared task words: one table of (last, desired, health, health check) -> predicates.
#include "berth/model/task_predicates.hpp"

#include <gtest/gtest.h>

namespace berth::model {
namespace {

struct Row {
    TaskStatus last;
    TaskStatus desired;
    HealthStatus health;
    bool health_check;
    bool dead, live, stopping, pending, running, healthy, unhealthy;
};

Task task_of(const Row& r) {
    Task t;
    t.last_status = r.last;
    t.desired_status = r.desired;
    t.health = r.health;
    TaskContainer c;
    c.has_health_check = r.health_check;
    t.containers.push_back(c);
    return t;
}

constexpr auto R = TaskStatus::running;
constexpr auto S = TaskStatus::stopped;
constexpr auto P = TaskStatus::pending;
constexpr auto U = HealthStatus::unknown;
constexpr auto H = HealthStatus::healthy;
constexpr auto X = HealthStatus::unhealthy;

TEST(TaskPredicates, Table) {
    const Row rows[] = {
        // last desired health check   dead   live   stop   pend   run    hlth   unhl
        {TaskStatus::provisioning, R, U, false, false, true, false, true, false, false, false},
        {P, R, U, false, false, true, false, true, false, false, false},
        {R, R, U, false, false, true, false, false, true, true, false},
        {R, R, U, true, false, true, false, false, true, false, false},
        {R, R, H, true, false, true, false, false, true, true, false},
        {R, R, X, false, false, true, false, false, true, false, true},
        {R, S, H, true, false, false, true, false, false, false, false},
        {TaskStatus::deprovisioning, S, U, false, false, false, true, false, false, false, false},
        {S, S, U, false, true, false, false, false, false, false, false},
        {S, R, U, false, true, false, false, false, false, false, false},
    };
    int i = 0;
    for (const auto& r : rows) {
        const auto t = task_of(r);
        SCOPED_TRACE(i++);
        EXPECT_EQ(is_dead(t), r.dead);
        EXPECT_EQ(is_live(t), r.live);
        EXPECT_EQ(is_stopping(t), r.stopping);
        EXPECT_EQ(is_pending(t), r.pending);
        EXPECT_EQ(is_running(t), r.running);
        EXPECT_EQ(is_healthy(t), r.healthy);
        EXPECT_EQ(is_unhealthy(t), r.unhealthy);
    }
}

TEST(TaskPredicates, HealthCheckOfANonEssentialContainerDoesNotCount) {
    Task t = task_of({R, R, U, true, false, true, false, false, true, false, false});
    t.containers.front().essential = false;
    EXPECT_FALSE(has_health_check(t));
    EXPECT_TRUE(is_healthy(t));
}

TEST(TaskPredicates, OwnerIsTheServiceNameElseTheServiceGroup) {
    Task t;
    EXPECT_EQ(owner_of(t), "");
    t.group = "family:web";
    EXPECT_EQ(owner_of(t), "");
    t.group = "service:web";
    EXPECT_EQ(owner_of(t), "web");
    t.service_name = "api";
    EXPECT_EQ(owner_of(t), "api");
}

}  // namespace
}  // namespace berth::model

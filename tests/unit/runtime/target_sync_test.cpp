// The load balancer registrar's decisions, as tables: (task, what the load balancer store
// says) → the calls to make, the targets to write back and ECS's service events.
#include "runtime/target_sync.hpp"

#include <gtest/gtest.h>

namespace berth::runtime {
namespace {

using model::TargetStatus;
using namespace std::chrono_literals;

const model::PartitionKey k_key{"000000000000", "us-east-1"};
const model::TimePoint k_t0 = model::TimePoint{} + 1000h;
const std::string k_tg = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/1";
const std::string k_service = "arn:aws:ecs:us-east-1:000000000000:service/default/web";

enum class Mode { awsvpc, bridge };

TargetedTask task(Mode mode, TargetStatus status, bool running = true, bool leaving = false) {
    TargetedTask t;
    t.partition = k_key;
    t.arn = "arn:aws:ecs:us-east-1:000000000000:task/default/abc";
    t.id = "abc";
    t.service_arn = k_service;
    t.service_name = "web";
    t.version = 7;
    t.running = running;
    t.leaving = leaving;
    if (mode == Mode::awsvpc) {
        t.address = "172.30.0.5";
    } else {
        t.instance_id = "i-0123456789abcdef0";
        t.bindings = {{"app", 80, 32768}, {"sidecar", 80, 32769}};
    }
    model::TaskTarget target;
    target.target_group_arn = k_tg;
    target.container_name = "app";
    target.container_port = 80;
    target.status = status;
    if (status != TargetStatus::unregistered) {
        target.target_id = mode == Mode::awsvpc ? "172.30.0.5" : "i-0123456789abcdef0";
        target.port = mode == Mode::awsvpc ? 80 : 32768;
    }
    t.targets = {target};
    return t;
}

LoadBalancerFacts facts(TargetKind kind, std::optional<TargetStatus> listed = std::nullopt,
                        const std::string& id = "172.30.0.5", int port = 80) {
    LoadBalancerFacts f;
    f.target_groups[k_tg] = {kind, 30s};
    if (listed) f.targets[{k_tg, id, port}] = {*listed, "Target.ResponseCodeMismatch"};
    return f;
}

TEST(TargetSync, RunningAwsvpcTaskRegistersItsAddressAndContainerPort) {
    auto plan =
        plan_targets({task(Mode::awsvpc, TargetStatus::unregistered)}, facts(TargetKind::ip), k_t0);
    ASSERT_EQ(plan.calls.size(), 1u);
    EXPECT_TRUE(plan.calls[0].registering);
    EXPECT_EQ(plan.calls[0].target_group_arn, k_tg);
    EXPECT_EQ(plan.calls[0].target_id, "172.30.0.5");
    EXPECT_EQ(plan.calls[0].port, 80);
    ASSERT_EQ(plan.updates.size(), 1u);
    EXPECT_EQ(plan.updates[0].version, 7u);
    EXPECT_FALSE(plan.updates[0].deactivate);
    EXPECT_EQ(plan.updates[0].targets[0].status, TargetStatus::initial);
    EXPECT_EQ(plan.updates[0].targets[0].target_id, "172.30.0.5");
    ASSERT_EQ(plan.events.size(), 1u);
    EXPECT_EQ(plan.events[0].message,
              "(service web) registered 1 targets in (target-group " + k_tg + ")");
    EXPECT_EQ(plan.events[0].service_arn, k_service);
}

TEST(TargetSync, BridgeTaskRegistersTheInstanceAndTheDynamicHostPort) {
    auto plan = plan_targets({task(Mode::bridge, TargetStatus::unregistered)},
                             facts(TargetKind::instance), k_t0);
    ASSERT_EQ(plan.calls.size(), 1u);
    EXPECT_EQ(plan.calls[0].target_id, "i-0123456789abcdef0");
    EXPECT_EQ(plan.calls[0].port, 32768);  // the binding of (app, 80), not the sidecar's
}

TEST(TargetSync, NothingToRegisterUntilTheAddressIsKnown) {
    auto t = task(Mode::awsvpc, TargetStatus::unregistered);
    t.address.clear();
    EXPECT_TRUE(plan_targets({t}, facts(TargetKind::ip), k_t0).empty());
    auto b = task(Mode::bridge, TargetStatus::unregistered);
    b.bindings.clear();
    EXPECT_TRUE(plan_targets({b}, facts(TargetKind::instance), k_t0).empty());
}

TEST(TargetSync, TasksNotYetRunningAreNotRegistered) {
    auto t = task(Mode::awsvpc, TargetStatus::unregistered, /*running=*/false);
    EXPECT_TRUE(plan_targets({t}, facts(TargetKind::ip), k_t0).empty());
}

// A registered target of a task meant to run follows what the store reports.
TEST(TargetSync, HealthFollowsTheStore) {
    struct Row {
        TargetStatus held;
        std::optional<TargetStatus> listed;
        TargetStatus written;
        int calls;
    };
    const std::vector<Row> table{
        {TargetStatus::initial, TargetStatus::initial, TargetStatus::initial, 0},
        {TargetStatus::initial, TargetStatus::healthy, TargetStatus::healthy, 0},
        {TargetStatus::healthy, TargetStatus::unhealthy, TargetStatus::unhealthy, 0},
        {TargetStatus::unhealthy, TargetStatus::healthy, TargetStatus::healthy, 0},
        // Deregistered behind the service's back: registered again.
        {TargetStatus::healthy, std::nullopt, TargetStatus::initial, 1},
    };
    for (const auto& row : table) {
        auto plan =
            plan_targets({task(Mode::awsvpc, row.held)}, facts(TargetKind::ip, row.listed), k_t0);
        EXPECT_EQ(static_cast<int>(plan.calls.size()), row.calls) << to_string(row.held);
        const auto written = plan.updates.empty() ? row.held : plan.updates[0].targets[0].status;
        EXPECT_EQ(written, row.written) << to_string(row.held);
    }
    auto plan = plan_targets({task(Mode::awsvpc, TargetStatus::healthy)},
                             facts(TargetKind::ip, TargetStatus::unhealthy), k_t0);
    EXPECT_EQ(plan.updates[0].targets[0].reason, "Target.ResponseCodeMismatch");
}

TEST(TargetSync, LeavingTaskDrainsForTheDeregistrationDelay) {
    auto t = task(Mode::awsvpc, TargetStatus::healthy, /*running=*/false, /*leaving=*/true);
    auto plan = plan_targets({t}, facts(TargetKind::ip, TargetStatus::healthy), k_t0);
    ASSERT_EQ(plan.calls.size(), 1u);
    EXPECT_FALSE(plan.calls[0].registering);
    ASSERT_EQ(plan.updates.size(), 1u);
    EXPECT_TRUE(plan.updates[0].deactivate);
    EXPECT_EQ(plan.updates[0].targets[0].status, TargetStatus::draining);
    EXPECT_EQ(plan.updates[0].targets[0].draining_since, k_t0);
    ASSERT_EQ(plan.events.size(), 1u);
    EXPECT_EQ(plan.events[0].message, "(service web) has begun draining connections on 1 tasks.");

    // Still listed as draining before the delay: nothing; after it, or once gone: done.
    t.targets = plan.updates[0].targets;
    EXPECT_TRUE(
        plan_targets({t}, facts(TargetKind::ip, TargetStatus::draining), k_t0 + 29s).empty());
    for (auto [listed, at] :
         std::vector<std::pair<bool, model::TimePoint>>{{true, k_t0 + 30s}, {false, k_t0 + 1s}}) {
        auto f = listed ? facts(TargetKind::ip, TargetStatus::draining) : facts(TargetKind::ip);
        auto done = plan_targets({t}, f, at);
        EXPECT_TRUE(done.calls.empty());
        ASSERT_EQ(done.updates.size(), 1u);
        EXPECT_FALSE(done.updates[0].deactivate);
        EXPECT_EQ(done.updates[0].targets[0].status, TargetStatus::deregistered);
        ASSERT_EQ(done.events.size(), 1u);
        EXPECT_EQ(done.events[0].message,
                  "(service web) deregistered 1 targets in (target-group " + k_tg + ")");
    }
}

TEST(TargetSync, LeavingTaskNeverRegisteredHasNothingToDrain) {
    auto t = task(Mode::awsvpc, TargetStatus::unregistered, false, true);
    EXPECT_TRUE(plan_targets({t}, facts(TargetKind::ip), k_t0).empty());
}

TEST(TargetSync, AGoneTargetGroupHoldsNothing) {
    auto t = task(Mode::awsvpc, TargetStatus::healthy, false, true);
    auto plan = plan_targets({t}, LoadBalancerFacts{}, k_t0);
    EXPECT_TRUE(plan.calls.empty());
    ASSERT_EQ(plan.updates.size(), 1u);
    EXPECT_EQ(plan.updates[0].targets[0].status, TargetStatus::deregistered);
}

TEST(TargetSync, EventsCountTargetsPerServiceAndTargetGroup) {
    auto a = task(Mode::awsvpc, TargetStatus::unregistered);
    auto b = a;
    b.arn += "2";
    b.address = "172.30.0.6";
    auto plan = plan_targets({a, b}, facts(TargetKind::ip), k_t0);
    EXPECT_EQ(plan.calls.size(), 2u);
    ASSERT_EQ(plan.events.size(), 1u);
    EXPECT_EQ(plan.events[0].message,
              "(service web) registered 2 targets in (target-group " + k_tg + ")");
}

}  // namespace
}  // namespace berth::runtime

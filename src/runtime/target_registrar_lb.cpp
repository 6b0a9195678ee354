#include "target_registrar_lb.hpp"

#include <set>

#include <spdlog/spdlog.h>

#include "berth/model/load_balancers.hpp"

namespace berth::runtime {

namespace {

using model::TargetHealthState;
using model::TargetStatus;

// ELB's health state as the task's target sees it. `unused` (no listener forwards to the
// group) is registered but not serving; `unavailable` (health checks disabled) serves.
TargetStatus status_of(TargetHealthState state) {
    switch (state) {
        case TargetHealthState::initial:
        case TargetHealthState::unused:
            return TargetStatus::initial;
        case TargetHealthState::healthy:
        case TargetHealthState::unavailable:
            return TargetStatus::healthy;
        case TargetHealthState::unhealthy:
        case TargetHealthState::unhealthy_draining:
            return TargetStatus::unhealthy;
        case TargetHealthState::draining:
            return TargetStatus::draining;
    }
    return TargetStatus::initial;
}

std::string reason_of(const model::TargetHealth& health) {
    if (!health.description.empty()) return health.description;
    if (health.reason) return std::string(model::default_description(*health.reason));
    return {};
}

}  // namespace

LoadBalancerFacts read_facts(const model::LoadBalancerStore& store,
                             const std::vector<TargetedTask>& tasks) {
    std::set<std::pair<model::PartitionKey, std::string>> groups;
    for (const auto& t : tasks) {
        for (const auto& target : t.targets) groups.insert({t.partition, target.target_group_arn});
    }
    LoadBalancerFacts facts;
    for (const auto& [key, arn] : groups) {
        auto group = store.find_target_group(key, arn);
        if (!group) continue;
        facts.target_groups[arn] = {
            group->target_type == model::TargetType::ip ? TargetKind::ip : TargetKind::instance,
            std::chrono::seconds(group->deregistration_delay_seconds)};
        for (const auto& entry :
             store.target_health(key, arn).value_or(std::vector<model::TargetHealthEntry>{})) {
            facts.targets[{arn, entry.id, entry.port}] = {status_of(entry.health.state),
                                                          reason_of(entry.health)};
        }
    }
    return facts;
}

void make_call(model::LoadBalancerStore& store, const TargetCall& call, model::TimePoint now) {
    const std::vector<model::TargetRef> targets{{call.target_id, call.port, {}}};
    auto check =
        call.registering
            ? store.register_targets(call.partition, call.target_group_arn, targets, now)
            : store.deregister_targets(call.partition, call.target_group_arn, targets, now);
    if (!check) {
        // The next pass sees what the store holds and plans again.
        spdlog::debug("{} {}:{} in {}: {}", call.registering ? "register" : "deregister",
                      call.target_id, call.port, call.target_group_arn, check.message);
    }
}

void expire_draining(model::LoadBalancerStore& store, model::TimePoint now) {
    store.expire_draining(now);
}

}  // namespace berth::runtime

#include "service_controller_freshness.hpp"

#include <map>
#include <string_view>
#include <tuple>
#include <vector>

#include "berth/model/task_predicates.hpp"

namespace berth::runtime {

namespace {

// What a plan may have relied on about one task.
struct TaskState {
    bool dead = false;
    bool live = false;
    bool healthy = false;
};

TaskState state_of(const model::Task& t) {
    return {model::is_dead(t), model::is_live(t), model::is_healthy(t)};
}

using Owner = std::pair<std::string_view, std::string_view>;  // cluster, service name

// The tasks of the watched services, by ARN.
std::map<Owner, std::map<std::string_view, TaskState>> tasks_by_owner(
    const model::Partition& p, const std::set<Owner>& watched) {
    std::map<Owner, std::map<std::string_view, TaskState>> out;
    for (const auto& [arn, task] : p.tasks) {
        Owner owner{task.cluster_name, model::owner_of(task)};
        if (owner.second.empty() || !watched.contains(owner)) continue;
        out[owner][arn] = state_of(task);
    }
    return out;
}

auto deployment_shape(const model::Service& s) {
    std::vector<std::tuple<std::string, model::DeploymentStatus, model::RolloutState, std::string>>
        out;
    for (const auto& d : s.deployments) {
        out.emplace_back(d.id, d.status, d.rollout_state, d.task_definition_arn);
    }
    return out;
}

// What reconcile reads of the task sets; their counts and stability are the controller's.
auto task_set_shape(const model::Service& s) {
    std::vector<std::tuple<std::string, model::TaskSetStatus, int, std::string>> out;
    for (const auto& ts : s.task_sets) {
        out.emplace_back(ts.id, ts.status, ts.computed_desired_count, ts.task_definition_arn);
    }
    return out;
}

// The desired state reconcile reads; counts and events are the controller's own writes.
bool same_desired_state(const model::Service& a, const model::Service& b) {
    return a.status == b.status && a.desired_count == b.desired_count &&
           a.scheduling_strategy == b.scheduling_strategy &&
           a.task_definition_arn == b.task_definition_arn && a.launch_type == b.launch_type &&
           a.capacity_provider_strategy == b.capacity_provider_strategy &&
           a.platform_version == b.platform_version &&
           a.network_configuration == b.network_configuration &&
           a.deployment_configuration == b.deployment_configuration &&
           a.deployment_controller == b.deployment_controller &&
           a.placement_constraints == b.placement_constraints &&
           a.placement_strategy == b.placement_strategy &&
           a.health_check_grace_period_seconds == b.health_check_grace_period_seconds &&
           deployment_shape(a) == deployment_shape(b) && task_set_shape(a) == task_set_shape(b);
}

bool got_worse(const TaskState& then, const TaskState& now) {
    return (then.live && !now.live) || (then.healthy && !now.healthy);
}

bool tasks_still_hold(const std::map<std::string_view, TaskState>& then,
                      const std::map<std::string_view, TaskState>& now) {
    for (const auto& [arn, before] : then) {
        auto it = now.find(arn);
        if (it == now.end()) {
            if (!before.dead) return false;
            continue;
        }
        if (got_worse(before, it->second)) return false;
    }
    for (const auto& [arn, after] : now) {
        if (!after.dead && !then.contains(arn)) return false;
    }
    return true;
}

}  // namespace

std::set<std::string> services_in(const scheduler::Plan& plan) {
    std::set<std::string> out;
    for (const auto& u : plan.deployment_updates) out.insert(u.service_arn);
    for (const auto& r : plan.rollbacks) out.insert(r.service_arn);
    for (const auto& s : plan.stops) out.insert(s.service_arn);
    for (const auto& s : plan.starts) out.insert(s.service_arn);
    for (const auto& u : plan.service_updates) out.insert(u.service_arn);
    for (const auto& c : plan.counts) out.insert(c.service_arn);
    for (const auto& u : plan.task_set_updates) out.insert(u.service_arn);
    for (const auto& e : plan.events) out.insert(e.service_arn);
    return out;
}

std::set<std::string> stale_services(const model::Partition& snapshot, const model::Partition& live,
                                     const std::set<std::string>& arns) {
    std::set<std::string> stale;
    std::set<Owner> watched;
    std::map<std::string, Owner> owner_of_service;
    for (const auto& arn : arns) {
        auto then = snapshot.services.find(arn);
        auto now = live.services.find(arn);
        if (then == snapshot.services.end() || now == live.services.end() ||
            !same_desired_state(then->second, now->second)) {
            stale.insert(arn);
            continue;
        }
        Owner owner{then->second.cluster_name, then->second.name};
        watched.insert(owner);
        owner_of_service[arn] = owner;
    }
    if (watched.empty()) return stale;
    const auto before = tasks_by_owner(snapshot, watched);
    const auto after = tasks_by_owner(live, watched);
    static const std::map<std::string_view, TaskState> k_none;
    for (const auto& [arn, owner] : owner_of_service) {
        auto b = before.find(owner);
        auto a = after.find(owner);
        if (!tasks_still_hold(b == before.end() ? k_none : b->second,
                              a == after.end() ? k_none : a->second)) {
            stale.insert(arn);
        }
    }
    return stale;
}

}  // namespace berth::runtime

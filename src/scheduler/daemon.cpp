#include "scheduler/daemon.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "berth/scheduler/messages.hpp"
#include "scheduler/rollout.hpp"
#include "scheduler/task_state.hpp"

namespace berth::scheduler {

std::vector<std::string> daemon_instances(ServicePass& pass) {
    std::vector<std::string> out;
    auto request = pass.placement_request(*pass.primary);
    for (const auto* instance : pass.ledger().usable_instances(pass.service.cluster_name)) {
        if (pass.ledger().admits(request, instance->arn)) out.push_back(instance->arn);
    }
    return out;
}

void reconcile_daemon(ServicePass& pass) {
    if (!pass.primary || pass.launch_type(*pass.primary) == model::LaunchType::fargate) return;
    auto instances = daemon_instances(pass);
    pass.desired = static_cast<int>(instances.size());
    if (trip_circuit_breaker(pass)) return;
    stop_unhealthy(pass);

    const std::string reason = messages::stop_scaling_activity(pass.primary->id);
    std::set<std::string> eligible(instances.begin(), instances.end());
    std::map<std::string, std::vector<const model::Task*>> mine, old;
    for (const auto* t : pass.tasks) {
        if (!pass.stays_live(*t)) continue;
        if (!eligible.contains(t->container_instance_arn)) {
            pass.stop(*t, reason);
        } else {
            (pass.is_primary(*t) ? mine : old)[t->container_instance_arn].push_back(t);
        }
    }
    for (auto& [arn, tasks] : mine) {
        sort_for_stopping(tasks);
        for (std::size_t i = 0; i + 1 < tasks.size(); ++i) pass.stop(*tasks[i], reason);
    }

    bool failed = pass.primary->rollout_state == model::RolloutState::failed;
    if (!failed) {
        // Replace in place: the old task goes first, within minimumHealthyPercent.
        int healthy = static_cast<int>(
            pass.select([&](const model::Task& t) { return pass.stays_live(t) && is_healthy(t); })
                .size());
        int spare = healthy - min_healthy(pass.config, pass.desired);
        for (auto& [arn, tasks] : old) {
            sort_for_stopping(tasks);
            for (const auto* t : tasks) {
                if (is_healthy(*t)) {
                    if (spare <= 0) continue;
                    --spare;
                }
                pass.stop(*t, reason);
            }
        }
    }

    std::set<std::string> occupied;
    for (const auto* t : pass.tasks) {
        if (!is_dead(*t)) occupied.insert(t->container_instance_arn);
    }
    std::vector<std::string> free;
    std::copy_if(instances.begin(), instances.end(), std::back_inserter(free),
                 [&](const std::string& arn) { return !occupied.contains(arn); });
    if (!failed && !free.empty() && !launch_throttled(pass)) {
        for (const auto& arn : free) pass.start_on(*pass.primary, arn);
    }
    finish_rollout(pass);
}

}  // namespace berth::scheduler

#include "berth/runtime/restored_tasks.hpp"

#include <algorithm>
#include <vector>

#include "berth/model/task_targets.hpp"

namespace berth::runtime {

namespace {

bool reached_docker(const model::Task& t) {
    return !t.sandbox_id.empty() ||
           std::any_of(t.containers.begin(), t.containers.end(),
                       [](const auto& c) { return !c.runtime_id.empty(); });
}

void record_stopped(model::Task& t, model::TimePoint now) {
    if (t.desired_status != model::TaskStatus::stopped || t.stop_code == model::StopCode::none) {
        t.stop_code = model::StopCode::infrastructure_health;
        t.stopped_reason = k_restart_stopped_reason;
    }
    t.desired_status = model::TaskStatus::stopped;
    t.last_status = model::TaskStatus::stopped;
    for (auto& c : t.containers) {
        c.desired_status = model::ContainerStatus::stopped;
        if (c.known_status != model::ContainerStatus::none) {
            c.known_status = model::ContainerStatus::stopped;
        }
        if (c.reason.empty() && !c.exit_code) c.reason = k_restart_stopped_reason;
    }
    for (auto& a : t.attachments) {
        if (a.value("type", "") == "ElasticNetworkInterface") a["status"] = "DELETED";
    }
    if (!t.stopping_at) t.stopping_at = now;
    if (!t.execution_stopped_at) t.execution_stopped_at = now;
    if (!t.stopped_at) t.stopped_at = now;
    ++t.version;
}

}  // namespace

int settle_restored_tasks(model::Partition& partition, model::TimePoint now) {
    int stopped = 0;
    for (auto& [arn, t] : partition.tasks) {
        if (t.last_status == model::TaskStatus::stopped) {
            t.resources_released = true;  // removed with the earlier run's containers
            continue;
        }
        if (!reached_docker(t)) continue;
        record_stopped(t, now);
        t.resources_released = true;
        ++stopped;
    }
    return stopped;
}

int release_restored_targets(const model::Partition& partition,
                             model::LoadBalancerStore& load_balancers, model::TimePoint now) {
    int released = 0;
    for (const auto& [arn, t] : partition.tasks) {
        if (t.last_status != model::TaskStatus::stopped) continue;
        for (const auto& target : t.targets) {
            if (!model::is_in_target_group(target) || target.target_id.empty()) continue;
            const std::vector<model::TargetRef> refs{{target.target_id, target.port, {}}};
            auto check = load_balancers.deregister_targets(partition.key, target.target_group_arn,
                                                           refs, now);
            released += check ? 1 : 0;
        }
    }
    return released;
}

}  // namespace berth::runtime

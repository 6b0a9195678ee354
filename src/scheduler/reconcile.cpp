#include "berth/scheduler/reconcile.hpp"

#include <string_view>
#include <unordered_map>

#include "berth/scheduler/messages.hpp"
#include "scheduler/daemon.hpp"
#include "scheduler/replica.hpp"
#include "scheduler/rollout.hpp"
#include "scheduler/service_pass.hpp"
#include "scheduler/task_sets.hpp"
#include "scheduler/task_state.hpp"

namespace berth::scheduler {

namespace {

using ServiceKey = std::pair<std::string_view, std::string_view>;  // cluster, service name

struct ServiceKeyHash {
    std::size_t operator()(const ServiceKey& k) const {
        std::hash<std::string_view> h;
        return h(k.first) * 31 + h(k.second);
    }
};

using TaskIndex = std::unordered_map<ServiceKey, std::vector<const model::Task*>, ServiceKeyHash>;

TaskIndex index_tasks(const model::Partition& partition) {
    TaskIndex index;
    index.reserve(partition.services.size());
    for (const auto& [arn, task] : partition.tasks) {
        auto owner = model::owner_of(task);
        if (!owner.empty()) index[{task.cluster_name, owner}].push_back(&task);
    }
    return index;
}

// A deleted service: everything stops, and the service is gone once nothing is left.
void reconcile_draining(ServicePass& pass) {
    std::string by = pass.primary                       ? pass.primary->id
                     : pass.service.deployments.empty() ? std::string()
                                                        : pass.service.deployments.front().id;
    bool any_left = false;
    for (const auto* t : pass.tasks) {
        if (is_dead(*t)) continue;
        any_left = true;
        if (is_live(*t)) pass.stop(*t, messages::stop_scaling_activity(by));
    }
    if (!any_left)
        pass.plan().service_updates.push_back({pass.service.arn, model::ServiceStatus::inactive});
}

bool cluster_is_active(const model::Partition& partition, const std::string& name) {
    auto it = partition.clusters.find(name);
    return it == partition.clusters.end() || it->second.status != model::ClusterStatus::inactive;
}

}  // namespace

Plan reconcile(const model::Partition& partition, model::TimePoint now, const Options& options) {
    Plan plan;
    auto index = index_tasks(partition);
    LazyLedger ledger(partition);
    static const std::vector<const model::Task*> k_none;
    for (const auto& [arn, service] : partition.services) {
        if (service.status == model::ServiceStatus::inactive ||
            !cluster_is_active(partition, service.cluster_name)) {
            continue;
        }
        auto found = index.find({service.cluster_name, service.name});
        ServicePass pass(partition, service, found == index.end() ? k_none : found->second, now,
                         options, plan, ledger);
        if (service.status == model::ServiceStatus::draining) {
            reconcile_draining(pass);
        } else if (service.deployment_controller == model::DeploymentControllerType::external) {
            reconcile_task_sets(pass);
        } else if (!uses_ecs_controller(service)) {
            continue;  // CODE_DEPLOY: its task sets come from CodeDeploy, which Berth is not
        } else if (service.scheduling_strategy == model::SchedulingStrategy::daemon) {
            reconcile_daemon(pass);
        } else {
            reconcile_replica(pass);
        }
        pass.finish();
        write_counts(pass);
    }
    return plan;
}

bool Plan::empty() const {
    return deployment_updates.empty() && rollbacks.empty() && stops.empty() && starts.empty() &&
           service_updates.empty() && counts.empty() && task_set_updates.empty() && events.empty();
}

int Plan::tasks_to_start() const {
    int n = 0;
    for (const auto& s : starts) n += s.count();
    return n;
}

}  // namespace berth::scheduler

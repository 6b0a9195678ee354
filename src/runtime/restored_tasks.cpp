#include "berth/runtime/restored_tasks.hpp"

#include <vector>

#include "berth/model/task_targets.hpp"

namespace berth::runtime {

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

#include "api/ecs/target_group_facts.hpp"

#include "berth/model/load_balancers.hpp"

namespace berth::api::ecs {

TargetGroupFactsByArn find_target_groups(const model::LoadBalancerStore& store,
                                         const model::PartitionKey& key,
                                         const std::vector<std::string>& arns) {
    TargetGroupFactsByArn out;
    for (const auto& arn : arns) {
        if (auto group = store.find_target_group(key, arn)) {
            out[arn] = {group->target_type == model::TargetType::ip, group->in_use()};
        }
    }
    return out;
}

}  // namespace berth::api::ecs

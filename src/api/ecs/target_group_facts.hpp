#pragma once
// What CreateService and UpdateService need of the target groups a service names, read from
// the load balancer store before the Store's lock is taken (the two locks are never held
// together). Its own file, so that the one reading the load balancer store
// (target_group_facts.cpp) includes none of the Store's headers.
#include <map>
#include <string>
#include <vector>

#include "berth/model/common.hpp"

namespace berth::model {
class LoadBalancerStore;
}

namespace berth::api::ecs {

struct TargetGroupFacts {
    bool ip_targets = false;         // target type ip (else instance)
    bool has_load_balancer = false;  // a listener or rule of a load balancer forwards to it
};
using TargetGroupFactsByArn = std::map<std::string, TargetGroupFacts>;  // absent: not found

TargetGroupFactsByArn find_target_groups(const model::LoadBalancerStore& store,
                                         const model::PartitionKey& key,
                                         const std::vector<std::string>& arns);

}  // namespace berth::api::ecs

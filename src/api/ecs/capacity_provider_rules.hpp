#pragma once
// What CreateCapacityProvider and UpdateCapacityProvider check and fill in before the Store is
// touched: the name rule, the Auto Scaling group ARN's form and ECS's managed scaling defaults.
#include <string_view>

#include <nlohmann/json.hpp>

namespace berth::api::ecs {

// Letters, digits, '_' and '-', 1 to 255 of them, not starting with aws, ecs or fargate in any
// case; ClientException otherwise.
void check_capacity_provider_name(std::string_view name);

// An autoScalingGroupProvider as ECS answers it: managedScaling with its documented defaults
// (targetCapacity 100, step sizes 1 and 10000, warm-up 300 s), managedTerminationProtection
// DISABLED and managedDraining ENABLED unless given. Throws ClientException for an ARN that is
// not an Auto Scaling group's.
nlohmann::json auto_scaling_group_provider(const nlohmann::json& given);

// `current` with the members an AutoScalingGroupProviderUpdate gives replaced (managedScaling
// member by member), defaults kept.
nlohmann::json updated_auto_scaling_group_provider(const nlohmann::json& current,
                                                   const nlohmann::json& update);

}  // namespace berth::api::ecs

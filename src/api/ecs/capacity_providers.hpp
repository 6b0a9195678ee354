#pragma once
// The capacity providers a cluster may name: ECS's built-in FARGATE and FARGATE_SPOT, and the
// ACTIVE providers created in the partition.
#include <string_view>

#include <nlohmann/json.hpp>

#include "berth/model/store.hpp"

namespace berth::api::ecs {

// The ACTIVE provider of that name, or null (built-ins are never stored).
const model::CapacityProvider* find_capacity_provider(const model::Partition& p,
                                                      std::string_view name);
bool capacity_provider_exists(const model::Partition& p, std::string_view name);

}  // namespace berth::api::ecs

#pragma once
// The checks of cluster inputs (names, settings, capacity providers), thrown as ECS throws
// them. Model-level checks (types, enums, ranges) have run before these.
#include <string_view>

#include <nlohmann/json.hpp>

#include "berth/model/store.hpp"

namespace berth::api::ecs {

// Up to 255 letters, numbers, hyphens and underscores.
void check_cluster_name(std::string_view name);
// ClusterSettings: [{name: containerInsights, value: enabled|disabled|enhanced}].
void check_cluster_settings(const nlohmann::json& settings);
// The capacity providers a cluster may use (FARGATE, FARGATE_SPOT and the partition's ACTIVE
// providers), and a default strategy that only names those and gives a base to at most one.
void check_capacity_providers(const model::Partition& p, const nlohmann::json& providers,
                              const nlohmann::json& strategy);

// Replaces or adds each setting of `update` in `settings`, by name.
void merge_settings(nlohmann::json& settings, const nlohmann::json& update);

}  // namespace berth::api::ecs

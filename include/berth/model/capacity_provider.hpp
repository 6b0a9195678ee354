#pragma once
// A capacity provider a client created (CreateCapacityProvider). FARGATE and FARGATE_SPOT are
// built in and never stored. Every provider Berth keeps runs its tasks on Berth's engines: there
// is no Auto Scaling group or Managed Instances fleet behind it (docs/fidelity.md).
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"
#include "berth/model/names.hpp"

namespace berth::model {

enum class CapacityProviderType : std::uint8_t {
    ec2_autoscaling,
    managed_instances,
    fargate,
    fargate_spot
};
template <>
inline constexpr NameTable<CapacityProviderType, 4> k_names<CapacityProviderType>{{{
    {CapacityProviderType::ec2_autoscaling, "EC2_AUTOSCALING"},
    {CapacityProviderType::managed_instances, "MANAGED_INSTANCES"},
    {CapacityProviderType::fargate, "FARGATE"},
    {CapacityProviderType::fargate_spot, "FARGATE_SPOT"},
}}};

// FARGATE or FARGATE_SPOT: the built-in providers, whose tasks take the FARGATE launch type.
inline bool is_fargate_capacity_provider(std::string_view name) {
    return name == "FARGATE" || name == "FARGATE_SPOT";
}

enum class CapacityProviderStatus : std::uint8_t { active, inactive };
template <>
inline constexpr NameTable<CapacityProviderStatus, 2> k_names<CapacityProviderStatus>{{{
    {CapacityProviderStatus::active, "ACTIVE"},
    {CapacityProviderStatus::inactive, "INACTIVE"},
}}};

// The last change's outcome (CapacityProviderUpdateStatus). Berth's changes finish at once, so
// no *_IN_PROGRESS state is ever seen; a refused delete is DELETE_FAILED, as on ECS.
enum class CapacityProviderUpdateStatus : std::uint8_t {
    none,
    delete_complete,
    delete_failed,
    update_complete
};
template <>
inline constexpr NameTable<CapacityProviderUpdateStatus, 4> k_names<CapacityProviderUpdateStatus>{{{
    {CapacityProviderUpdateStatus::none, ""},
    {CapacityProviderUpdateStatus::delete_complete, "DELETE_COMPLETE"},
    {CapacityProviderUpdateStatus::delete_failed, "DELETE_FAILED"},
    {CapacityProviderUpdateStatus::update_complete, "UPDATE_COMPLETE"},
}}};

struct CapacityProvider {
    std::string arn;
    std::string name;
    CapacityProviderType type = CapacityProviderType::ec2_autoscaling;
    CapacityProviderStatus status = CapacityProviderStatus::active;
    CapacityProviderUpdateStatus update_status = CapacityProviderUpdateStatus::none;
    std::string update_status_reason;
    std::string cluster;                         // Managed Instances providers belong to one
    nlohmann::json auto_scaling_group_provider;  // with ECS's defaults filled in; null if none
    nlohmann::json managed_instances_provider;   // as given; null if none
    Tags tags;
};

}  // namespace berth::model

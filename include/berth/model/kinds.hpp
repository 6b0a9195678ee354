#pragma once
// The kinds with API names that several modules read: each an enum with its one name table
// (names.hpp explains the pattern). Statuses live in statuses.hpp, failures in failure.hpp.
#include <cstdint>

#include "berth/model/names.hpp"

namespace berth::model {

// LaunchType and Compatibility share ECS's four names.
enum class LaunchType : std::uint8_t { ec2, fargate, external, managed_instances };
template <>
inline constexpr NameTable<LaunchType, 4> k_names<LaunchType>{{{
    {LaunchType::ec2, "EC2"},
    {LaunchType::fargate, "FARGATE"},
    {LaunchType::external, "EXTERNAL"},
    {LaunchType::managed_instances, "MANAGED_INSTANCES"},
}}};

enum class NetworkMode : std::uint8_t { bridge, host, awsvpc, none };
template <>
inline constexpr NameTable<NetworkMode, 4> k_names<NetworkMode>{{{
    {NetworkMode::bridge, "bridge"},
    {NetworkMode::host, "host"},
    {NetworkMode::awsvpc, "awsvpc"},
    {NetworkMode::none, "none"},
}}};

// pidMode (host | task) and ipcMode (host | task | none): whose namespace the containers use.
enum class NamespaceMode : std::uint8_t { host, task, none };
template <>
inline constexpr NameTable<NamespaceMode, 3> k_names<NamespaceMode>{{{
    {NamespaceMode::host, "host"},
    {NamespaceMode::task, "task"},
    {NamespaceMode::none, "none"},
}}};

enum class SchedulingStrategy : std::uint8_t { replica, daemon };
template <>
inline constexpr NameTable<SchedulingStrategy, 2> k_names<SchedulingStrategy>{{{
    {SchedulingStrategy::replica, "REPLICA"},
    {SchedulingStrategy::daemon, "DAEMON"},
}}};

enum class DeploymentControllerType : std::uint8_t { ecs, code_deploy, external };
template <>
inline constexpr NameTable<DeploymentControllerType, 3> k_names<DeploymentControllerType>{{{
    {DeploymentControllerType::ecs, "ECS"},
    {DeploymentControllerType::code_deploy, "CODE_DEPLOY"},
    {DeploymentControllerType::external, "EXTERNAL"},
}}};

enum class DeploymentStrategy : std::uint8_t { rolling, blue_green, linear, canary };
template <>
inline constexpr NameTable<DeploymentStrategy, 4> k_names<DeploymentStrategy>{{{
    {DeploymentStrategy::rolling, "ROLLING"},
    {DeploymentStrategy::blue_green, "BLUE_GREEN"},
    {DeploymentStrategy::linear, "LINEAR"},
    {DeploymentStrategy::canary, "CANARY"},
}}};

enum class PropagateTags : std::uint8_t { none_given, task_definition, service, none };
template <>
inline constexpr NameTable<PropagateTags, 4> k_names<PropagateTags>{{{
    {PropagateTags::none_given, ""},  // the member was absent
    {PropagateTags::task_definition, "TASK_DEFINITION"},
    {PropagateTags::service, "SERVICE"},
    {PropagateTags::none, "NONE"},
}}};

enum class StopCode : std::uint8_t {
    none,  // not stopped (or no code yet)
    task_failed_to_start,
    essential_container_exited,
    user_initiated,
    service_scheduler_initiated,
    spot_interruption,
    termination_notice,
    infrastructure_health,
};
template <>
inline constexpr NameTable<StopCode, 8> k_names<StopCode>{{{
    {StopCode::none, ""},
    {StopCode::task_failed_to_start, "TaskFailedToStart"},
    {StopCode::essential_container_exited, "EssentialContainerExited"},
    {StopCode::user_initiated, "UserInitiated"},
    {StopCode::service_scheduler_initiated, "ServiceSchedulerInitiated"},
    {StopCode::spot_interruption, "SpotInterruption"},
    {StopCode::termination_notice, "TerminationNotice"},
    {StopCode::infrastructure_health, "InfrastructureHealth"},
}}};

}  // namespace berth::model

#pragma once
// A service's configuration, parsed once where it enters (CreateService, UpdateService) and
// read typed after: the deployment configuration (every member of ECS's
// DeploymentConfiguration shape) with ECS's defaults, and the deployment controller.
// `read_*` take a request member already checked against the API model's shape; `to_json`
// gives ECS's JSON back (DescribeServices, DescribeServiceRevisions).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/kinds.hpp"
#include "berth/model/names.hpp"

namespace berth::model {

enum class ThresholdType : std::uint8_t { count, bounded_percent, unbounded_percent };
template <>
inline constexpr NameTable<ThresholdType, 3> k_names<ThresholdType>{{{
    {ThresholdType::count, "COUNT"},
    {ThresholdType::bounded_percent, "BOUNDED_PERCENT"},
    {ThresholdType::unbounded_percent, "UNBOUNDED_PERCENT"},
}}};

enum class LifecycleStage : std::uint8_t {
    reconcile_service,
    pre_scale_up,
    post_scale_up,
    test_traffic_shift,
    post_test_traffic_shift,
    pre_production_traffic_shift,
    production_traffic_shift,
    post_production_traffic_shift,
};
template <>
inline constexpr NameTable<LifecycleStage, 8> k_names<LifecycleStage>{{{
    {LifecycleStage::reconcile_service, "RECONCILE_SERVICE"},
    {LifecycleStage::pre_scale_up, "PRE_SCALE_UP"},
    {LifecycleStage::post_scale_up, "POST_SCALE_UP"},
    {LifecycleStage::test_traffic_shift, "TEST_TRAFFIC_SHIFT"},
    {LifecycleStage::post_test_traffic_shift, "POST_TEST_TRAFFIC_SHIFT"},
    {LifecycleStage::pre_production_traffic_shift, "PRE_PRODUCTION_TRAFFIC_SHIFT"},
    {LifecycleStage::production_traffic_shift, "PRODUCTION_TRAFFIC_SHIFT"},
    {LifecycleStage::post_production_traffic_shift, "POST_PRODUCTION_TRAFFIC_SHIFT"},
}}};

enum class HookTargetType : std::uint8_t { aws_lambda, pause };
template <>
inline constexpr NameTable<HookTargetType, 2> k_names<HookTargetType>{{{
    {HookTargetType::aws_lambda, "AWS_LAMBDA"},
    {HookTargetType::pause, "PAUSE"},
}}};

enum class HookTimeoutAction : std::uint8_t { rollback, continue_ };
template <>
inline constexpr NameTable<HookTimeoutAction, 2> k_names<HookTimeoutAction>{{{
    {HookTimeoutAction::rollback, "ROLLBACK"},
    {HookTimeoutAction::continue_, "CONTINUE"},
}}};

struct ThresholdConfiguration {
    ThresholdType type = ThresholdType::bounded_percent;
    int value = 50;
    bool operator==(const ThresholdConfiguration&) const = default;
};

struct DeploymentCircuitBreaker {
    bool enable = false;
    bool rollback = false;
    std::optional<bool> reset_on_healthy_task;
    std::optional<ThresholdConfiguration> threshold;  // ECS's default when none
    bool operator==(const DeploymentCircuitBreaker&) const = default;
};

struct DeploymentAlarms {
    std::vector<std::string> alarm_names;
    bool enable = false;
    bool rollback = false;
    bool operator==(const DeploymentAlarms&) const = default;
};

struct HookTimeout {
    std::optional<HookTimeoutAction> action;
    std::optional<int> timeout_in_minutes;
    bool operator==(const HookTimeout&) const = default;
};

struct DeploymentLifecycleHook {
    std::optional<std::string> hook_target_arn;
    std::optional<std::string> role_arn;
    std::vector<LifecycleStage> lifecycle_stages;
    std::optional<HookTargetType> target_type;
    nlohmann::json hook_details;  // a free-form document; null when absent
    std::optional<HookTimeout> timeout;
    bool operator==(const DeploymentLifecycleHook&) const = default;
};

// LINEAR and CANARY steps share a shape: a percentage and a bake time.
struct TrafficStep {
    std::optional<double> percent;
    std::optional<int> bake_time_in_minutes;
    bool operator==(const TrafficStep&) const = default;
};

struct DeploymentConfiguration {
    int maximum_percent = 200;
    int minimum_healthy_percent = 100;
    DeploymentCircuitBreaker circuit_breaker;
    std::optional<DeploymentAlarms> alarms;
    std::optional<DeploymentStrategy> strategy;
    std::optional<int> bake_time_in_minutes;
    std::optional<std::vector<DeploymentLifecycleHook>> lifecycle_hooks;
    std::optional<TrafficStep> linear;  // linearConfiguration: stepPercent, stepBakeTimeInMinutes
    std::optional<TrafficStep> canary;  // canaryConfiguration: canaryPercent, ...BakeTimeInMinutes
    bool operator==(const DeploymentConfiguration&) const = default;
};

// ECS's defaults, the only place they are written: REPLICA 100 / 200, DAEMON 0 / 100, the
// circuit breaker off.
DeploymentConfiguration default_deployment_configuration(SchedulingStrategy strategy);

// `base` with each member `given` sets (not null) replaced by it, as UpdateService replaces
// them. `given` may be null (nothing changes).
DeploymentConfiguration read_deployment_configuration(const nlohmann::json& given,
                                                      DeploymentConfiguration base);

// The threshold the circuit breaker uses: the one given, else BOUNDED_PERCENT 50.
ThresholdConfiguration threshold_of(const DeploymentCircuitBreaker& breaker);

// ECS's JSON: the members with defaults always, the others when set.
nlohmann::json to_json(const DeploymentConfiguration& config);

// A capacity provider strategy names FARGATE or FARGATE_SPOT.
bool names_fargate(const nlohmann::json& capacity_provider_strategy);
// The launch type of a service's (or a deployment's) tasks: its own, else FARGATE when its
// capacity provider strategy names a Fargate provider, else EC2.
LaunchType task_launch_type(const std::optional<LaunchType>& own,
                            const nlohmann::json& capacity_provider_strategy);

// deploymentController {type}, ECS when absent.
DeploymentControllerType read_deployment_controller(const nlohmann::json& given);
nlohmann::json deployment_controller_json(DeploymentControllerType type);

}  // namespace berth::model

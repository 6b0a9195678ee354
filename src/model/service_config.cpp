#include "berth/model/service_config.hpp"

#include "berth/model/capacity_provider.hpp"

#include "json_fields.hpp"

namespace berth::model {

namespace {

using nlohmann::json;

using namespace json_fields;

DeploymentCircuitBreaker read_breaker(const json& j) {
    DeploymentCircuitBreaker b;
    read(j, "enable", b.enable);
    read(j, "rollback", b.rollback);
    read(j, "resetOnHealthyTask", b.reset_on_healthy_task);
    if (const auto* t = member(j, "thresholdConfiguration")) {
        ThresholdConfiguration threshold;
        read_enum<ThresholdType>(*t, "type", threshold.type);
        read(*t, "value", threshold.value);
        b.threshold = threshold;
    }
    return b;
}

json breaker_json(const DeploymentCircuitBreaker& b) {
    json out{{"enable", b.enable}, {"rollback", b.rollback}};
    write(out, "resetOnHealthyTask", b.reset_on_healthy_task);
    if (b.threshold) {
        out["thresholdConfiguration"] = {{"type", to_string(b.threshold->type)},
                                         {"value", b.threshold->value}};
    }
    return out;
}

DeploymentAlarms read_alarms(const json& j) {
    DeploymentAlarms a;
    read(j, "alarmNames", a.alarm_names);
    read(j, "enable", a.enable);
    read(j, "rollback", a.rollback);
    return a;
}

DeploymentLifecycleHook read_hook(const json& j) {
    DeploymentLifecycleHook h;
    read(j, "hookTargetArn", h.hook_target_arn);
    read(j, "roleArn", h.role_arn);
    if (const auto* stages = member(j, "lifecycleStages")) {
        for (const auto& s : *stages) {
            if (auto stage = parse<LifecycleStage>(s.get<std::string>())) {
                h.lifecycle_stages.push_back(*stage);
            }
        }
    }
    read_enum<HookTargetType>(j, "targetType", h.target_type);
    if (const auto* details = member(j, "hookDetails")) h.hook_details = *details;
    if (const auto* t = member(j, "timeoutConfiguration")) {
        HookTimeout timeout;
        read_enum<HookTimeoutAction>(*t, "action", timeout.action);
        read(*t, "timeoutInMinutes", timeout.timeout_in_minutes);
        h.timeout = timeout;
    }
    return h;
}

json hook_json(const DeploymentLifecycleHook& h) {
    json out = json::object();
    write(out, "hookTargetArn", h.hook_target_arn);
    write(out, "roleArn", h.role_arn);
    json stages = json::array();
    for (auto s : h.lifecycle_stages) stages.push_back(to_string(s));
    out["lifecycleStages"] = std::move(stages);
    write_enum(out, "targetType", h.target_type);
    if (!h.hook_details.is_null()) out["hookDetails"] = h.hook_details;
    if (h.timeout) {
        json timeout = json::object();
        write_enum(timeout, "action", h.timeout->action);
        write(timeout, "timeoutInMinutes", h.timeout->timeout_in_minutes);
        out["timeoutConfiguration"] = std::move(timeout);
    }
    return out;
}

// linearConfiguration and canaryConfiguration name their two members after themselves.
struct StepNames {
    const char* percent;
    const char* bake_time;
};
constexpr StepNames k_linear{"stepPercent", "stepBakeTimeInMinutes"};
constexpr StepNames k_canary{"canaryPercent", "canaryBakeTimeInMinutes"};

TrafficStep read_step(const json& j, StepNames names) {
    TrafficStep s;
    read(j, names.percent, s.percent);
    read(j, names.bake_time, s.bake_time_in_minutes);
    return s;
}

json step_json(const TrafficStep& s, StepNames names) {
    json out = json::object();
    write(out, names.percent, s.percent);
    write(out, names.bake_time, s.bake_time_in_minutes);
    return out;
}

}  // namespace

DeploymentConfiguration default_deployment_configuration(SchedulingStrategy strategy) {
    DeploymentConfiguration c;
    if (strategy == SchedulingStrategy::daemon) {
        c.maximum_percent = 100;
        c.minimum_healthy_percent = 0;
    }
    return c;
}

DeploymentConfiguration read_deployment_configuration(const json& given,
                                                      DeploymentConfiguration base) {
    read(given, "maximumPercent", base.maximum_percent);
    read(given, "minimumHealthyPercent", base.minimum_healthy_percent);
    if (const auto* b = member(given, "deploymentCircuitBreaker")) {
        base.circuit_breaker = read_breaker(*b);
    }
    if (const auto* a = member(given, "alarms")) base.alarms = read_alarms(*a);
    read_enum<DeploymentStrategy>(given, "strategy", base.strategy);
    read(given, "bakeTimeInMinutes", base.bake_time_in_minutes);
    if (const auto* hooks = member(given, "lifecycleHooks")) {
        base.lifecycle_hooks.emplace();
        for (const auto& h : *hooks) base.lifecycle_hooks->push_back(read_hook(h));
    }
    if (const auto* l = member(given, "linearConfiguration")) base.linear = read_step(*l, k_linear);
    if (const auto* c = member(given, "canaryConfiguration")) base.canary = read_step(*c, k_canary);
    return base;
}

ThresholdConfiguration threshold_of(const DeploymentCircuitBreaker& breaker) {
    return breaker.threshold.value_or(ThresholdConfiguration{});
}

json to_json(const DeploymentConfiguration& c) {
    json out{{"deploymentCircuitBreaker", breaker_json(c.circuit_breaker)},
             {"maximumPercent", c.maximum_percent},
             {"minimumHealthyPercent", c.minimum_healthy_percent}};
    if (c.alarms) {
        out["alarms"] = {{"alarmNames", c.alarms->alarm_names},
                         {"enable", c.alarms->enable},
                         {"rollback", c.alarms->rollback}};
    }
    write_enum(out, "strategy", c.strategy);
    write(out, "bakeTimeInMinutes", c.bake_time_in_minutes);
    if (c.lifecycle_hooks) {
        json hooks = json::array();
        for (const auto& h : *c.lifecycle_hooks) hooks.push_back(hook_json(h));
        out["lifecycleHooks"] = std::move(hooks);
    }
    if (c.linear) out["linearConfiguration"] = step_json(*c.linear, k_linear);
    if (c.canary) out["canaryConfiguration"] = step_json(*c.canary, k_canary);
    return out;
}

bool names_fargate(const json& capacity_provider_strategy) {
    if (!capacity_provider_strategy.is_array()) return false;
    for (const auto& item : capacity_provider_strategy) {
        const auto* name = member(item, "capacityProvider");
        if (name && name->is_string() &&
            is_fargate_capacity_provider(name->get_ref<const std::string&>())) {
            return true;
        }
    }
    return false;
}

LaunchType task_launch_type(const std::optional<LaunchType>& own,
                            const json& capacity_provider_strategy) {
    if (own) return *own;
    return names_fargate(capacity_provider_strategy) ? LaunchType::fargate : LaunchType::ec2;
}

DeploymentControllerType read_deployment_controller(const json& given) {
    DeploymentControllerType type = DeploymentControllerType::ecs;
    read_enum<DeploymentControllerType>(given, "type", type);
    return type;
}

json deployment_controller_json(DeploymentControllerType type) {
    return {{"type", to_string(type)}};
}

}  // namespace berth::model

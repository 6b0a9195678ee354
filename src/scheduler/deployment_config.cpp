#include "berth/scheduler/deployment_config.hpp"

#include <algorithm>

namespace berth::scheduler {

namespace {

int int_member(const nlohmann::json& obj, const char* name, int fallback) {
    if (!obj.is_object()) return fallback;
    auto it = obj.find(name);
    if (it == obj.end() || !it->is_number_integer()) return fallback;
    return it->get<int>();
}

bool bool_member(const nlohmann::json& obj, const char* name) {
    if (!obj.is_object()) return false;
    auto it = obj.find(name);
    return it != obj.end() && it->is_boolean() && it->get<bool>();
}

int ceil_div(long long a, long long b) {
    return static_cast<int>((a + b - 1) / b);
}

}  // namespace

int DeploymentConfig::min_healthy(int desired) const {
    if (desired <= 0 || minimum_healthy_percent <= 0) return 0;
    return std::min(desired, ceil_div(1LL * desired * minimum_healthy_percent, 100));
}

int DeploymentConfig::max_total(int desired) const {
    if (desired <= 0) return 0;
    return std::max(desired, static_cast<int>(1LL * desired * maximum_percent / 100));
}

int DeploymentConfig::failure_threshold(int desired) const {
    if (threshold_type == "COUNT") return std::max(1, threshold_value);
    int percent = ceil_div(1LL * std::max(desired, 0) * std::max(threshold_value, 0), 100);
    if (threshold_type == "UNBOUNDED_PERCENT") return std::max(1, percent);
    return std::clamp(percent, 3, 200);
}

DeploymentConfig read_deployment_config(const model::Service& service) {
    DeploymentConfig cfg;
    if (service.scheduling_strategy == "DAEMON") {
        cfg.minimum_healthy_percent = 0;
        cfg.maximum_percent = 100;
    }
    const auto& doc = service.deployment_configuration;
    cfg.minimum_healthy_percent =
        int_member(doc, "minimumHealthyPercent", cfg.minimum_healthy_percent);
    cfg.maximum_percent = int_member(doc, "maximumPercent", cfg.maximum_percent);
    if (doc.is_object() && doc.contains("deploymentCircuitBreaker")) {
        const auto& breaker = doc["deploymentCircuitBreaker"];
        cfg.circuit_breaker = bool_member(breaker, "enable");
        cfg.rollback = cfg.circuit_breaker && bool_member(breaker, "rollback");
        if (breaker.is_object() && breaker.contains("thresholdConfiguration")) {
            const auto& threshold = breaker["thresholdConfiguration"];
            if (threshold.is_object() && threshold.contains("type") &&
                threshold["type"].is_string()) {
                cfg.threshold_type = threshold["type"].get<std::string>();
            }
            cfg.threshold_value = int_member(threshold, "value", cfg.threshold_value);
        }
    }
    return cfg;
}

bool uses_ecs_controller(const model::Service& service) {
    const auto& controller = service.deployment_controller;
    if (!controller.is_object() || !controller.contains("type")) return true;
    const auto& type = controller["type"];
    return !type.is_string() || type.get<std::string>() == "ECS";
}

}  // namespace berth::scheduler

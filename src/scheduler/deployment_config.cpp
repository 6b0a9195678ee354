#include "berth/scheduler/deployment_config.hpp"

#include <algorithm>

namespace berth::scheduler {

namespace {

int ceil_div(long long a, long long b) {
    return static_cast<int>((a + b - 1) / b);
}

}  // namespace

int min_healthy(const model::DeploymentConfiguration& config, int desired) {
    if (desired <= 0 || config.minimum_healthy_percent <= 0) return 0;
    return std::min(desired, ceil_div(1LL * desired * config.minimum_healthy_percent, 100));
}

int max_total(const model::DeploymentConfiguration& config, int desired) {
    if (desired <= 0) return 0;
    return std::max(desired, static_cast<int>(1LL * desired * config.maximum_percent / 100));
}

int failure_threshold(const model::DeploymentConfiguration& config, int desired) {
    const auto threshold = model::threshold_of(config.circuit_breaker);
    if (threshold.type == model::ThresholdType::count) return std::max(1, threshold.value);
    int percent = ceil_div(1LL * std::max(desired, 0) * std::max(threshold.value, 0), 100);
    if (threshold.type == model::ThresholdType::unbounded_percent) return std::max(1, percent);
    return std::clamp(percent, 3, 200);
}

bool rolls_back(const model::DeploymentConfiguration& config) {
    return config.circuit_breaker.enable && config.circuit_breaker.rollback;
}

bool uses_ecs_controller(const model::Service& service) {
    return service.deployment_controller == model::DeploymentControllerType::ecs;
}

}  // namespace berth::scheduler

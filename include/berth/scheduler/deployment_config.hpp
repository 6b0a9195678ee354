#pragma once
// A service's deploymentConfiguration (kept as ECS's JSON on the Service) read into numbers,
// with ECS's defaults, and the limits it puts on one service.
#include <string>

#include "berth/model/service.hpp"

namespace berth::scheduler {

struct DeploymentConfig {
    int minimum_healthy_percent = 100;  // REPLICA default; DAEMON: 0
    int maximum_percent = 200;          // REPLICA default; DAEMON: 100
    bool circuit_breaker = false;
    bool rollback = false;
    std::string threshold_type = "BOUNDED_PERCENT";  // COUNT | BOUNDED_PERCENT | UNBOUNDED_PERCENT
    int threshold_value = 50;

    // Healthy tasks the scheduler's stops must leave: ceil(desired × min / 100).
    int min_healthy(int desired) const;
    // Non-stopped tasks its starts may reach: floor(desired × max / 100), never below desired.
    int max_total(int desired) const;
    // Failed tasks that fail a deployment. BOUNDED_PERCENT: ceil(desired × value / 100)
    // within [3, 200]; UNBOUNDED_PERCENT: the same without bounds (at least 1); COUNT: value.
    int failure_threshold(int desired) const;
};

DeploymentConfig read_deployment_config(const model::Service& service);

// True for the ECS (rolling update) deployment controller, the only one the scheduler rolls.
bool uses_ecs_controller(const model::Service& service);

}  // namespace berth::scheduler

#pragma once
// The limits a service's deployment configuration (model/service_config.hpp, ECS's defaults
// already filled in) puts on one pass over the service.
#include "berth/model/service.hpp"

namespace berth::scheduler {

// Healthy tasks the scheduler's stops must leave: ceil(desired × min / 100).
int min_healthy(const model::DeploymentConfiguration& config, int desired);
// Non-stopped tasks its starts may reach: floor(desired × max / 100), never below desired.
int max_total(const model::DeploymentConfiguration& config, int desired);
// Failed tasks that fail a deployment. BOUNDED_PERCENT: ceil(desired × value / 100) within
// [3, 200]; UNBOUNDED_PERCENT: the same without bounds (at least 1); COUNT: value.
int failure_threshold(const model::DeploymentConfiguration& config, int desired);
// The circuit breaker rolls a failed deployment back.
bool rolls_back(const model::DeploymentConfiguration& config);

// True for the ECS (rolling update) deployment controller, the only one the scheduler rolls.
bool uses_ecs_controller(const model::Service& service);

}  // namespace berth::scheduler

#pragma once
// The checks and defaults CreateService and UpdateService share: service names, the
// deployment configuration with ECS's defaults, launch settings (launch type or capacity
// provider strategy, platform version), and the new deployments a change starts. Each throws as
// ECS does.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/model/store.hpp"

namespace berth::api::ecs {

// Up to 255 letters, numbers, hyphens and underscores.
void check_service_name(const std::string& name);

// A DAEMON service takes no desiredCount and no placementStrategy.
void check_daemon_rules(model::SchedulingStrategy scheduling_strategy, const nlohmann::json& input);
// desiredCount and healthCheckGracePeriodSeconds are not negative.
void check_counts(const nlohmann::json& input);

// The members CreateService and UpdateService both set and that need no new tasks: desired
// count, deployment configuration (over the service's, checked as ECS checks it), grace period,
// load balancers, registries, Service Connect, tag propagation, managed tags, execute command.
// The service's scheduling strategy and controller are already set.
void apply_service_settings(model::Service& next, const nlohmann::json& input);

// How a service's tasks are launched.
struct ServiceLaunch {
    std::optional<model::LaunchType> launch_type;  // as the service shows it; none: a strategy
    nlohmann::json capacity_provider_strategy = nlohmann::json::array();
    model::LaunchType task_launch_type = model::LaunchType::ec2;  // what the first task would be
    std::string platform_version;  // the service's ("LATEST" by default); "" unless Fargate
};

// CreateService: launchType, or capacityProviderStrategy, or the cluster's default strategy,
// or EC2; platformVersion only for Fargate.
ServiceLaunch read_launch(const nlohmann::json& input, const model::Cluster& cluster);
// UpdateService: the service's launch with the input's capacityProviderStrategy and
// platformVersion applied.
ServiceLaunch updated_launch(const nlohmann::json& input, const model::Service& service,
                             const model::Cluster& cluster);

// The task definition may run this way: compatibilities, network configuration (none when not
// given) and the DAEMON rules.
void check_service_launch(const model::TaskDefinition& td, const ServiceLaunch& launch,
                          const std::optional<model::NetworkConfiguration>& network,
                          model::SchedulingStrategy scheduling_strategy);

// A new deployment of the service as it stands (task definition, launch, network), with its
// id and ECS's "in progress" reason.
model::Deployment new_deployment(const model::Service& service, model::TimePoint now);

// The platform version a Fargate deployment reports for the service's ("LATEST" → current).
std::string deployment_platform_version(const std::string& service_platform_version);

}  // namespace berth::api::ecs

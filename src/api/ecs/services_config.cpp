#include "api/ecs/services_config.hpp"

#include <algorithm>

#include "api/ecs/request.hpp"
#include "api/ecs/tasks_launch.hpp"
#include "api/ecs/tasks_request.hpp"
#include "berth/model/arn.hpp"
#include "berth/model/task_factory.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/scheduler/deployment_config.hpp"
#include "berth/scheduler/messages.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
namespace errors = protocol::errors;

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

bool is_fargate_provider(const json& item) {
    return model::names_fargate(json::array({item}));
}

void check_percentages(const model::DeploymentConfiguration& config,
                       model::SchedulingStrategy scheduling_strategy) {
    const int min = config.minimum_healthy_percent;
    const int max = config.maximum_percent;
    const bool daemon = scheduling_strategy == model::SchedulingStrategy::daemon;
    if (min < 0 || min > 100) {
        throw errors::invalid_parameter(
            "Invalid minimumHealthyPercent: the value must be between 0 and 100.");
    }
    if (!daemon && max < 100) {
        throw errors::invalid_parameter(
            "Invalid maximumPercent: the value must be greater than or equal to 100.");
    }
    if (daemon && max != 100) {
        throw errors::invalid_parameter(
            "The maximumPercent of a service using the DAEMON scheduling strategy must be 100.");
    }
}

void check_circuit_breaker(const model::DeploymentCircuitBreaker& breaker, bool ecs_controller) {
    if (breaker.enable && !ecs_controller) {
        throw errors::invalid_parameter(
            "The deployment circuit breaker can only be used with the rolling update (ECS) "
            "deployment controller.");
    }
    if (!breaker.threshold) return;
    const auto [type, value] = *breaker.threshold;
    if (value < 1 || (type != model::ThresholdType::count && value > 100)) {
        throw errors::invalid_parameter(
            "Invalid deploymentCircuitBreaker threshold value for type " +
            std::string(model::to_string(type)) + ".");
    }
}

// The platform version asked for, or LATEST; only Fargate has one.
std::string platform_version(const json& input, model::LaunchType task_launch_type,
                             const std::string& current) {
    auto given = optional_string(input, "platformVersion");
    if (task_launch_type != model::LaunchType::fargate) {
        if (given) {
            throw errors::invalid_parameter(
                "The platform version must be null when specifying an " +
                std::string(model::to_string(task_launch_type)) + " launch type.");
        }
        return {};
    }
    if (given) return *given;
    return current.empty() ? "LATEST" : current;
}

}  // namespace

void check_service_name(const std::string& name) {
    if (name.empty() || name.size() > 255 || !std::all_of(name.begin(), name.end(), is_name_char)) {
        throw errors::invalid_parameter(
            "Service name can have up to 255 characters: letters (uppercase and lowercase), "
            "numbers, underscores and hyphens.");
    }
}

void check_daemon_rules(model::SchedulingStrategy scheduling_strategy, const json& input) {
    if (scheduling_strategy != model::SchedulingStrategy::daemon) return;
    if (has(input, "desiredCount")) {
        throw errors::invalid_parameter(
            "The daemon scheduling strategy does not support a desired count for services. "
            "Remove the desired count value and try again");
    }
    if (has(input, "placementStrategy") && !input["placementStrategy"].empty()) {
        throw errors::invalid_parameter(
            "The daemon scheduling strategy does not support placement strategies. Remove the "
            "placement strategy and try again");
    }
}

void check_counts(const json& input) {
    if (has(input, "desiredCount") && input["desiredCount"].get<int>() < 0) {
        throw errors::invalid_parameter("desiredCount must be greater than or equal to 0.");
    }
    if (has(input, "healthCheckGracePeriodSeconds") &&
        input["healthCheckGracePeriodSeconds"].get<int>() < 0) {
        throw errors::invalid_parameter(
            "healthCheckGracePeriodSeconds must be greater than or equal to 0.");
    }
}

void apply_service_settings(model::Service& next, const json& input) {
    if (has(input, "desiredCount")) next.desired_count = input["desiredCount"].get<int>();
    if (has(input, "deploymentConfiguration")) {
        next.deployment_configuration = model::read_deployment_configuration(
            input["deploymentConfiguration"], next.deployment_configuration);
    }
    check_percentages(next.deployment_configuration, next.scheduling_strategy);
    check_circuit_breaker(next.deployment_configuration.circuit_breaker,
                          scheduler::uses_ecs_controller(next));
    if (has(input, "healthCheckGracePeriodSeconds")) {
        next.health_check_grace_period_seconds = input["healthCheckGracePeriodSeconds"].get<int>();
    }
    if (has(input, "loadBalancers")) {
        next.load_balancers = model::read_load_balancers(input["loadBalancers"]);
    }
    if (has(input, "serviceRegistries")) {
        next.service_registries = model::read_service_registries(input["serviceRegistries"]);
    }
    if (has(input, "serviceConnectConfiguration")) {
        next.service_connect_configuration =
            model::read_service_connect(input["serviceConnectConfiguration"]);
    }
    if (auto v = optional_string(input, "propagateTags")) {
        next.propagate_tags = model::parse<model::PropagateTags>(*v).value_or(next.propagate_tags);
    }
    next.enable_ecs_managed_tags =
        optional_bool(input, "enableECSManagedTags", next.enable_ecs_managed_tags);
    next.enable_execute_command =
        optional_bool(input, "enableExecuteCommand", next.enable_execute_command);
}

ServiceLaunch read_launch(const json& input, const model::Cluster& cluster) {
    ServiceLaunch launch;
    const auto target = launch_targets(read_launch_choice(input), cluster, 1).front();
    launch.task_launch_type = target.launch_type;
    if (has(input, "launchType")) {
        launch.launch_type = target.launch_type;
    } else if (!target.capacity_provider.empty()) {
        launch.capacity_provider_strategy =
            has(input, "capacityProviderStrategy") && !input["capacityProviderStrategy"].empty()
                ? input["capacityProviderStrategy"]
                : cluster.default_capacity_provider_strategy;
    } else {
        launch.launch_type = model::LaunchType::ec2;
    }
    launch.platform_version = platform_version(input, launch.task_launch_type, "");
    return launch;
}

ServiceLaunch updated_launch(const json& input, const model::Service& service,
                             const model::Cluster& cluster) {
    ServiceLaunch launch;
    launch.launch_type = service.launch_type;
    launch.capacity_provider_strategy = service.capacity_provider_strategy;
    if (has(input, "capacityProviderStrategy") && !input["capacityProviderStrategy"].empty()) {
        // Checked against the cluster's providers the same way CreateService checks it.
        LaunchChoice choice;
        choice.strategy = read_capacity_provider_strategy(input["capacityProviderStrategy"]);
        launch_targets(choice, cluster, 1);
        launch.launch_type.reset();
        launch.capacity_provider_strategy = input["capacityProviderStrategy"];
    }
    launch.task_launch_type =
        model::task_launch_type(launch.launch_type, launch.capacity_provider_strategy);
    launch.platform_version =
        platform_version(input, launch.task_launch_type, service.platform_version);
    return launch;
}

void check_service_launch(const model::TaskDefinition& td, const ServiceLaunch& launch,
                          const std::optional<model::NetworkConfiguration>& network,
                          model::SchedulingStrategy scheduling_strategy) {
    if (scheduling_strategy == model::SchedulingStrategy::daemon) {
        if (!launch.capacity_provider_strategy.empty()) {
            throw errors::invalid_parameter(
                "Specifying a capacity provider strategy is not supported when you create a "
                "service using the DAEMON scheduling strategy.");
        }
        if (launch.task_launch_type == model::LaunchType::fargate) {
            throw errors::invalid_parameter(
                "The DAEMON scheduling strategy is not supported with the FARGATE launch type.");
        }
    }
    if (launch.capacity_provider_strategy.empty()) {
        check_compatibility(td, launch.task_launch_type);
    } else {
        for (const auto& item : launch.capacity_provider_strategy) {
            check_compatibility(td, is_fargate_provider(item) ? model::LaunchType::fargate
                                                              : model::LaunchType::ec2);
        }
    }
    check_network(td, network, launch.task_launch_type);
}

std::string deployment_platform_version(const std::string& service_platform_version) {
    if (service_platform_version.empty()) return {};
    if (service_platform_version == "LATEST") return model::k_fargate_latest_platform_version;
    return service_platform_version;
}

model::Deployment new_deployment(const model::Service& service, model::TimePoint now) {
    model::Deployment d;
    d.id = model::new_deployment_id();
    d.status = model::DeploymentStatus::primary;
    d.task_definition_arn = service.task_definition_arn;
    d.desired_count = service.desired_count;
    d.launch_type = service.launch_type;
    d.capacity_provider_strategy = service.capacity_provider_strategy;
    d.platform_version = deployment_platform_version(service.platform_version);
    d.network_configuration = service.network_configuration;
    d.service_connect_configuration = service.service_connect_configuration;
    d.service_connect_endpoints = service.service_connect_endpoints;
    d.rollout_state = model::RolloutState::in_progress;
    d.rollout_state_reason = scheduler::messages::rollout_in_progress(d.id);
    d.created_at = d.updated_at = now;
    return d;
}

}  // namespace berth::api::ecs

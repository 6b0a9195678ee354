#include "api/ecs/services_config.hpp"

#include <algorithm>

#include "api/ecs/request.hpp"
#include "api/ecs/tasks_launch.hpp"
#include "berth/model/arn.hpp"
#include "berth/model/task_factory.hpp"
#include "berth/protocol/aws_error.hpp"
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
    auto name = item.value("capacityProvider", std::string{});
    return name == "FARGATE" || name == "FARGATE_SPOT";
}

bool names_fargate(const json& strategy) {
    return strategy.is_array() &&
           std::any_of(strategy.begin(), strategy.end(), is_fargate_provider);
}

void check_percentages(const json& config, const std::string& scheduling_strategy) {
    const int min = config["minimumHealthyPercent"].get<int>();
    const int max = config["maximumPercent"].get<int>();
    if (min < 0 || min > 100) {
        throw errors::invalid_parameter(
            "Invalid minimumHealthyPercent: the value must be between 0 and 100.");
    }
    if (scheduling_strategy == "REPLICA" && max < 100) {
        throw errors::invalid_parameter(
            "Invalid maximumPercent: the value must be greater than or equal to 100.");
    }
    if (scheduling_strategy == "DAEMON" && max != 100) {
        throw errors::invalid_parameter(
            "The maximumPercent of a service using the DAEMON scheduling strategy must be 100.");
    }
}

void check_circuit_breaker(const json& breaker) {
    if (!breaker.contains("thresholdConfiguration")) return;
    const auto& threshold = breaker["thresholdConfiguration"];
    const auto type = threshold.value("type", std::string("BOUNDED_PERCENT"));
    const int value = threshold.value("value", 50);
    if (value < 1 || ((type == "BOUNDED_PERCENT" || type == "UNBOUNDED_PERCENT") && value > 100)) {
        throw errors::invalid_parameter(
            "Invalid deploymentCircuitBreaker threshold value for type " + type + ".");
    }
}

// The platform version asked for, or LATEST; only Fargate has one.
std::string platform_version(const json& input, const std::string& task_launch_type,
                             const std::string& current) {
    auto given = optional_string(input, "platformVersion");
    if (task_launch_type != "FARGATE") {
        if (given) {
            throw errors::invalid_parameter(
                "The platform version must be null when specifying an " + task_launch_type +
                " launch type.");
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

json deployment_configuration(const json& given, const json& current,
                              const std::string& scheduling_strategy, bool ecs_controller) {
    const bool daemon = scheduling_strategy == "DAEMON";
    json out{{"deploymentCircuitBreaker", {{"enable", false}, {"rollback", false}}},
             {"maximumPercent", daemon ? 100 : 200},
             {"minimumHealthyPercent", daemon ? 0 : 100}};
    for (const json* layer : {&current, &given}) {
        if (!layer->is_object()) continue;
        for (const auto& [key, value] : layer->items()) {
            if (!value.is_null()) out[key] = value;
        }
    }
    check_percentages(out, scheduling_strategy);
    const auto& breaker = out["deploymentCircuitBreaker"];
    if (breaker.value("enable", false) && !ecs_controller) {
        throw errors::invalid_parameter(
            "The deployment circuit breaker can only be used with the rolling update (ECS) "
            "deployment controller.");
    }
    check_circuit_breaker(breaker);
    return out;
}

ServiceLaunch read_launch(const json& input, const model::Cluster& cluster) {
    ServiceLaunch launch;
    const auto target = launch_targets(input, cluster, 1).front();
    launch.task_launch_type = target.launch_type;
    if (has(input, "launchType")) {
        launch.launch_type = input["launchType"].get<std::string>();
    } else if (!target.capacity_provider.empty()) {
        launch.capacity_provider_strategy =
            has(input, "capacityProviderStrategy") && !input["capacityProviderStrategy"].empty()
                ? input["capacityProviderStrategy"]
                : cluster.default_capacity_provider_strategy;
    } else {
        launch.launch_type = "EC2";
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
        launch_targets(json{{"capacityProviderStrategy", input["capacityProviderStrategy"]}},
                       cluster, 1);
        launch.launch_type.clear();
        launch.capacity_provider_strategy = input["capacityProviderStrategy"];
    }
    if (!launch.launch_type.empty()) {
        launch.task_launch_type = launch.launch_type;
    } else {
        launch.task_launch_type =
            names_fargate(launch.capacity_provider_strategy) ? "FARGATE" : "EC2";
    }
    launch.platform_version =
        platform_version(input, launch.task_launch_type, service.platform_version);
    return launch;
}

void check_service_launch(const model::TaskDefinition& td, const ServiceLaunch& launch,
                          const json& network_configuration,
                          const std::string& scheduling_strategy) {
    if (scheduling_strategy == "DAEMON") {
        if (!launch.capacity_provider_strategy.empty()) {
            throw errors::invalid_parameter(
                "Specifying a capacity provider strategy is not supported when you create a "
                "service using the DAEMON scheduling strategy.");
        }
        if (launch.task_launch_type == "FARGATE") {
            throw errors::invalid_parameter(
                "The DAEMON scheduling strategy is not supported with the FARGATE launch type.");
        }
    }
    if (launch.capacity_provider_strategy.empty()) {
        check_compatibility(td, launch.task_launch_type);
    } else {
        for (const auto& item : launch.capacity_provider_strategy) {
            check_compatibility(td, is_fargate_provider(item) ? "FARGATE" : "EC2");
        }
    }
    json input = json::object();
    if (!network_configuration.is_null()) input["networkConfiguration"] = network_configuration;
    check_network_configuration(td, input, launch.task_launch_type);
}

std::string deployment_platform_version(const std::string& service_platform_version) {
    if (service_platform_version.empty()) return {};
    if (service_platform_version == "LATEST") return model::k_fargate_latest_platform_version;
    return service_platform_version;
}

model::Deployment new_deployment(const model::Service& service, model::TimePoint now) {
    model::Deployment d;
    d.id = model::new_deployment_id();
    d.status = "PRIMARY";
    d.task_definition_arn = service.task_definition_arn;
    d.desired_count = service.desired_count;
    d.launch_type = service.launch_type;
    d.capacity_provider_strategy = service.capacity_provider_strategy;
    d.platform_version = deployment_platform_version(service.platform_version);
    d.network_configuration = service.network_configuration;
    d.rollout_state = "IN_PROGRESS";
    d.rollout_state_reason = scheduler::messages::rollout_in_progress(d.id);
    d.created_at = d.updated_at = now;
    return d;
}

}  // namespace berth::api::ecs

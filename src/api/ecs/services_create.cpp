// CreateService: validate, then record the service and its first deployment (PRIMARY,
// IN_PROGRESS). The answer comes at once with no tasks yet; the service controller starts them.
#include <chrono>
#include <string>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/services.hpp"
#include "api/ecs/services_config.hpp"
#include "api/ecs/services_serialize.hpp"
#include "api/ecs/tagging.hpp"
#include "api/ecs/task_placement.hpp"
#include "api/ecs/tasks_launch.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

constexpr std::size_t k_max_client_token = 36;
// How long a clientToken answers with the service it created.
constexpr auto k_token_ttl = std::chrono::hours(24);

json list_or_empty(const json& input, const char* member) {
    return has(input, member) ? input[member] : json::array();
}

// --- clientToken idempotency -----------------------------------------------------------------

std::string token_key(const std::string& cluster, const std::string& token) {
    return "CreateService/" + cluster + "/" + token;
}

json without_token(json input) {
    input.erase("clientToken");
    return input;
}

// The first answer to this token when the same request comes again within the day.
std::optional<json> replay(const model::Partition& p, const std::string& cluster,
                           const std::string& token, const json& input, model::TimePoint now) {
    auto it = p.idempotency.find(token_key(cluster, token));
    if (it == p.idempotency.end()) return std::nullopt;
    if (it->second.value("at", 0.0) < model::to_epoch_seconds(now - k_token_ttl)) {
        return std::nullopt;
    }
    if (it->second["request"] != without_token(input)) {
        throw errors::invalid_parameter("Creation of service was not idempotent.");
    }
    return it->second["response"];
}

// --- the service -----------------------------------------------------------------------------

struct Settings {
    std::string name;
    std::string scheduling_strategy;
    json deployment_controller;
    int desired_count = 0;
};

Settings read_settings(const json& input) {
    Settings s;
    s.name = input["serviceName"].get<std::string>();
    check_service_name(s.name);
    s.scheduling_strategy = optional_string(input, "schedulingStrategy").value_or("REPLICA");
    s.deployment_controller =
        has(input, "deploymentController") ? input["deploymentController"] : json{{"type", "ECS"}};
    if (s.scheduling_strategy == "DAEMON") {
        if (has(input, "desiredCount")) {
            throw errors::invalid_parameter(
                "The daemon scheduling strategy does not support a desired count for services. "
                "Remove the desired count value and try again");
        }
        if (has(input, "placementStrategy") && !input["placementStrategy"].empty()) {
            throw errors::invalid_parameter(
                "The daemon scheduling strategy does not support placement strategies. Remove "
                "the placement strategy and try again");
        }
    }
    s.desired_count = input.value("desiredCount", 0);
    if (s.desired_count < 0) {
        throw errors::invalid_parameter("desiredCount must be greater than or equal to 0.");
    }
    if (has(input, "healthCheckGracePeriodSeconds") &&
        input["healthCheckGracePeriodSeconds"].get<int>() < 0) {
        throw errors::invalid_parameter(
            "healthCheckGracePeriodSeconds must be greater than or equal to 0.");
    }
    return s;
}

std::string role_arn(const RequestContext& ctx, const json& input) {
    auto role = optional_string(input, "role");
    if (!role || role->empty()) return service_linked_role_arn(ctx.account);
    if (model::looks_like_arn(*role)) return *role;
    return "arn:aws:iam::" + ctx.account + ":role/" + *role;
}

bool ecs_controller(const json& controller) {
    return controller.value("type", std::string("ECS")) == "ECS";
}

model::Service build_service(const RequestContext& ctx, const model::Partition& p,
                             const model::Cluster& cluster, const Settings& settings,
                             const json& input, model::TimePoint now) {
    const bool ecs = ecs_controller(settings.deployment_controller);
    model::Service s;
    s.name = settings.name;
    s.arn = model::service_arn(p.key, cluster.name, settings.name);
    s.cluster_name = cluster.name;
    s.cluster_arn = cluster.arn;
    s.scheduling_strategy = settings.scheduling_strategy;
    s.deployment_controller = settings.deployment_controller;
    s.desired_count = settings.desired_count;

    const model::TaskDefinition* td = nullptr;
    if (has(input, "taskDefinition")) {
        td = &runnable_task_definition(p, input);
        s.task_definition_arn = td->arn;
    } else if (settings.deployment_controller.value("type", "") != "EXTERNAL") {
        throw errors::invalid_parameter(
            "A task definition must be specified for a service that uses the " +
            settings.deployment_controller.value("type", std::string("ECS")) +
            " deployment controller.");
    }
    auto launch = read_launch(input, cluster);
    s.network_configuration =
        has(input, "networkConfiguration") ? input["networkConfiguration"] : json();
    if (td) check_service_launch(*td, launch, s.network_configuration, s.scheduling_strategy);
    s.launch_type = launch.launch_type;
    s.capacity_provider_strategy = launch.capacity_provider_strategy;
    s.platform_version = launch.platform_version;

    s.placement_constraints = list_or_empty(input, "placementConstraints");
    s.placement_strategy = list_or_empty(input, "placementStrategy");
    validate_placement(s.placement_constraints, s.placement_strategy);
    s.deployment_configuration = deployment_configuration(
        has(input, "deploymentConfiguration") ? input["deploymentConfiguration"] : json(), json(),
        s.scheduling_strategy, ecs);
    s.load_balancers = list_or_empty(input, "loadBalancers");
    s.service_registries = list_or_empty(input, "serviceRegistries");
    if (has(input, "healthCheckGracePeriodSeconds")) {
        s.health_check_grace_period_seconds = input["healthCheckGracePeriodSeconds"].get<int>();
    }
    s.propagate_tags = optional_string(input, "propagateTags").value_or("NONE");
    s.enable_ecs_managed_tags = optional_bool(input, "enableECSManagedTags", false);
    s.enable_execute_command = optional_bool(input, "enableExecuteCommand", false);
    if (has(input, "serviceConnectConfiguration")) {
        s.service_connect_configuration = input["serviceConnectConfiguration"];
    }
    s.role_arn = role_arn(ctx, input);
    s.created_by = caller_principal(ctx);
    s.tags = read_tags_member(input);
    s.created_at = now;
    // CODE_DEPLOY and EXTERNAL services get their tasks from task sets, which Berth does not
    // run: they have no deployment of their own.
    if (ecs) s.deployments.push_back(new_deployment(s, now));
    return s;
}

}  // namespace

json create_service(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster_name = cluster_name_from_input(key, input);
    const auto settings = read_settings(input);
    const auto token = optional_string(input, "clientToken");
    if (token && token->size() > k_max_client_token) {
        throw errors::invalid_parameter("clientToken can have at most 36 characters.");
    }
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        const auto& cluster = require_active_cluster(p, cluster_name);
        if (token) {
            if (auto prior = replay(p, cluster_name, *token, input, now)) return *prior;
        }
        auto service = build_service(ctx, p, cluster, settings, input, now);
        if (auto it = p.services.find(service.arn);
            it != p.services.end() && it->second.status != "INACTIVE") {
            throw errors::invalid_parameter("Creation of service was not idempotent.");
        }
        service.seq = p.take_seq();
        json out{{"service", service_json(service, !service.tags.empty())}};
        p.services[service.arn] = std::move(service);
        if (token) {
            p.idempotency[token_key(cluster_name, *token)] = {{"request", without_token(input)},
                                                              {"response", out},
                                                              {"at", model::to_epoch_seconds(now)}};
        }
        return out;
    });
}

}  // namespace berth::api::ecs

// CreateService: validate, then record the service and its first deployment (PRIMARY,
// IN_PROGRESS). The answer comes at once with no tasks yet; the service controller starts them.
#include <chrono>
#include <string>

#include "api/ecs/handlers.hpp"
#include "api/ecs/idempotency.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/service_connect.hpp"
#include "api/ecs/service_registries.hpp"
#include "api/ecs/services.hpp"
#include "api/ecs/services_config.hpp"
#include "api/ecs/services_load_balancers.hpp"
#include "api/ecs/services_serialize.hpp"
#include "api/ecs/tagging.hpp"
#include "api/ecs/task_placement.hpp"
#include "api/ecs/tasks_launch.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/scheduler/deployment_config.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

constexpr const char* k_not_idempotent = "Creation of service was not idempotent.";

// --- the service -----------------------------------------------------------------------------

// What CreateService can check before it looks at the Store.
struct Settings {
    std::string name;
    model::SchedulingStrategy scheduling_strategy = model::SchedulingStrategy::replica;
    model::DeploymentControllerType deployment_controller = model::DeploymentControllerType::ecs;
};

Settings read_settings(const json& input) {
    Settings s;
    s.name = input["serviceName"].get<std::string>();
    check_service_name(s.name);
    if (auto strategy = optional_string(input, "schedulingStrategy")) {
        s.scheduling_strategy = model::parse<model::SchedulingStrategy>(*strategy).value_or(
            model::SchedulingStrategy::replica);
    }
    if (has(input, "deploymentController")) {
        s.deployment_controller = model::read_deployment_controller(input["deploymentController"]);
    }
    check_daemon_rules(s.scheduling_strategy, input);
    // ECS: "the EXTERNAL deployment controller type does not support the DAEMON scheduling
    // strategy".
    if (s.scheduling_strategy == model::SchedulingStrategy::daemon &&
        s.deployment_controller == model::DeploymentControllerType::external) {
        throw errors::invalid_parameter(
            "The DAEMON scheduling strategy is not supported with the EXTERNAL deployment "
            "controller.");  // (guess)
    }
    check_counts(input);
    return s;
}

std::string role_arn(const RequestContext& ctx, const json& input) {
    auto role = optional_string(input, "role");
    if (!role || role->empty()) return service_linked_role_arn(ctx.account);
    if (model::looks_like_arn(*role)) return *role;
    return "arn:aws:iam::" + ctx.account + ":role/" + *role;
}

model::Service build_service(const RequestContext& ctx, const model::Partition& p,
                             const model::Cluster& cluster, const Settings& settings,
                             const TargetGroupFactsByArn& target_groups, const json& input,
                             model::TimePoint now) {
    model::Service s;
    s.name = settings.name;
    s.arn = model::service_arn(p.key, cluster.name, settings.name);
    s.cluster_name = cluster.name;
    s.cluster_arn = cluster.arn;
    s.scheduling_strategy = settings.scheduling_strategy;
    s.deployment_controller = settings.deployment_controller;

    const model::TaskDefinition* td = nullptr;
    if (has(input, "taskDefinition")) {
        td = &runnable_task_definition(p, input);
        s.task_definition_arn = td->arn;
    } else if (s.deployment_controller != model::DeploymentControllerType::external) {
        throw errors::invalid_parameter(
            "A task definition must be specified for a service that uses the " +
            std::string(model::to_string(s.deployment_controller)) + " deployment controller.");
    }
    auto launch = read_launch(input, cluster);
    s.network_configuration =
        model::read_network_configuration(member_or_null(input, "networkConfiguration"));
    if (td) check_service_launch(*td, launch, s.network_configuration, s.scheduling_strategy);
    s.launch_type = launch.launch_type;
    s.capacity_provider_strategy = launch.capacity_provider_strategy;
    s.platform_version = launch.platform_version;

    auto placement = read_service_placement(member_or_null(input, "placementConstraints"),
                                            member_or_null(input, "placementStrategy"));
    s.placement_constraints = std::move(placement.constraints);
    s.placement_strategy = std::move(placement.strategies);
    s.deployment_configuration = model::default_deployment_configuration(s.scheduling_strategy);
    s.propagate_tags = model::PropagateTags::none;
    apply_service_settings(s, input);
    if (td) check_load_balancers(s.load_balancers, target_groups, *td->body);
    s.role_arn = role_arn(ctx, input);
    s.created_by = caller_principal(ctx);
    s.tags = read_tags_member(input);
    s.created_at = now;
    return s;
}

}  // namespace

json create_service(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster_name = cluster_name_from_input(key, input);
    const auto settings = read_settings(input);
    const auto token = read_client_token(input);
    const auto now = env.now();
    // Read before the Store's lock: the load balancer store has its own.
    const auto target_groups = read_target_groups(env, key, input);
    return env.store.write(key, [&](model::Partition& p) {
        const auto& cluster = require_active_cluster(p, cluster_name);
        if (token) {
            const auto conflict = errors::invalid_parameter(k_not_idempotent);
            if (auto prior =
                    replay(p, {"CreateService", cluster_name, *token}, input, now, conflict)) {
                return *prior;
            }
        }
        auto service = build_service(ctx, p, cluster, settings, target_groups, input, now);
        check_service_registries(env, service.service_registries, service.task_definition_arn, p);
        if (auto it = p.services.find(service.arn);
            it != p.services.end() && it->second.status != model::ServiceStatus::inactive) {
            throw errors::invalid_parameter("Creation of service was not idempotent.");
        }
        resolve_service_connect(env, service, p, cluster);
        // CODE_DEPLOY and EXTERNAL services get their tasks from task sets, which Berth does not
        // run: they have no deployment of their own.
        if (scheduler::uses_ecs_controller(service)) {
            service.deployments.push_back(new_deployment(service, now));
        }
        service.seq = p.take_seq();
        json out{{"service", service_json(service, !service.tags.empty())}};
        p.services[service.arn] = std::move(service);
        if (token) {
            remember(p, {"CreateService", cluster_name, *token}, input, out, now);
        }
        return out;
    });
}

}  // namespace berth::api::ecs

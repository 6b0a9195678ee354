// UpdateService: desired count, deployment configuration and the settings of new tasks. A
// change to what the tasks run (task definition, launch, network, placement) or
// forceNewDeployment starts a new PRIMARY deployment; the old primary becomes ACTIVE and the
// scheduler rolls its tasks over within the deployment configuration.
#include <string>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/service_connect.hpp"
#include "api/ecs/services.hpp"
#include "api/ecs/services_config.hpp"
#include "api/ecs/services_load_balancers.hpp"
#include "api/ecs/services_serialize.hpp"
#include "api/ecs/task_placement.hpp"
#include "api/ecs/task_sets.hpp"
#include "api/ecs/tasks_launch.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/scheduler/deployment_config.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

// Services of the CODE_DEPLOY and EXTERNAL controllers change their tasks through their
// controller (task sets), not through UpdateService.
void check_controller_rules(const model::Service& s, const json& input) {
    if (scheduler::uses_ecs_controller(s)) return;
    const std::string type(model::to_string(s.deployment_controller));
    if (has(input, "taskDefinition")) {
        throw errors::invalid_parameter("Unable to update task definition on services with a " +
                                        type + " deployment controller.");
    }
    if (optional_bool(input, "forceNewDeployment", false)) {
        throw errors::invalid_parameter("Unable to force a new deployment on services with a " +
                                        type + " deployment controller.");
    }
    // ECS: "If the network configuration, platform version, task definition, or load balancer
    // need to be updated, create a new" task set (deployment).
    for (const char* member : {"networkConfiguration", "platformVersion", "loadBalancers",
                               "capacityProviderStrategy", "serviceRegistries"}) {
        if (has(input, member)) {
            throw errors::invalid_parameter("Unable to update " + std::string(member) +
                                            " on services with a " + type +
                                            " deployment controller.");  // (guess)
        }
    }
}

// The service's current task definition, whatever its status (a deregistered revision keeps
// running its service until the service moves to another one).
const model::TaskDefinition* current_task_definition(const model::Partition& p,
                                                     const model::Service& s) {
    if (s.task_definition_arn.empty()) return nullptr;
    return find_task_definition(p, parse_task_definition_ref(p.key, s.task_definition_arn));
}

// Applies placementConstraints and placementStrategy when given (a member left out keeps the
// service's, which was checked when it was set); true when either changed.
bool apply_placement(model::Service& next, const json& input) {
    const auto& constraints = member_or_null(input, "placementConstraints");
    const auto& strategy = member_or_null(input, "placementStrategy");
    auto placement = read_service_placement(constraints, strategy);
    bool changed = false;
    if (!constraints.is_null()) {
        changed |=
            model::to_json(placement.constraints) != model::to_json(next.placement_constraints);
        next.placement_constraints = std::move(placement.constraints);
    }
    if (!strategy.is_null()) {
        changed |= model::to_json(placement.strategies) != model::to_json(next.placement_strategy);
        next.placement_strategy = std::move(placement.strategies);
    }
    return changed;
}

// Applies the members that change what new tasks run; true when that needs a new deployment.
bool apply_task_settings(const model::Partition& p, const model::Cluster& cluster,
                         model::Service& next, const json& input) {
    bool changed = false;
    const model::TaskDefinition* td = current_task_definition(p, next);
    if (has(input, "taskDefinition")) {
        td = &runnable_task_definition(p, input);
        changed |= td->arn != next.task_definition_arn;
        next.task_definition_arn = td->arn;
    }
    auto launch = updated_launch(input, next, cluster);
    changed |= launch.launch_type != next.launch_type ||
               launch.capacity_provider_strategy != next.capacity_provider_strategy ||
               launch.platform_version != next.platform_version;
    next.launch_type = launch.launch_type;
    next.capacity_provider_strategy = launch.capacity_provider_strategy;
    next.platform_version = launch.platform_version;
    if (has(input, "networkConfiguration")) {
        auto network = model::read_network_configuration(input["networkConfiguration"]);
        changed |= network != next.network_configuration;
        next.network_configuration = std::move(network);
    }
    changed |= apply_placement(next, input);
    if (changed && td) {
        check_service_launch(*td, launch, next.network_configuration, next.scheduling_strategy);
    }
    return changed;
}

void start_deployment(model::Service& s, model::TimePoint now) {
    for (auto& d : s.deployments) {
        if (d.status == model::DeploymentStatus::primary) {
            d.status = model::DeploymentStatus::active;
            d.updated_at = now;
        }
    }
    s.deployments.insert(s.deployments.begin(), new_deployment(s, now));
}

}  // namespace

json update_service(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = read_service_ref(key, input, "service");
    check_counts(input);
    const auto now = env.now();
    // Read before the Store's lock: the load balancer store has its own.
    const auto current = env.store.read(key, [&](const model::Partition& p) {
        const auto* s = find_service(p, ref);
        return s ? s->load_balancers : std::vector<model::LoadBalancer>{};
    });
    const auto target_groups = read_target_groups(env, key, input, current);
    return env.store.write(key, [&](model::Partition& p) {
        const auto& cluster = require_active_cluster(p, ref.cluster);
        auto& service = require_active_service(p, ref);
        check_daemon_rules(service.scheduling_strategy, input);
        check_controller_rules(service, input);
        // Every check runs on a copy: a refused update changes nothing.
        model::Service next = service;
        bool redeploy = apply_task_settings(p, cluster, next, input);
        redeploy |= optional_bool(input, "forceNewDeployment", false);
        apply_service_settings(next, input);
        // A new configuration, or a new task definition whose port names it must match.
        if (has(input, "serviceConnectConfiguration") || redeploy) {
            resolve_service_connect(env, next, p, cluster);
            redeploy |= next.service_connect_endpoints != service.service_connect_endpoints ||
                        has(input, "serviceConnectConfiguration");
        }
        // ECS starts a new deployment when the load balancers change.
        const bool new_load_balancers =
            model::to_json(next.load_balancers) != model::to_json(service.load_balancers);
        if ((redeploy || new_load_balancers) && !next.load_balancers.empty()) {
            if (const auto* td = current_task_definition(p, next)) {
                check_load_balancers(next.load_balancers, target_groups, *td->body);
            }
        }
        redeploy |= new_load_balancers;
        if (redeploy && scheduler::uses_ecs_controller(next)) {
            start_deployment(next, now);
        } else if (auto* primary = primary_deployment(next);
                   primary && next.scheduling_strategy != model::SchedulingStrategy::daemon &&
                   primary->desired_count != next.desired_count) {
            primary->desired_count = next.desired_count;
            primary->updated_at = now;
        }
        rescale_task_sets(next, now);
        service = std::move(next);
        return json{{"service", service_json(service, !service.tags.empty())}};
    });
}

}  // namespace berth::api::ecs

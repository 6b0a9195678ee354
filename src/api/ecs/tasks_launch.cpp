#include "api/ecs/tasks_launch.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "berth/model/capacity_provider.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
namespace errors = protocol::errors;

void check_strategy(const std::vector<CapacityProviderItem>& items, const model::Cluster& cluster) {
    int bases = 0;
    for (const auto& item : items) {
        const auto& known = cluster.capacity_providers;
        if (std::find(known.begin(), known.end(), item.provider) == known.end()) {
            throw errors::invalid_parameter(
                "The specified capacity provider strategy cannot contain a capacity provider "
                "that is not associated with the cluster. Associate the capacity provider with "
                "the cluster or specify a valid capacity provider and try again.");
        }
        if (item.base > 0) ++bases;
    }
    if (bases > 1) {
        throw errors::invalid_parameter(
            "Only one capacity provider in a capacity provider strategy can have a base "
            "defined.");
    }
}

// ECS's split of tasks over a strategy: the `base` first, then the rest in proportion to the
// weights (a provider of weight 0 gets none of those).
std::vector<std::string> distribute(const std::vector<CapacityProviderItem>& items,
                                    std::size_t count) {
    std::vector<std::string> out;
    std::vector<int> given(items.size(), 0);
    for (std::size_t i = 0; i < items.size(); ++i) {
        for (int b = 0; b < items[i].base && out.size() < count; ++b)
            out.push_back(items[i].provider);
    }
    while (out.size() < count) {
        std::optional<std::size_t> pick;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].weight <= 0) continue;
            // Lowest (given + 1) / weight first, compared without division.
            if (!pick || static_cast<long>(given[i] + 1) * items[*pick].weight <
                             static_cast<long>(given[*pick] + 1) * items[i].weight) {
                pick = i;
            }
        }
        if (!pick) pick = 0;  // all weights 0: everything goes to the first provider
        ++given[*pick];
        out.push_back(items[*pick].provider);
    }
    return out;
}

}  // namespace

const model::TaskDefinition& runnable_task_definition(const model::Partition& p,
                                                      const TaskDefinitionRef& ref) {
    const auto* td = find_task_definition(p, ref);
    if (!td) throw errors::client("TaskDefinition not found.");
    if (td->status != model::TaskDefinitionStatus::active)
        throw errors::invalid_parameter("TaskDefinition is inactive");
    return *td;
}

const model::TaskDefinition& runnable_task_definition(const model::Partition& p,
                                                      const json& input) {
    return runnable_task_definition(
        p, parse_task_definition_ref(p.key, input["taskDefinition"].get<std::string>()));
}

std::vector<LaunchTarget> launch_targets(const LaunchChoice& choice, const model::Cluster& cluster,
                                         std::size_t count) {
    if (choice.launch_type && !choice.strategy.empty()) {
        throw errors::invalid_parameter(
            "Specifying both a launch type and capacity provider strategy is not supported. "
            "Remove one and try again.");
    }
    if (choice.launch_type) {
        if (*choice.launch_type == model::LaunchType::managed_instances) {
            throw errors::unsupported("Berth does not support the MANAGED_INSTANCES launch type.");
        }
        return std::vector<LaunchTarget>(count, LaunchTarget{*choice.launch_type, ""});
    }
    const auto strategy =
        choice.strategy.empty()
            ? read_capacity_provider_strategy(cluster.default_capacity_provider_strategy)
            : choice.strategy;
    if (strategy.empty())
        return std::vector<LaunchTarget>(count, LaunchTarget{model::LaunchType::ec2, ""});
    check_strategy(strategy, cluster);
    std::vector<LaunchTarget> out;
    for (auto& provider : distribute(strategy, count)) {
        auto type = model::is_fargate_capacity_provider(provider) ? model::LaunchType::fargate
                                                                  : model::LaunchType::ec2;
        out.push_back({type, std::move(provider)});
    }
    return out;
}

void check_compatibility(const model::TaskDefinition& td, model::LaunchType launch_type) {
    if (!td.body->compatible_with(launch_type)) {
        throw errors::invalid_parameter("Task definition does not support launch_type " +
                                        std::string(model::to_string(launch_type)) + ".");
    }
}

void check_network(const model::TaskDefinition& td,
                   const std::optional<model::NetworkConfiguration>& network,
                   model::LaunchType launch_type) {
    const auto* given = network && network->awsvpc ? &*network->awsvpc : nullptr;
    if (td.body->network_mode_or_default() != model::NetworkMode::awsvpc) {
        if (given) {
            throw errors::invalid_parameter(
                "Network Configuration is not valid for the given networkMode of this task "
                "definition.");
        }
        return;
    }
    if (!given) {
        throw errors::invalid_parameter(
            "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    }
    const auto& awsvpc = *given;
    if (awsvpc.subnets.empty()) throw errors::invalid_parameter("subnets can not be empty.");
    if (awsvpc.subnets.size() > 16) {
        throw errors::invalid_parameter("subnets can have at most 16 items.");
    }
    if (awsvpc.security_groups.size() > 5) {
        throw errors::invalid_parameter("securityGroups can have at most 5 items.");
    }
    if (launch_type != model::LaunchType::fargate && awsvpc.public_ip()) {
        throw errors::invalid_parameter("Assign public IP is not supported for this launch type.");
    }
}

void check_overrides(const model::TaskDefinition& td, const TaskOverrides& overrides) {
    for (const auto& name : overrides.container_names) {
        if (name.empty()) {
            throw errors::invalid_parameter("Container Overrides must specify a container name.");
        }
        if (!td.body->container(name)) {
            throw errors::invalid_parameter("Override for container named " + name +
                                            " is not a container in the TaskDefinition.");
        }
    }
}

void check_launch(const model::TaskDefinition& td, const LaunchRequest& request,
                  const std::vector<LaunchTarget>& targets) {
    std::set<model::LaunchType> types;
    for (const auto& t : targets) types.insert(t.launch_type);
    for (const auto& type : types) check_compatibility(td, type);
    const auto& first = targets.front().launch_type;
    check_network(td, request.network, first);
    check_overrides(td, request.overrides);
    if (const auto& version = request.launch.platform_version) {
        if (first != model::LaunchType::fargate) {
            throw errors::invalid_parameter(
                "The platform version must be null when specifying an " +
                std::string(model::to_string(first)) + " launch type.");
        }
        // The Linux platform versions Fargate still runs.
        static const std::set<std::string> k_known{"LATEST", "1.4.0", "1.3.0"};
        if (!k_known.contains(*version)) {
            throw protocol::AwsError("PlatformUnknownException",
                                     "The specified platform version does not exist.");
        }
    }
    if (!request.placement.error.empty()) {
        throw errors::invalid_parameter(request.placement.error);
    }
    // ECS's limit of 10 counts the task definition's constraints with the request's.
    if (request.placement.constraints.size() + td.body->placement_constraints.size() >
        model::k_max_placement_constraints) {
        throw errors::invalid_parameter(std::string(model::k_too_many_placement_constraints));
    }
}

model::TaskLaunch launch_template(const LaunchRequest& request, const model::TaskDefinition& td,
                                  model::TimePoint now) {
    model::TaskLaunch l;
    l.overrides = request.overrides.doc;
    l.network_configuration = request.network;
    l.started_by = request.started_by.value_or("");
    l.group = request.group.value_or("family:" + td.family);
    l.tags = request.tags;
    l.propagate_tags = request.propagate_tags;
    l.enable_ecs_managed_tags = request.enable_ecs_managed_tags;
    l.enable_execute_command = request.enable_execute_command;
    l.platform_version = request.launch.platform_version.value_or("");
    if (request.launch.launch_type) l.launch_type = *request.launch.launch_type;
    l.now = now;
    return l;
}

}  // namespace berth::api::ecs

#include "api/ecs/tasks_launch.hpp"

#include <algorithm>
#include <optional>

#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/tagging.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
namespace errors = protocol::errors;

bool is_fargate_provider(const std::string& name) {
    return name == "FARGATE" || name == "FARGATE_SPOT";
}

struct StrategyItem {
    std::string provider;
    int weight = 0;
    int base = 0;
};

std::vector<StrategyItem> read_strategy(const json& strategy, const model::Cluster& cluster) {
    std::vector<StrategyItem> items;
    int bases = 0;
    for (const auto& s : strategy) {
        StrategyItem item{s.value("capacityProvider", ""), s.value("weight", 0),
                          s.value("base", 0)};
        const auto& known = cluster.capacity_providers;
        if (std::find(known.begin(), known.end(), item.provider) == known.end()) {
            throw errors::invalid_parameter(
                "The specified capacity provider strategy cannot contain a capacity provider "
                "that is not associated with the cluster. Associate the capacity provider with "
                "the cluster or specify a valid capacity provider and try again.");
        }
        if (item.base > 0) ++bases;
        items.push_back(std::move(item));
    }
    if (bases > 1) {
        throw errors::invalid_parameter(
            "Only one capacity provider in a capacity provider strategy can have a base "
            "defined.");
    }
    return items;
}

// ECS's split of tasks over a strategy: the `base` first, then the rest in proportion to the
// weights (a provider of weight 0 gets none of those).
std::vector<std::string> distribute(const std::vector<StrategyItem>& items, std::size_t count) {
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
                                                      const json& input) {
    auto ref = parse_task_definition_ref(p.key, input["taskDefinition"].get<std::string>());
    const auto* td = find_task_definition(p, ref);
    if (!td) throw errors::client("TaskDefinition not found.");
    if (td->status != "ACTIVE") throw errors::invalid_parameter("TaskDefinition is inactive");
    return *td;
}

std::vector<LaunchTarget> launch_targets(const json& input, const model::Cluster& cluster,
                                         std::size_t count) {
    const bool by_type = has(input, "launchType");
    const bool by_strategy =
        has(input, "capacityProviderStrategy") && !input["capacityProviderStrategy"].empty();
    if (by_type && by_strategy) {
        throw errors::invalid_parameter(
            "Specifying both a launch type and capacity provider strategy is not supported. "
            "Remove one and try again.");
    }
    if (by_type) {
        auto type = input["launchType"].get<std::string>();
        if (type == "MANAGED_INSTANCES") {
            throw errors::unsupported("Berth does not support the MANAGED_INSTANCES launch type.");
        }
        return std::vector<LaunchTarget>(count, LaunchTarget{type, ""});
    }
    const json& strategy = by_strategy ? input["capacityProviderStrategy"]
                                       : cluster.default_capacity_provider_strategy;
    if (!strategy.is_array() || strategy.empty()) {
        return std::vector<LaunchTarget>(count, LaunchTarget{"EC2", ""});
    }
    std::vector<LaunchTarget> out;
    for (auto& provider : distribute(read_strategy(strategy, cluster), count)) {
        auto type = is_fargate_provider(provider) ? "FARGATE" : "EC2";
        out.push_back({type, std::move(provider)});
    }
    return out;
}

void check_compatibility(const model::TaskDefinition& td, const std::string& launch_type) {
    const auto type = model::parse<model::LaunchType>(launch_type);
    if (!type || !td.body->compatible_with(*type)) {
        throw errors::invalid_parameter("Task definition does not support launch_type " +
                                        launch_type + ".");
    }
}

void check_network_configuration(const model::TaskDefinition& td, const json& input,
                                 const std::string& launch_type) {
    const auto mode = model::network_mode_of(td);
    const bool given = has(input, "networkConfiguration");
    const json awsvpc =
        given ? input["networkConfiguration"].value("awsvpcConfiguration", json()) : json();
    if (mode != "awsvpc") {
        if (given && !awsvpc.is_null()) {
            throw errors::invalid_parameter(
                "Network Configuration is not valid for the given networkMode of this task "
                "definition.");
        }
        return;
    }
    if (awsvpc.is_null()) {
        throw errors::invalid_parameter(
            "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    }
    const auto subnets = awsvpc.value("subnets", json::array());
    if (subnets.empty()) throw errors::invalid_parameter("subnets can not be empty.");
    if (subnets.size() > 16) throw errors::invalid_parameter("subnets can have at most 16 items.");
    if (awsvpc.value("securityGroups", json::array()).size() > 5) {
        throw errors::invalid_parameter("securityGroups can have at most 5 items.");
    }
    if (launch_type != "FARGATE" && awsvpc.value("assignPublicIp", "") == "ENABLED") {
        throw errors::invalid_parameter("Assign public IP is not supported for this launch type.");
    }
}

void check_overrides(const model::TaskDefinition& td, const json& input) {
    if (!has(input, "overrides")) return;
    for (const auto& o : input["overrides"].value("containerOverrides", json::array())) {
        auto name = o.value("name", "");
        if (name.empty()) {
            throw errors::invalid_parameter("Container Overrides must specify a container name.");
        }
        if (!td.body->container(name)) {
            throw errors::invalid_parameter("Override for container named " + name +
                                            " is not a container in the TaskDefinition.");
        }
    }
}

model::TaskLaunch launch_template(const json& input, const model::TaskDefinition& td,
                                  model::TimePoint now) {
    model::TaskLaunch l;
    l.overrides = has(input, "overrides") ? input["overrides"] : json();
    l.network_configuration =
        has(input, "networkConfiguration") ? input["networkConfiguration"] : json();
    l.started_by = optional_string(input, "startedBy").value_or("");
    l.group = optional_string(input, "group").value_or("family:" + td.family);
    l.tags = read_tags_member(input);
    l.propagate_tags = optional_string(input, "propagateTags").value_or("");
    l.enable_ecs_managed_tags = optional_bool(input, "enableECSManagedTags", false);
    l.enable_execute_command = optional_bool(input, "enableExecuteCommand", false);
    l.platform_version = optional_string(input, "platformVersion").value_or("");
    l.now = now;
    return l;
}

}  // namespace berth::api::ecs

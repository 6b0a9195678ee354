#include "api/ecs/tasks_request.hpp"

#include "api/ecs/request.hpp"
#include "api/ecs/tagging.hpp"
#include "api/ecs/tasks_resolve.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
namespace errors = protocol::errors;

constexpr std::size_t k_max_count = 10;
constexpr std::size_t k_max_client_token = 64;

std::size_t read_count(const json& input) {
    const int count = input.value("count", 1);
    if (count < 1 || count > static_cast<int>(k_max_count)) {
        throw errors::invalid_parameter("count must be between 1 and 10.");
    }
    return static_cast<std::size_t>(count);
}

// What RunTask and StartTask both take.
LaunchRequest read_common(const model::PartitionKey& partition, const json& input) {
    LaunchRequest r;
    r.cluster = cluster_name_from_input(partition, input);
    r.task_definition =
        parse_task_definition_ref(partition, input["taskDefinition"].get<std::string>());
    r.network = model::read_network_configuration(member_or_null(input, "networkConfiguration"));
    r.overrides = read_overrides(input);
    r.tags = read_tags_member(input);
    r.started_by = optional_string(input, "startedBy");
    r.group = optional_string(input, "group");
    r.propagate_tags =
        model::parse<model::PropagateTags>(optional_string(input, "propagateTags").value_or(""))
            .value_or(model::PropagateTags::none_given);
    r.enable_ecs_managed_tags = optional_bool(input, "enableECSManagedTags", false);
    r.enable_execute_command = optional_bool(input, "enableExecuteCommand", false);
    return r;
}

}  // namespace

std::vector<CapacityProviderItem> read_capacity_provider_strategy(const json& strategy) {
    std::vector<CapacityProviderItem> items;
    if (!strategy.is_array()) return items;
    for (const auto& s : strategy) {
        items.push_back(
            {s.value("capacityProvider", ""), s.value("weight", 0), s.value("base", 0)});
    }
    return items;
}

LaunchChoice read_launch_choice(const json& input) {
    LaunchChoice c;
    if (auto type = optional_string(input, "launchType")) {
        c.launch_type = model::parse<model::LaunchType>(*type);
        if (!c.launch_type) throw errors::invalid_parameter("Unknown launch type " + *type + ".");
    }
    c.strategy = read_capacity_provider_strategy(member_or_null(input, "capacityProviderStrategy"));
    c.platform_version = optional_string(input, "platformVersion");
    return c;
}

TaskOverrides read_overrides(const json& input) {
    TaskOverrides o;
    o.doc = member_or_null(input, "overrides");
    if (o.doc.is_null()) return o;
    for (const auto& c : member_or_null(o.doc, "containerOverrides")) {
        o.container_names.push_back(optional_string(c, "name").value_or(""));
    }
    return o;
}

LaunchRequest read_run_task(const model::PartitionKey& partition, const json& input) {
    auto r = read_common(partition, input);
    r.client_token = optional_string(input, "clientToken");
    if (r.client_token && r.client_token->size() > k_max_client_token) {
        throw errors::invalid_parameter("clientToken must be at most 64 characters.");
    }
    r.count = read_count(input);
    r.launch = read_launch_choice(input);
    r.placement = model::parse_placement(member_or_null(input, "placementConstraints"),
                                         member_or_null(input, "placementStrategy"));
    return r;
}

LaunchRequest read_start_task(const model::PartitionKey& partition, const json& input) {
    auto r = read_common(partition, input);
    r.container_instances =
        read_refs(input, "containerInstances", batch_limits("containerInstances"));
    r.launch.launch_type = model::LaunchType::ec2;
    return r;
}

}  // namespace berth::api::ecs

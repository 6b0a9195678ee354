// ListContainerInstances, DescribeContainerInstances, UpdateContainerInstancesState (Register
// and DeregisterContainerInstance: container_instances_register.cpp).
//
// Container instances are the Docker engines Berth drives; the runtime registers them (one per
// engine and cluster) with the CPU and memory `docker info` reports. What is left of those is
// worked out here from the tasks placed on each instance, as ECS reports it.
#include <algorithm>
#include <string>
#include <vector>

#include "api/ecs/container_instances.hpp"
#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/task_placement.hpp"
#include "api/ecs/tasks_resolve.hpp"
#include "berth/model/query.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

json integer_resource(const char* name, std::int64_t value) {
    return {{"name", name},
            {"type", "INTEGER"},
            {"doubleValue", 0.0},
            {"longValue", 0},
            {"integerValue", value}};
}

json stringset_resource(const char* name, json list) {
    return {{"name", name},   {"type", "STRINGSET"}, {"doubleValue", 0.0},
            {"longValue", 0}, {"integerValue", 0},   {"stringSetValue", std::move(list)}};
}

json ports_resource(const char* name, const std::set<int>& ports) {
    json list = json::array();
    for (int p : ports) list.push_back(std::to_string(p));
    return stringset_resource(name, std::move(list));
}

// The GPU resource is reported only by instances that have GPUs, as ECS's GPU instances do.
json resources_json(std::int64_t cpu, std::int64_t memory, const std::set<int>& tcp,
                    const std::set<int>& udp, const std::vector<std::string>& gpus, bool has_gpus) {
    json out = json::array({integer_resource("CPU", cpu), integer_resource("MEMORY", memory),
                            ports_resource("PORTS", tcp), ports_resource("PORTS_UDP", udp)});
    if (has_gpus) out.push_back(stringset_resource("GPU", gpus));
    return out;
}

}  // namespace

json container_instance_json(const InstanceLoad& load, const InstanceFields& fields) {
    const auto& ci = *load.instance;
    json out{{"containerInstanceArn", ci.arn},
             {"versionInfo", ci.version_info.is_object() ? ci.version_info : json::object()},
             {"registeredResources", resources_json(ci.registered_cpu, ci.registered_memory, {}, {},
                                                    ci.gpu_ids, !ci.gpu_ids.empty())},
             {"remainingResources",
              resources_json(load.remaining_cpu, load.remaining_memory, load.tcp_ports,
                             load.udp_ports, load.remaining_gpus, !ci.gpu_ids.empty())},
             {"status", model::to_string(ci.status)},
             {"agentConnected", ci.agent_connected},
             {"runningTasksCount", load.running},
             {"pendingTasksCount", load.pending},
             {"attributes", ci.attributes.is_array() ? ci.attributes : json::array()},
             {"registeredAt", timestamp(ci.registered_at)},
             {"attachments", json::array()}};
    if (!ci.ec2_instance_id.empty()) out["ec2InstanceId"] = ci.ec2_instance_id;
    if (fields.tags) out["tags"] = tags_json(ci.tags);
    if (fields.health) {
        const auto status = ci.agent_connected ? "OK" : "IMPAIRED";
        out["healthStatus"] = {
            {"overallStatus", status},
            {"details", json::array({{{"type", "CONTAINER_RUNTIME"}, {"status", status}}})}};
    }
    return out;
}

InstanceFields read_fields(const json& input) {
    return {includes(input, "TAGS"), includes(input, "CONTAINER_INSTANCE_HEALTH")};
}

json describe_container_instances(const Environment& env, const RequestContext& ctx,
                                  const json& input) {
    const auto key = partition_of(ctx);
    const auto request =
        read_cluster_refs(key, input, "containerInstances", describe_limits("Container instances"));
    const auto fields = read_fields(input);
    return env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, request.cluster);
        return describe_each(
            request.refs, "containerInstances",
            [&](const std::string& ref) {
                return find_container_instance(p, request.cluster, ref);
            },
            [&](const model::ContainerInstance& ci) {
                return container_instance_json(instance_load(p, ci), fields);
            });
    });
}

json list_container_instances(const Environment& env, const RequestContext& ctx,
                              const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto page_request = protocol::read_page_request(input);
    std::optional<model::ContainerInstanceStatus> status;
    if (auto text = optional_string(input, "status")) {
        status = model::parse<model::ContainerInstanceStatus>(*text);
        if (!status) throw errors::invalid_parameter("Unknown container instance status " + *text);
    }
    std::optional<model::Query> filter;
    if (auto text = optional_string(input, "filter")) {
        auto parsed = model::parse_query(*text);
        if (!parsed.query) throw errors::invalid_parameter("Invalid filter: " + parsed.error);
        filter = std::move(parsed.query);
    }
    auto arns = env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, cluster);
        std::vector<std::string> out;
        for (const auto& load : cluster_loads(p, cluster)) {
            const auto& ci = *load.instance;
            if (status ? ci.status != *status
                       : ci.status == model::ContainerInstanceStatus::inactive) {
                continue;
            }
            if (filter && !filter->matches(
                              [&](std::string_view s) { return query_subject_values(load, s); })) {
                continue;
            }
            out.push_back(ci.arn);
        }
        std::sort(out.begin(), out.end());
        return out;
    });
    auto page = protocol::paginate(std::move(arns), page_request);
    json out{{"containerInstanceArns", page.items}};
    page.write_next_token(out);
    return out;
}

json update_container_instances_state(const Environment& env, const RequestContext& ctx,
                                      const json& input) {
    using Status = model::ContainerInstanceStatus;
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto status = model::parse<Status>(input["status"].get<std::string>());
    if (status != Status::active && status != Status::draining) {
        throw errors::invalid_parameter(
            "Container instance status can only be updated to ACTIVE or DRAINING.");
    }
    const auto refs = read_refs(input, "containerInstances", batch_limits("containerInstances"));
    return env.store.write(key, [&](model::Partition& p) {
        require_cluster(p, cluster);
        return describe_each(
            refs, "containerInstances",
            [&](const std::string& ref) -> model::ContainerInstance* {
                auto* ci = find_container_instance(p, cluster, ref);
                return ci && ci->status != Status::inactive ? ci : nullptr;
            },
            [&](model::ContainerInstance& ci) {
                ci.status = *status;
                return container_instance_json(instance_load(p, ci), {});
            });
    });
}

}  // namespace berth::api::ecs

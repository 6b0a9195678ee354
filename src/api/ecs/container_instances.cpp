// ListContainerInstances, DescribeContainerInstances, UpdateContainerInstancesState.
//
// Container instances are the Docker engines Berth drives; the runtime registers them (one per
// engine and cluster) with the CPU and memory `docker info` reports. What is left of those is
// worked out here from the tasks placed on each instance, as ECS reports it.
#include <algorithm>
#include <string>
#include <vector>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/task_placement.hpp"
#include "api/ecs/tasks_resolve.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/pagination.hpp"
#include "berth/scheduler/query.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

constexpr std::size_t k_max_describe = 100;
constexpr std::size_t k_max_update = 10;

json integer_resource(const char* name, std::int64_t value) {
    return {{"name", name},
            {"type", "INTEGER"},
            {"doubleValue", 0.0},
            {"longValue", 0},
            {"integerValue", value}};
}

json ports_resource(const char* name, const std::set<int>& ports) {
    json list = json::array();
    for (int p : ports) list.push_back(std::to_string(p));
    return {{"name", name},   {"type", "STRINGSET"}, {"doubleValue", 0.0},
            {"longValue", 0}, {"integerValue", 0},   {"stringSetValue", std::move(list)}};
}

json resources_json(std::int64_t cpu, std::int64_t memory, const std::set<int>& tcp,
                    const std::set<int>& udp) {
    return json::array({integer_resource("CPU", cpu), integer_resource("MEMORY", memory),
                        ports_resource("PORTS", tcp), ports_resource("PORTS_UDP", udp)});
}

struct InstanceFields {
    bool tags = false;
    bool health = false;
};

json container_instance_json(const InstanceLoad& load, const InstanceFields& fields) {
    const auto& ci = *load.instance;
    json out{
        {"containerInstanceArn", ci.arn},
        {"versionInfo", ci.version_info.is_object() ? ci.version_info : json::object()},
        {"registeredResources", resources_json(ci.registered_cpu, ci.registered_memory, {}, {})},
        {"remainingResources",
         resources_json(load.remaining_cpu, load.remaining_memory, load.tcp_ports, load.udp_ports)},
        {"status", ci.status},
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
    InstanceFields f;
    if (!has(input, "include")) return f;
    for (const auto& item : input["include"]) {
        if (item == "TAGS") f.tags = true;
        if (item == "CONTAINER_INSTANCE_HEALTH") f.health = true;
    }
    return f;
}

}  // namespace

json describe_container_instances(const Environment& env, const RequestContext& ctx,
                                  const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto refs = input["containerInstances"].get<std::vector<std::string>>();
    if (refs.empty()) throw errors::invalid_parameter("Container instances cannot be empty.");
    if (refs.size() > k_max_describe) {
        throw errors::invalid_parameter("Container instances cannot have more than 100 elements.");
    }
    const auto fields = read_fields(input);
    return env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, cluster);
        json out{{"containerInstances", json::array()}, {"failures", json::array()}};
        for (const auto& ref : refs) {
            if (const auto* ci = find_container_instance(p, cluster, ref)) {
                out["containerInstances"].push_back(
                    container_instance_json(instance_load(p, *ci), fields));
            } else {
                out["failures"].push_back(failure_json(ref, "MISSING"));
            }
        }
        return out;
    });
}

json list_container_instances(const Environment& env, const RequestContext& ctx,
                              const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto page_request = protocol::read_page_request(input);
    const auto status = optional_string(input, "status");
    std::optional<scheduler::Query> filter;
    if (auto text = optional_string(input, "filter")) {
        auto parsed = scheduler::parse_query(*text);
        if (!parsed.query) throw errors::invalid_parameter("Invalid filter: " + parsed.error);
        filter = std::move(parsed.query);
    }
    auto arns = env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, cluster);
        std::vector<std::string> out;
        for (const auto& load : cluster_loads(p, cluster)) {
            const auto& ci = *load.instance;
            if (status ? ci.status != *status : ci.status == "INACTIVE") continue;
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
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto refs = input["containerInstances"].get<std::vector<std::string>>();
    const auto status = input["status"].get<std::string>();
    if (status != "ACTIVE" && status != "DRAINING") {
        throw errors::invalid_parameter(
            "Container instance status can only be updated to ACTIVE or DRAINING.");
    }
    if (refs.empty() || refs.size() > k_max_update) {
        throw errors::invalid_parameter("containerInstances must hold between 1 and 10 items.");
    }
    return env.store.write(key, [&](model::Partition& p) {
        require_cluster(p, cluster);
        json out{{"containerInstances", json::array()}, {"failures", json::array()}};
        for (const auto& ref : refs) {
            auto* ci = find_container_instance(p, cluster, ref);
            if (!ci || ci->status == "INACTIVE") {
                out["failures"].push_back(failure_json(ref, "MISSING"));
                continue;
            }
            ci->status = status;
            out["containerInstances"].push_back(container_instance_json(instance_load(p, *ci), {}));
        }
        return out;
    });
}

}  // namespace berth::api::ecs

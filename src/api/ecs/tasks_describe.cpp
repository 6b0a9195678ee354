// DescribeTasks and ListTasks.
#include <algorithm>
#include <string>
#include <vector>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/tasks_resolve.hpp"
#include "api/ecs/tasks_serialize.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

constexpr std::size_t k_max_describe = 100;

bool includes_tags(const json& input) {
    if (!has(input, "include")) return false;
    const auto& include = input["include"];
    return std::find(include.begin(), include.end(), "TAGS") != include.end();
}

}  // namespace

json describe_tasks(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto refs = input["tasks"].get<std::vector<std::string>>();
    if (refs.empty()) throw errors::invalid_parameter("Tasks cannot be empty.");
    if (refs.size() > k_max_describe) {
        throw errors::invalid_parameter("Tasks cannot have more than 100 elements.");
    }
    const bool with_tags = includes_tags(input);
    return env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, cluster);
        json out{{"tasks", json::array()}, {"failures", json::array()}};
        for (const auto& ref : refs) {
            if (const auto* task = find_task(p, cluster, ref)) {
                out["tasks"].push_back(task_json(*task, with_tags));
            } else {
                out["failures"].push_back(failure_json(ref, "MISSING"));
            }
        }
        return out;
    });
}

namespace {

// The filters of one ListTasks call; every one given must hold.
struct TaskFilter {
    std::string cluster;
    std::optional<std::string> family;
    std::optional<std::string> service_name;
    std::optional<std::string> started_by;
    std::optional<std::string> container_instance_arn;
    std::optional<std::string> launch_type;
    std::string desired_status = "RUNNING";

    bool matches(const model::Task& t) const {
        if (t.cluster_name != cluster) return false;
        // A desired status of PENDING is accepted but never holds, as on ECS.
        if (model::to_string(t.desired_status) != desired_status) return false;
        if (family && t.family != *family) return false;
        if (service_name && t.service_name != *service_name &&
            t.group != "service:" + *service_name) {
            return false;
        }
        if (started_by && t.started_by != *started_by) return false;
        if (container_instance_arn && t.container_instance_arn != *container_instance_arn) {
            return false;
        }
        if (launch_type && t.launch_type != *launch_type) return false;
        return true;
    }
};

TaskFilter read_filter(const model::Partition& p, const std::string& cluster, const json& input) {
    TaskFilter f;
    f.cluster = cluster;
    f.family = optional_string(input, "family");
    f.started_by = optional_string(input, "startedBy");
    f.launch_type = optional_string(input, "launchType");
    f.desired_status = optional_string(input, "desiredStatus").value_or("RUNNING");
    if (auto name = optional_string(input, "serviceName")) {
        // A service ARN or name; the service must exist in the cluster.
        std::string service = *name;
        if (model::looks_like_arn(service)) {
            auto arn = check_ecs_arn(p.key, service);
            auto id = std::string(arn.resource_id());
            service = id.substr(id.find('/') == std::string::npos ? 0 : id.find('/') + 1);
        }
        if (!p.services.contains(model::service_arn(p.key, cluster, service))) {
            throw errors::service_not_found();
        }
        f.service_name = service;
    }
    if (auto ref = optional_string(input, "containerInstance")) {
        const auto* ci = find_container_instance(p, cluster, *ref);
        // An unknown instance has no tasks; its ARN still filters everything out.
        f.container_instance_arn = ci ? ci->arn : "unknown:" + *ref;
    }
    return f;
}

}  // namespace

json list_tasks(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto page_request = protocol::read_page_request(input);
    auto arns = env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, cluster);
        const auto filter = read_filter(p, cluster, input);
        std::vector<std::string> out;
        for (const auto& [arn, task] : p.tasks) {
            if (filter.matches(task)) out.push_back(arn);
        }
        return out;  // the map keeps them sorted by ARN
    });
    auto page = protocol::paginate(std::move(arns), page_request);
    json out{{"taskArns", page.items}};
    page.write_next_token(out);
    return out;
}

}  // namespace berth::api::ecs

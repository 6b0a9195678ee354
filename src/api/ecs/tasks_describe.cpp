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

}  // namespace

json describe_tasks(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto request = read_cluster_refs(key, input, "tasks", describe_limits("Tasks"));
    const bool with_tags = includes(input, "TAGS");
    return env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, request.cluster);
        return describe_each(
            request.refs, "tasks",
            [&](const std::string& ref) { return find_task(p, request.cluster, ref); },
            [&](const model::Task& task) { return task_json(task, with_tags); });
    });
}

namespace {

// One ListTasks request: the filters as sent; every one given must hold.
struct ListTasksRequest {
    std::string cluster;
    std::optional<std::string> family;
    std::optional<std::string> service;  // a name or an ARN
    std::optional<std::string> started_by;
    std::optional<std::string> container_instance;  // an id or an ARN
    std::optional<model::LaunchType> launch_type;
    // A desired status of PENDING is accepted but never holds, as on ECS.
    model::TaskStatus desired_status = model::TaskStatus::running;
    protocol::PageRequest page;
};

ListTasksRequest read_list_tasks(const model::PartitionKey& key, const json& input) {
    ListTasksRequest r;
    r.cluster = cluster_name_from_input(key, input);
    r.page = protocol::read_page_request(input);
    r.family = optional_string(input, "family");
    r.service = optional_string(input, "serviceName");
    r.started_by = optional_string(input, "startedBy");
    r.container_instance = optional_string(input, "containerInstance");
    if (auto type = optional_string(input, "launchType")) {
        r.launch_type = model::parse<model::LaunchType>(*type);
        if (!r.launch_type) throw errors::invalid_parameter("Unknown launch type " + *type + ".");
    }
    if (auto status = optional_string(input, "desiredStatus")) {
        r.desired_status = model::parse_task_status(*status).value_or(model::TaskStatus::running);
    }
    return r;
}

// The service a ListTasks names, which must exist in the cluster.
std::string service_name(const model::Partition& p, const std::string& cluster,
                         const std::string& ref) {
    std::string service = ref;
    if (model::looks_like_arn(service)) {
        auto id = std::string(check_ecs_arn(p.key, service).resource_id());
        service = id.substr(id.find('/') == std::string::npos ? 0 : id.find('/') + 1);
    }
    if (!p.services.contains(model::service_arn(p.key, cluster, service))) {
        throw errors::service_not_found();
    }
    return service;
}

// The request's filters with its references resolved in the partition.
struct TaskFilter {
    const ListTasksRequest& r;
    std::optional<std::string> service_name;
    std::optional<std::string> container_instance_arn;

    TaskFilter(const model::Partition& p, const ListTasksRequest& request) : r(request) {
        if (r.service) service_name = ecs::service_name(p, r.cluster, *r.service);
        if (r.container_instance) {
            const auto* ci = find_container_instance(p, r.cluster, *r.container_instance);
            // An unknown instance has no tasks; its ARN still filters everything out.
            container_instance_arn = ci ? ci->arn : "unknown:" + *r.container_instance;
        }
    }

    bool matches(const model::Task& t) const {
        if (t.cluster_name != r.cluster || t.desired_status != r.desired_status) return false;
        if (r.family && t.family != *r.family) return false;
        if (service_name && t.service_name != *service_name &&
            t.group != "service:" + *service_name) {
            return false;
        }
        if (r.started_by && t.started_by != *r.started_by) return false;
        if (container_instance_arn && t.container_instance_arn != *container_instance_arn) {
            return false;
        }
        if (r.launch_type && t.launch_type != *r.launch_type) return false;
        return true;
    }
};

}  // namespace

json list_tasks(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto request = read_list_tasks(key, input);
    auto arns = env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, request.cluster);
        const TaskFilter filter(p, request);
        std::vector<std::string> out;
        for (const auto& [arn, task] : p.tasks) {
            if (filter.matches(task)) out.push_back(arn);
        }
        return out;  // the map keeps them sorted by ARN
    });
    auto page = protocol::paginate(std::move(arns), request.page);
    json out{{"taskArns", page.items}};
    page.write_next_token(out);
    return out;
}

}  // namespace berth::api::ecs

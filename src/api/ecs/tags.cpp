// TagResource, UntagResource, ListTagsForResource.
//
// A resource is found from its ARN by tags_of(), one branch per ECS resource type: that
// function is the one place to extend when a new taggable resource comes to Berth.
#include <string>
#include <type_traits>
#include <vector>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/tagging.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

// Tags, const when the partition is.
template <class P>
using TagsOf = std::conditional_t<std::is_const_v<P>, const model::Tags, model::Tags>;

template <class P>
TagsOf<P>& cluster_tags(P& p, const model::Arn& arn) {
    auto& c = require_cluster(p, arn.resource_id());
    if (c.status != model::ClusterStatus::active) {
        throw errors::invalid_parameter(
            "The specified cluster is inactive. Specify an active cluster and try again.");
    }
    return c.tags;
}

template <class P>
TagsOf<P>& task_definition_tags(P& p, const model::Arn& arn) {
    auto ref = parse_task_definition_ref(p.key, arn.str());
    // Tags belong to one revision: the ARN must name it.
    if (!ref.revision) throw errors::invalid_parameter("The ARN provided is invalid.");
    auto* td = find_task_definition(p, ref);
    if (!td) throw errors::client("Unable to describe task definition.");
    return td->tags;
}

template <class P>
TagsOf<P>& daemon_task_definition_tags(P& p, const model::Arn& arn) {
    auto ref = parse_task_definition_ref(p.key, arn.str(), "daemon-task-definition");
    if (!ref.revision) throw errors::invalid_parameter("The ARN provided is invalid.");
    auto* d = find_daemon_task_definition(p, ref);
    if (!d) throw errors::client("Unable to describe daemon task definition.");  // (guess)
    return d->tags;
}

// Tasks, services and container instances are kept by their full ARN.
template <class Map>
auto& by_arn(Map& map, const model::Arn& arn, const char* what) {
    auto it = map.find(arn.str());
    if (it == map.end()) {
        throw errors::invalid_parameter(std::string("The specified ") + what +
                                        " could not be found.");
    }
    return it->second;
}

// task-set/CLUSTER/SERVICE/ecs-svc/ID: the task set, in its service.
template <class P>
TagsOf<P>& task_set_tags(P& p, const model::Arn& arn) {
    const std::string id(arn.resource_id());
    const auto slash = id.find('/');
    const auto second = slash == std::string::npos ? slash : id.find('/', slash + 1);
    if (second == std::string::npos)
        throw errors::invalid_parameter("The ARN provided is invalid.");
    auto it = p.services.find(
        model::service_arn(p.key, id.substr(0, slash), id.substr(slash + 1, second - slash - 1)));
    if (it == p.services.end()) throw errors::service_not_found();
    for (auto& ts : it->second.task_sets) {
        if (ts.arn == arn.str()) return ts.tags;
    }
    throw errors::invalid_parameter("The specified task set could not be found.");
}

template <class P>
TagsOf<P>& tags_of(P& p, const model::Arn& arn) {
    const auto type = arn.resource_type();
    if (type == "cluster") return cluster_tags(p, arn);
    if (type == "task-definition") return task_definition_tags(p, arn);
    if (type == "daemon-task-definition") return daemon_task_definition_tags(p, arn);
    if (type == "task") return by_arn(p.tasks, arn, "task").tags;
    if (type == "container-instance") {
        return by_arn(p.container_instances, arn, "container instance").tags;
    }
    if (type == "capacity-provider") {
        auto it = p.capacity_providers.find(std::string(arn.resource_id()));
        if (it == p.capacity_providers.end() ||
            it->second.status != model::CapacityProviderStatus::active) {
            throw errors::invalid_parameter("The specified capacity provider could not be found.");
        }
        return it->second.tags;
    }
    if (type == "task-set") return task_set_tags(p, arn);
    if (type == "service") {
        auto it = p.services.find(arn.str());
        if (it == p.services.end()) throw errors::service_not_found();
        return it->second.tags;
    }
    throw errors::invalid_parameter("The ARN provided is invalid.");
}

}  // namespace

json tag_resource(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto arn = check_ecs_arn(key, input["resourceArn"].get<std::string>());
    const auto add = read_tags(input["tags"]);
    env.store.write(key, [&](model::Partition& p) {
        auto& tags = tags_of(p, arn);
        auto merged = tags;
        model::merge_tags(merged, add);
        check_tag_count(merged.size());
        tags = std::move(merged);
    });
    return json::object();
}

json untag_resource(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto arn = check_ecs_arn(key, input["resourceArn"].get<std::string>());
    const auto keys = input["tagKeys"].get<std::vector<std::string>>();
    for (const auto& k : keys) check_user_tag_key(k);
    env.store.write(key, [&](model::Partition& p) { model::remove_tags(tags_of(p, arn), keys); });
    return json::object();
}

json list_tags_for_resource(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto arn = check_ecs_arn(key, input["resourceArn"].get<std::string>());
    return env.store.read(key, [&](const model::Partition& p) {
        return json{{"tags", tags_json(tags_of(p, arn))}};
    });
}

}  // namespace berth::api::ecs

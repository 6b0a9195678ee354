#include "api/ecs/tasks_resolve.hpp"

#include <algorithm>
#include <optional>

#include "api/ecs/resolve.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

// The id a reference names within `cluster`, or nothing when it is an ARN of another kind or
// of another cluster.
std::optional<std::string> id_in_cluster(const model::PartitionKey& partition,
                                         std::string_view type, std::string_view cluster,
                                         std::string_view ref) {
    if (!model::looks_like_arn(ref)) return std::string(ref);
    auto arn = check_ecs_arn(partition, ref);
    if (arn.resource_type() != type) return std::nullopt;
    auto rest = arn.resource_id();
    auto slash = rest.find('/');
    if (slash == std::string_view::npos) return std::string(rest);  // old ARN format
    if (rest.substr(0, slash) != cluster) return std::nullopt;
    return std::string(rest.substr(slash + 1));
}

template <class Partition>
auto find_task_in(Partition& p, std::string_view cluster, std::string_view ref)
    -> decltype(&p.tasks.begin()->second) {
    decltype(&p.tasks.begin()->second) none = nullptr;
    auto id = id_in_cluster(p.key, "task", cluster, ref);
    if (!id || id->empty()) return none;
    auto it = p.tasks.find(model::task_arn(p.key, cluster, *id));
    return it == p.tasks.end() ? none : &it->second;
}

template <class Partition>
auto find_instance_in(Partition& p, std::string_view cluster, std::string_view ref)
    -> decltype(&p.container_instances.begin()->second) {
    decltype(&p.container_instances.begin()->second) none = nullptr;
    auto id = id_in_cluster(p.key, "container-instance", cluster, ref);
    if (!id || id->empty()) return none;
    auto it = p.container_instances.find(model::container_instance_arn(p.key, cluster, *id));
    if (it == p.container_instances.end() || it->second.cluster_name != cluster) return none;
    return &it->second;
}

}  // namespace

const model::Task* find_task(const model::Partition& p, std::string_view cluster,
                             std::string_view ref) {
    return find_task_in(p, cluster, ref);
}

model::Task* find_task(model::Partition& p, std::string_view cluster, std::string_view ref) {
    return find_task_in(p, cluster, ref);
}

const model::ContainerInstance* find_container_instance(const model::Partition& p,
                                                        std::string_view cluster,
                                                        std::string_view ref) {
    return find_instance_in(p, cluster, ref);
}

model::ContainerInstance* find_container_instance(model::Partition& p, std::string_view cluster,
                                                  std::string_view ref) {
    return find_instance_in(p, cluster, ref);
}

std::vector<const model::ContainerInstance*> cluster_instances(const model::Partition& p,
                                                               std::string_view cluster) {
    std::vector<const model::ContainerInstance*> out;
    for (const auto& [arn, ci] : p.container_instances) {
        if (ci.cluster_name == cluster) out.push_back(&ci);
    }
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->seq < b->seq; });
    return out;
}

RefLimits describe_limits(std::string_view what) {
    const std::string w(what);
    return {100, w + " cannot be empty.", w + " cannot have more than 100 elements."};
}

RefLimits batch_limits(std::string_view member) {
    const auto message = std::string(member) + " must hold between 1 and 10 items.";
    return {10, message, message};
}

std::vector<std::string> read_refs(const nlohmann::json& input, const char* member,
                                   const RefLimits& limits) {
    auto refs = input.at(member).get<std::vector<std::string>>();
    if (refs.empty()) throw protocol::errors::invalid_parameter(limits.empty);
    if (refs.size() > limits.max) throw protocol::errors::invalid_parameter(limits.too_many);
    return refs;
}

ClusterRefs read_cluster_refs(const model::PartitionKey& partition, const nlohmann::json& input,
                              const char* member, const RefLimits& limits) {
    ClusterRefs out;
    out.cluster = cluster_name_from_input(partition, input);
    out.refs = read_refs(input, member, limits);
    return out;
}

}  // namespace berth::api::ecs

#pragma once
// ECS ARNs: building them for a partition and taking apart the ones clients send.
#include <optional>
#include <string>
#include <string_view>

#include "berth/model/common.hpp"

namespace berth::model {

struct Arn {
    std::string partition = "aws";
    std::string service;
    std::string region;
    std::string account;
    std::string resource;  // everything after the fifth colon, e.g. "cluster/default"

    std::string str() const;
    // The resource type: "cluster" for "cluster/default", "task-definition" for
    // "task-definition/web:3".
    std::string_view resource_type() const;
    // What follows "<type>/" in the resource.
    std::string_view resource_id() const;
};

std::optional<Arn> parse_arn(std::string_view text);
bool looks_like_arn(std::string_view text);

std::string ecs_arn(const PartitionKey& p, std::string_view resource);
inline std::string cluster_arn(const PartitionKey& p, std::string_view name) {
    return ecs_arn(p, "cluster/" + std::string(name));
}
inline std::string task_definition_arn(const PartitionKey& p, std::string_view family,
                                       int revision) {
    return ecs_arn(p, "task-definition/" + std::string(family) + ":" + std::to_string(revision));
}
inline std::string daemon_task_definition_arn(const PartitionKey& p, std::string_view family,
                                              int revision) {
    return ecs_arn(
        p, "daemon-task-definition/" + std::string(family) + ":" + std::to_string(revision));
}
inline std::string task_arn(const PartitionKey& p, std::string_view cluster, std::string_view id) {
    return ecs_arn(p, "task/" + std::string(cluster) + "/" + std::string(id));
}
inline std::string service_arn(const PartitionKey& p, std::string_view cluster,
                               std::string_view name) {
    return ecs_arn(p, "service/" + std::string(cluster) + "/" + std::string(name));
}
inline std::string task_set_arn(const PartitionKey& p, std::string_view cluster,
                                std::string_view service, std::string_view id) {
    return ecs_arn(
        p, "task-set/" + std::string(cluster) + "/" + std::string(service) + "/" + std::string(id));
}
inline std::string container_instance_arn(const PartitionKey& p, std::string_view cluster,
                                          std::string_view id) {
    return ecs_arn(p, "container-instance/" + std::string(cluster) + "/" + std::string(id));
}

// 32 lowercase hex characters, as ECS task ids.
std::string new_task_id();
// A random UUID (v4) string.
std::string new_uuid();
// ecs-svc/ followed by 19 digits, as ECS deployment ids.
std::string new_deployment_id();
// n characters drawn uniformly from alphabet (access keys, secrets, IAM unique ids).
std::string random_chars(std::size_t n, std::string_view alphabet);

}  // namespace berth::model

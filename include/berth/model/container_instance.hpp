#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"
#include "berth/model/statuses.hpp"

namespace berth::model {

// A Docker engine seen as an ECS container instance of one cluster.
struct ContainerInstance {
    std::string arn;
    std::string id;
    std::string cluster_name;
    std::string docker_host;  // which engine (e.g. unix:///var/run/docker.sock)
    ContainerInstanceStatus status = ContainerInstanceStatus::active;
    bool agent_connected = true;
    std::int64_t registered_cpu = 0;     // CPU units (1024 per core)
    std::int64_t registered_memory = 0;  // MiB
    // Its GPUs' ids (the GPU resource, a STRINGSET): the engine's --gpus when its `docker info`
    // lists the nvidia runtime, as ECS's agent registers the GPUs of ECS_ENABLE_GPU_SUPPORT.
    std::vector<std::string> gpu_ids;
    nlohmann::json version_info = nlohmann::json::object();
    nlohmann::json attributes = nlohmann::json::array();
    std::string ec2_instance_id;
    // Registered by Berth itself for an engine it drives (not by a client): such an instance
    // never keeps its cluster from being deleted.
    bool auto_registered = false;
    TimePoint registered_at;
    Tags tags;
    std::uint64_t seq = 0;
};

// The value of the attribute `name` (an attribute without a value reads as ""), or nothing
// when the instance lacks it.
inline std::optional<std::string> attribute_value(const ContainerInstance& ci,
                                                  std::string_view name) {
    if (!ci.attributes.is_array()) return std::nullopt;
    for (const auto& attr : ci.attributes) {
        if (!attr.is_object()) continue;
        auto n = attr.find("name");
        if (n == attr.end() || !n->is_string() || n->get_ref<const std::string&>() != name) {
            continue;
        }
        auto v = attr.find("value");
        return v != attr.end() && v->is_string() ? v->get<std::string>() : std::string();
    }
    return std::nullopt;
}

// ACTIVE or DRAINING: counted in the cluster's registeredContainerInstancesCount, and keeps the
// cluster from being deleted.
inline bool is_registered(const ContainerInstance& ci) {
    return ci.status == ContainerInstanceStatus::active ||
           ci.status == ContainerInstanceStatus::draining;
}

}  // namespace berth::model

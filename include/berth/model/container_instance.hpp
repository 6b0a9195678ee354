#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"

namespace berth::model {

// A Docker engine seen as an ECS container instance of one cluster.
struct ContainerInstance {
    std::string arn;
    std::string id;
    std::string cluster_name;
    std::string docker_host;  // which engine (e.g. unix:///var/run/docker.sock)
    std::string status = "ACTIVE";
    bool agent_connected = true;
    std::int64_t registered_cpu = 0;     // CPU units (1024 per core)
    std::int64_t registered_memory = 0;  // MiB
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

}  // namespace berth::model

#pragma once
// One ECS container definition → the body of Docker's POST /containers/create.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/runtime/task_spec.hpp"

namespace berth::runtime {

// Clamps NanoCpus, Memory and MemoryReservation of a HostConfig to `capacity`;
// true when one was over it.
bool clamp_to_capacity(nlohmann::json& host_config, const EngineCapacity& capacity);

// A mount point resolved to its source: a host directory (absolute) or a Docker volume's name.
struct Bind {
    std::string source;
    std::string target;  // containerPath
    bool read_only = false;
};

// What the body needs beyond the container definition itself, already resolved against the
// rest of the task (volumes, sibling container names, the sandbox).
struct ContainerContext {
    const nlohmann::json& def;  // the container definition, overrides applied
    std::string network_mode;   // bridge | host | none | awsvpc
    std::string sandbox_id;     // awsvpc only
    std::optional<long long> task_cpu_units;
    std::optional<long long> task_memory_mib;
    nlohmann::json labels;  // every label, ECS's and Berth's included
    std::vector<Bind> binds;
    std::vector<std::string> volumes_from;  // "docker-name[:ro]"
    std::vector<std::string> links;         // "docker-name:alias"
    std::optional<std::string> resolver;    // bridge only: HostConfig.Dns unless dnsServers
};

nlohmann::json make_create_body(const ContainerContext& ctx);

// The container definition with the task's containerOverrides for it applied (command,
// environment, cpu, memory, memoryReservation).
nlohmann::json apply_container_override(const nlohmann::json& def, const nlohmann::json& overrides);

// The GPUs placement pinned to a container, as ECS's agent gives them: the nvidia device
// request for exactly those ids (what `docker run --gpus device=ID,...` sends) and
// NVIDIA_VISIBLE_DEVICES naming them, which wins over a value of the definition's own.
void add_gpus(nlohmann::json& create_body, const std::vector<std::string>& gpu_ids);

// ECS healthCheck → Docker Healthcheck (seconds → nanoseconds, ECS defaults filled in).
nlohmann::json make_healthcheck(const nlohmann::json& health_check);

}  // namespace berth::runtime

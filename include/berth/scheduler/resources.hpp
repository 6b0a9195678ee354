#pragma once
// What a task takes from a container instance, as ECS accounts for it when placing EC2 tasks:
// CPU units and MiB of memory (the task-level values when the task definition sets them, else
// the sum over containers of cpu and of memoryReservation-or-memory), the static host
// ports of bridge and host network modes (awsvpc tasks have their own network namespace), and
// the GPUs its containers ask for.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/store.hpp"
#include "berth/model/task_definition_lookup.hpp"

namespace berth::scheduler {

struct TaskNeeds {
    std::int64_t cpu = 0;                 // CPU units, 1024 per vCPU
    std::int64_t memory = 0;              // MiB
    std::vector<std::string> host_ports;  // "tcp/8080"
    // Whole GPUs per container (resourceRequirements of type GPU), in definition order: an
    // instance must have that many GPUs no other task holds, and each container is pinned its own.
    std::vector<std::pair<std::string, int>> gpus;
    int gpu_count() const {
        int n = 0;
        for (const auto& [name, count] : gpus) n += count;
        return n;
    }
    // The ecs.os-type an instance must have: runtimePlatform's WINDOWS_* families run only on
    // Windows engines, LINUX only on Linux ones; "" (no family given) on any.
    std::string os_type;
};

// From a registered task definition.
TaskNeeds needs_of(const model::TaskDefinitionBody& task_definition);
// From a task definition document (DescribeTaskDefinition's shape).
TaskNeeds needs_of(const nlohmann::json& task_definition);
// From an existing task: its own cpu/memory when set (overrides applied), else its containers;
// host ports from its task definition when known.
TaskNeeds needs_of(const model::Task& task, const model::TaskDefinition* task_definition);

// model::parse_cpu_units / parse_memory_mib, 0 when unreadable.
std::int64_t parse_cpu_units(std::string_view text);
std::int64_t parse_memory_mib(std::string_view text);

// The registered revision an ARN (or "family:revision") names, or nullptr.
using model::find_task_definition;

}  // namespace berth::scheduler

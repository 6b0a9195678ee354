#pragma once
// Task sizes: the units clients may write them in, and the CPU/memory pairs Fargate offers.
#include <optional>
#include <string>
#include <string_view>

namespace berth::api::ecs {

// model::parse_cpu_units as ECS returns the size: "0.25 vCPU" → "256".
// nullopt for text that is not a positive whole number of units.
std::optional<std::string> normalize_task_cpu(std::string_view text);
// model::parse_memory_mib as ECS returns the size: "1 GB" → "1024".
std::optional<std::string> normalize_task_memory(std::string_view text);

// Whether (cpu units, memory MiB) is one of Fargate's task sizes.
bool is_fargate_size(long cpu, long memory);

}  // namespace berth::api::ecs

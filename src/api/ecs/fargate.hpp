#pragma once
// Task sizes: the units clients may write them in, and the CPU/memory pairs Fargate offers.
#include <optional>
#include <string>
#include <string_view>

namespace berth::api::ecs {

// "256", "0.25 vCPU", "1 vcpu" → "256", "256", "1024" (CPU units, as ECS returns them).
// nullopt for text that is not a positive whole number of units.
std::optional<std::string> normalize_task_cpu(std::string_view text);
// "512", "512 MiB", "1 GB", "0.5GB" → "512", "512", "1024", "512" (MiB, as ECS returns them).
std::optional<std::string> normalize_task_memory(std::string_view text);

// Whether (cpu units, memory MiB) is one of Fargate's task sizes.
bool is_fargate_size(long cpu, long memory);

}  // namespace berth::api::ecs

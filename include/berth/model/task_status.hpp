#pragma once
// ECS task and container statuses as an ordered enum, as in the ECS agent: "known is behind
// desired" is an integer comparison.
#include <cstdint>
#include <optional>
#include <string_view>

namespace berth::model {

enum class TaskStatus : std::uint8_t {
    provisioning,
    pending,
    activating,
    running,
    deactivating,
    stopping,
    deprovisioning,
    stopped,
};

std::string_view to_string(TaskStatus s);  // "PROVISIONING", ...
std::optional<TaskStatus> parse_task_status(std::string_view s);
// Whether the lifecycle may move from `from` to `to` (forward only; any state may jump to
// stopped when a start fails).
bool is_allowed_transition(TaskStatus from, TaskStatus to);

enum class HealthStatus : std::uint8_t { unknown, healthy, unhealthy };
std::string_view to_string(HealthStatus s);  // "UNKNOWN" | "HEALTHY" | "UNHEALTHY"

}  // namespace berth::model

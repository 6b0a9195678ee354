#include "berth/model/task_status.hpp"

#include <array>

namespace berth::model {

namespace {
constexpr std::array<std::string_view, 8> k_task_status_names{
    "PROVISIONING", "PENDING", "ACTIVATING", "RUNNING",
    "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"};
}

std::string_view to_string(TaskStatus s) { return k_task_status_names[static_cast<int>(s)]; }

std::optional<TaskStatus> parse_task_status(std::string_view s) {
    for (std::size_t i = 0; i < k_task_status_names.size(); ++i) {
        if (k_task_status_names[i] == s) return static_cast<TaskStatus>(i);
    }
    return std::nullopt;
}

bool is_allowed_transition(TaskStatus from, TaskStatus to) {
    if (from == TaskStatus::stopped) return false;
    return static_cast<int>(to) > static_cast<int>(from);
}

std::string_view to_string(HealthStatus s) {
    switch (s) {
        case HealthStatus::healthy:
            return "HEALTHY";
        case HealthStatus::unhealthy:
            return "UNHEALTHY";
        case HealthStatus::unknown:
            break;
    }
    return "UNKNOWN";
}

}  // namespace berth::model

#pragma once
// Task scale-in protection's rules, shared by the ECS API (GetTaskProtection,
// UpdateTaskProtection) and the endpoint a task's own containers call
// ($ECS_AGENT_URI/task-protection/v1/state, edge/task_endpoints). The scheduler only reads the
// outcome, model::is_protected.
#include <chrono>
#include <optional>
#include <string>

#include "berth/model/task.hpp"

namespace berth::model {

// ECS's bounds and default for expiresInMinutes (48 hours, 2 hours).
inline constexpr int k_protection_min_minutes = 1;
inline constexpr int k_protection_max_minutes = 2880;
inline constexpr int k_protection_default_minutes = 120;

// Why the task cannot carry protection (a Failure's reason), or null when it can: only live
// tasks that a service owns are protected. A null task is "MISSING".
const char* protection_refusal(const Task* task);

// InvalidParameterException's message for an expiresInMinutes outside ECS's range, or empty.
std::string protection_minutes_error(int minutes);

// Turns protection on for `lasts` from `now` (enabling again restarts the expiry) or off.
void set_protection(Task& task, bool enable, std::chrono::minutes lasts, TimePoint now);

}  // namespace berth::model

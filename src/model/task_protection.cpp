#include "berth/model/task_protection.hpp"

#include "berth/model/task_predicates.hpp"

namespace berth::model {

const char* protection_refusal(const Task* task) {
    if (!task) return "MISSING";
    if (owner_of(*task).empty() || is_dead(*task)) return "TASK_NOT_VALID";
    return nullptr;
}

std::string protection_minutes_error(int minutes) {
    if (minutes >= k_protection_min_minutes && minutes <= k_protection_max_minutes) return {};
    return "expiresInMinutes must be between " + std::to_string(k_protection_min_minutes) +
           " and " + std::to_string(k_protection_max_minutes) + " minutes.";
}

void set_protection(Task& task, bool enable, std::chrono::minutes lasts, TimePoint now) {
    task.protected_until = enable ? std::optional(now + lasts) : std::nullopt;
}

}  // namespace berth::model

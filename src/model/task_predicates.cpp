#include "berth/model/task_predicates.hpp"

#include <algorithm>

namespace berth::model {

bool has_health_check(const Task& t) {
    return std::any_of(t.containers.begin(), t.containers.end(),
                       [](const TaskContainer& c) { return c.essential && c.has_health_check; });
}

bool targets_healthy(const Task& t) {
    return std::all_of(t.targets.begin(), t.targets.end(),
                       [](const TaskTarget& x) { return x.status == TargetStatus::healthy; });
}

const TaskTarget* unhealthy_target(const Task& t) {
    for (const auto& x : t.targets) {
        if (x.status == TargetStatus::unhealthy) return &x;
    }
    return nullptr;
}

std::string_view owner_of(const Task& t) {
    if (!t.service_name.empty()) return t.service_name;
    constexpr std::string_view prefix = "service:";
    std::string_view group = t.group;
    if (group.starts_with(prefix)) return group.substr(prefix.size());
    return {};
}

}  // namespace berth::model

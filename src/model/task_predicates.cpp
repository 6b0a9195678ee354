#include "berth/model/task_predicates.hpp"

#include <algorithm>

namespace berth::model {

bool has_health_check(const Task& t) {
    return std::any_of(t.containers.begin(), t.containers.end(),
                       [](const TaskContainer& c) { return c.essential && c.has_health_check; });
}

std::string_view owner_of(const Task& t) {
    if (!t.service_name.empty()) return t.service_name;
    constexpr std::string_view prefix = "service:";
    std::string_view group = t.group;
    if (group.starts_with(prefix)) return group.substr(prefix.size());
    return {};
}

}  // namespace berth::model

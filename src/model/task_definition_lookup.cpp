#include "berth/model/task_definition_lookup.hpp"

#include <charconv>
#include <string>

namespace berth::model {

const TaskDefinition* find_task_definition(const Partition& p, std::string_view arn) {
    auto slash = arn.rfind('/');
    auto family_revision = slash == std::string_view::npos ? arn : arn.substr(slash + 1);
    auto colon = family_revision.rfind(':');
    if (colon == std::string_view::npos) return nullptr;
    int revision = 0;
    auto digits = family_revision.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), revision);
    if (ec != std::errc{} || end != digits.data() + digits.size() || revision < 1) return nullptr;
    auto it = p.task_definitions.find(std::string(family_revision.substr(0, colon)));
    if (it == p.task_definitions.end()) return nullptr;
    if (static_cast<std::size_t>(revision) > it->second.size()) return nullptr;
    const auto& td = it->second[static_cast<std::size_t>(revision - 1)];
    return td.revision == revision ? &td : nullptr;
}

// From the task's own family and revision: no ARN to take apart (the runtime's sweep asks
// this of every task on every pass).
const TaskDefinition* task_definition_of(const Partition& p, const Task& task) {
    auto it = p.task_definitions.find(task.family);
    if (it == p.task_definitions.end() || task.revision < 1) return nullptr;
    if (static_cast<std::size_t>(task.revision) > it->second.size()) return nullptr;
    const auto& td = it->second[static_cast<std::size_t>(task.revision - 1)];
    return td.arn == task.task_definition_arn ? &td : nullptr;
}

}  // namespace berth::model

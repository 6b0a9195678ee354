#include "berth/model/task_definition_lookup.hpp"

#include <algorithm>
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
    return find_revision(it->second, revision);
}

// From the task's own family and revision: no ARN to take apart (the runtime's sweep asks
// this of every task on every pass).
const TaskDefinition* task_definition_of(const Partition& p, const Task& task) {
    auto it = p.task_definitions.find(task.family);
    if (it == p.task_definitions.end()) return nullptr;
    const auto* td = find_revision(it->second, task.revision);
    return td && td->arn == task.task_definition_arn ? td : nullptr;
}

const TaskDefinition* find_revision(const std::vector<TaskDefinition>& revisions, int revision) {
    // Revision n sits at index n-1 until a deleted revision before it is gone: try there first.
    const auto index = static_cast<std::size_t>(revision - 1);
    if (revision >= 1 && index < revisions.size() && revisions[index].revision == revision) {
        return &revisions[index];
    }
    auto it = std::lower_bound(revisions.begin(), revisions.end(), revision,
                               [](const TaskDefinition& td, int n) { return td.revision < n; });
    return it != revisions.end() && it->revision == revision ? &*it : nullptr;
}

int next_revision(const std::vector<TaskDefinition>& revisions) {
    return revisions.empty() ? 1 : revisions.back().revision + 1;
}

}  // namespace berth::model

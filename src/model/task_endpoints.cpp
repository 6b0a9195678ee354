#include "berth/model/task_endpoints.hpp"

namespace berth::model {

namespace {

template <class Map>
void erase_task(Map& ids, const std::string& task_arn) {
    std::erase_if(ids, [&](const auto& entry) { return entry.second == task_arn; });
}

}  // namespace

void TaskEndpointIndex::put(TaskEndpoints task) {
    std::lock_guard lock(mutex_);
    const std::string arn = task.task_arn;
    erase_task(metadata_ids_, arn);
    erase_task(credentials_ids_, arn);
    for (const auto& c : task.containers) metadata_ids_[c.metadata_id] = arn;
    if (!task.credentials_id.empty()) credentials_ids_[task.credentials_id] = arn;
    by_arn_[arn] = std::move(task);
}

void TaskEndpointIndex::set_started(const std::string& task_arn, const std::string& container_name,
                                    StartedContainer started) {
    std::lock_guard lock(mutex_);
    auto it = by_arn_.find(task_arn);
    if (it == by_arn_.end()) return;
    for (auto& c : it->second.containers) {
        if (c.name == container_name) c.started = std::move(started);
    }
}

void TaskEndpointIndex::forget(const std::string& task_arn) {
    std::lock_guard lock(mutex_);
    erase_task(metadata_ids_, task_arn);
    erase_task(credentials_ids_, task_arn);
    by_arn_.erase(task_arn);
}

std::optional<TaskEndpointIndex::ContainerMatch> TaskEndpointIndex::by_metadata_id(
    std::string_view id) const {
    std::lock_guard lock(mutex_);
    auto it = metadata_ids_.find(id);
    if (it == metadata_ids_.end()) return std::nullopt;
    const auto& task = by_arn_.at(it->second);
    for (const auto& c : task.containers) {
        if (c.metadata_id == id) return ContainerMatch{task, c.name};
    }
    return std::nullopt;
}

std::optional<TaskEndpoints> TaskEndpointIndex::by_credentials_id(std::string_view id) const {
    std::lock_guard lock(mutex_);
    auto it = credentials_ids_.find(id);
    if (it == credentials_ids_.end()) return std::nullopt;
    return by_arn_.at(it->second);
}

std::optional<TaskEndpoints> TaskEndpointIndex::by_task_arn(const std::string& task_arn) const {
    std::lock_guard lock(mutex_);
    auto it = by_arn_.find(task_arn);
    if (it == by_arn_.end()) return std::nullopt;
    return it->second;
}

}  // namespace berth::model

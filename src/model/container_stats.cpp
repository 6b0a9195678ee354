#include "berth/model/container_stats.hpp"

#include <algorithm>

namespace berth::model {

void ContainerStatsStore::want(const std::string& task_arn, TimePoint now) {
    {
        std::lock_guard lock(mutex_);
        auto [it, added] = wanted_.insert_or_assign(task_arn, now);
        if (!added) return;
        fresh_demand_ = true;
    }
    demand_.notify_all();
}

std::vector<std::string> ContainerStatsStore::wanted_since(TimePoint since) {
    std::lock_guard lock(mutex_);
    std::erase_if(wanted_, [&](const auto& entry) { return entry.second < since; });
    std::vector<std::string> arns;
    for (const auto& [arn, at] : wanted_) arns.push_back(arn);
    return arns;
}

void ContainerStatsStore::wait_for_demand(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    demand_.wait_for(lock, timeout, [&] { return fresh_demand_; });
    fresh_demand_ = false;
}

void ContainerStatsStore::wake() {
    {
        std::lock_guard lock(mutex_);
        fresh_demand_ = true;
    }
    demand_.notify_all();
}

void ContainerStatsStore::put(const std::string& docker_id, nlohmann::json sample) {
    {
        std::lock_guard lock(mutex_);
        samples_[docker_id] = std::move(sample);
    }
    sampled_.notify_all();
}

std::optional<nlohmann::json> ContainerStatsStore::latest(const std::string& docker_id) const {
    std::lock_guard lock(mutex_);
    auto it = samples_.find(docker_id);
    if (it == samples_.end()) return std::nullopt;
    return it->second;
}

bool ContainerStatsStore::wait_for_samples(const std::vector<std::string>& docker_ids,
                                           std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return sampled_.wait_for(lock, timeout, [&] {
        return std::all_of(docker_ids.begin(), docker_ids.end(),
                           [&](const std::string& id) { return samples_.contains(id); });
    });
}

void ContainerStatsStore::forget(const std::vector<std::string>& docker_ids) {
    std::lock_guard lock(mutex_);
    for (const auto& id : docker_ids) samples_.erase(id);
}

}  // namespace berth::model

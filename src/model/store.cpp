#include "berth/model/store.hpp"

namespace berth::model {

Partition& Store::partition_locked(const PartitionKey& key) {
    auto [it, inserted] = partitions_.try_emplace(key);
    if (inserted) it->second.key = key;
    return it->second;
}

std::vector<Partition> Store::snapshot() const {
    return versioned_snapshot().first;
}

std::pair<std::vector<Partition>, std::uint64_t> Store::versioned_snapshot() const {
    std::lock_guard lock(mutex_);
    std::vector<Partition> out;
    out.reserve(partitions_.size());
    for (const auto& [key, p] : partitions_) out.push_back(p);
    return {std::move(out), version_};
}

std::uint64_t Store::version() const {
    std::lock_guard lock(mutex_);
    return version_;
}

void Store::on_change(Listener listener) {
    std::lock_guard lock(listeners_mutex_);
    listeners_.push_back(std::move(listener));
}

void Store::notify() {
    std::vector<Listener> copy;
    {
        std::lock_guard lock(listeners_mutex_);
        copy = listeners_;
    }
    for (auto& l : copy) l();
}

}  // namespace berth::model

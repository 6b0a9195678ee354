// LogStore: groups, streams, retention and tags. Appending and eviction: log_store_events.cpp.
#include "berth/model/log_store.hpp"

#include <chrono>
#include <limits>
#include <mutex>

namespace berth::model {

namespace {

std::int64_t system_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
        .count();
}

}  // namespace

LogStore::LogStore(std::size_t max_events) : LogStore(max_events, LogStoreOptions{}) {}

LogStore::LogStore(std::size_t max_events, LogStoreOptions options)
    : max_events_(max_events), options_(std::move(options)) {
    if (!options_.now_ms) options_.now_ms = system_now_ms;
}

std::int64_t LogStore::expired_before(const LogGroup& group, std::int64_t now_ms) {
    if (!group.retention_days) return std::numeric_limits<std::int64_t>::min();
    return now_ms - std::int64_t{*group.retention_days} * 24 * 3600 * 1000;
}

LogGroup* LogStore::find_group_locked(const PartitionKey& key, std::string_view group) {
    auto p = partitions_.find(key);
    if (p == partitions_.end()) return nullptr;
    auto g = p->second.groups.find(group);
    return g == p->second.groups.end() ? nullptr : &g->second;
}

bool LogStore::group_exists(const PartitionKey& key, std::string_view group) const {
    return read(key, [&](const LogPartition& p) { return p.groups.contains(group); });
}

void LogStore::create_group(const PartitionKey& key, std::string_view group) {
    add_group(key, group, {});
}

bool LogStore::add_group(const PartitionKey& key, std::string_view group, Tags tags) {
    std::unique_lock lock(mutex_);
    ++version_;
    auto& groups = partitions_[key].groups;
    if (groups.contains(group)) return false;
    LogGroup g;
    g.name = std::string(group);
    g.creation_ms = options_.now_ms();
    g.tags = std::move(tags);
    groups.emplace(g.name, std::move(g));
    return true;
}

DeleteResult LogStore::delete_group(const PartitionKey& key, std::string_view group) {
    std::unique_lock lock(mutex_);
    ++version_;
    auto p = partitions_.find(key);
    if (p == partitions_.end()) return DeleteResult::no_group;
    auto g = p->second.groups.find(group);
    if (g == p->second.groups.end()) return DeleteResult::no_group;
    for (const auto& [name, stream] : g->second.streams) forget_stream_locked(stream);
    p->second.groups.erase(g);
    return DeleteResult::deleted;
}

LogStream& LogStore::stream_locked(LogGroup& group, std::string_view name) {
    auto it = group.streams.find(name);
    if (it != group.streams.end()) return it->second;
    LogStream s;
    s.name = std::string(name);
    s.creation_ms = options_.now_ms();
    s.id = next_stream_id_++;
    auto& stream = group.streams.emplace(s.name, std::move(s)).first->second;
    streams_by_id_[stream.id] = &stream;
    return stream;
}

void LogStore::forget_stream_locked(const LogStream& stream) {
    events_ -= stream.events.size();
    bytes_ -= stream.stored_bytes;
    streams_by_id_.erase(stream.id);  // its batches go at the next eviction or compaction
}

bool LogStore::create_stream(const PartitionKey& key, std::string_view group,
                             std::string_view stream) {
    return add_stream(key, group, stream) != StreamResult::no_group;
}

StreamResult LogStore::add_stream(const PartitionKey& key, std::string_view group,
                                  std::string_view stream) {
    std::unique_lock lock(mutex_);
    ++version_;
    auto* g = find_group_locked(key, group);
    if (!g) return StreamResult::no_group;
    if (g->streams.contains(stream)) return StreamResult::exists;
    stream_locked(*g, stream);
    return StreamResult::created;
}

DeleteResult LogStore::delete_stream(const PartitionKey& key, std::string_view group,
                                     std::string_view stream) {
    std::unique_lock lock(mutex_);
    ++version_;
    auto* g = find_group_locked(key, group);
    if (!g) return DeleteResult::no_group;
    auto it = g->streams.find(stream);
    if (it == g->streams.end()) return DeleteResult::no_stream;
    forget_stream_locked(it->second);
    g->streams.erase(it);
    return DeleteResult::deleted;
}

bool LogStore::set_retention(const PartitionKey& key, std::string_view group,
                             std::optional<int> days) {
    std::unique_lock lock(mutex_);
    ++version_;
    auto* g = find_group_locked(key, group);
    if (!g) return false;
    g->retention_days = days;
    for (auto& [name, stream] : g->streams) trim_expired_locked(*g, stream);
    return true;
}

bool LogStore::tag_group(const PartitionKey& key, std::string_view group, const Tags& tags) {
    std::unique_lock lock(mutex_);
    ++version_;
    auto* g = find_group_locked(key, group);
    if (g) merge_tags(g->tags, tags);
    return g != nullptr;
}

bool LogStore::untag_group(const PartitionKey& key, std::string_view group,
                           const std::vector<std::string>& keys) {
    std::unique_lock lock(mutex_);
    ++version_;
    auto* g = find_group_locked(key, group);
    if (g) remove_tags(g->tags, keys);
    return g != nullptr;
}

std::uint64_t LogStore::version() const {
    std::shared_lock lock(mutex_);
    return version_;
}

std::size_t LogStore::size() const {
    std::shared_lock lock(mutex_);
    return events_;
}

std::size_t LogStore::queued_batches() const {
    std::shared_lock lock(mutex_);
    return batches_.size();
}

std::uint64_t LogStore::bytes() const {
    std::shared_lock lock(mutex_);
    return bytes_;
}

}  // namespace berth::model

#pragma once
// CloudWatch Logs state: log groups, their streams and events, per (account, region). Behind
// its own lock, not the Store's: a chatty container appending events never wakes or slows the
// ECS loops. Bounded: past max_events (or max_bytes of messages) stored events, the oldest go,
// batch by batch in the order they were ingested (within a stream, the earliest timestamps).
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "berth/model/common.hpp"

namespace berth::model {

struct LogEvent {
    std::int64_t timestamp_ms = 0;
    std::string message;
};

// An event as stored. (timestamp_ms, seq) is its place in the store's total order: seq is
// unique store-wide and grows with every event ingested, so events with equal timestamps
// keep the order they arrived in, across streams too.
struct StoredLogEvent {
    std::int64_t timestamp_ms = 0;
    std::int64_t ingestion_ms = 0;
    std::uint64_t seq = 0;
    std::string message;
};

struct LogStream {
    std::string name;
    std::int64_t creation_ms = 0;
    std::uint64_t id = 0;                // store-wide, for the eviction queue
    std::deque<StoredLogEvent> events;   // sorted by (timestamp_ms, seq)
    std::int64_t last_ingestion_ms = 0;  // 0: nothing ever ingested
    std::uint64_t stored_bytes = 0;      // message bytes of the events held
};

struct LogGroup {
    std::string name;
    std::int64_t creation_ms = 0;
    std::optional<int> retention_days;  // none: never expire
    Tags tags;
    std::map<std::string, LogStream, std::less<>> streams;  // by name
};

struct LogPartition {
    std::map<std::string, LogGroup, std::less<>> groups;  // by name
};

struct LogStoreOptions {
    std::uint64_t max_bytes = 0;           // 0: no cap on message bytes, only on events
    std::function<std::int64_t()> now_ms;  // default: the system clock
    // Called once, outside the lock, the first time events are dropped for room.
    std::function<void(std::size_t max_events)> on_first_eviction;
};

enum class StreamResult : std::uint8_t { created, exists, no_group };
enum class AppendResult : std::uint8_t { appended, no_group, no_stream };
enum class DeleteResult : std::uint8_t { deleted, no_group, no_stream };

class LogStore {
  public:
    explicit LogStore(std::size_t max_events);
    LogStore(std::size_t max_events, LogStoreOptions options);

    bool group_exists(const PartitionKey&, std::string_view group) const;
    void create_group(const PartitionKey&, std::string_view group);  // no-op when it exists
    // CreateLogGroup: false when the group exists already (nothing changes then).
    bool add_group(const PartitionKey&, std::string_view group, Tags tags);
    DeleteResult delete_group(const PartitionKey&, std::string_view group);

    // Creates the stream when missing; false when the group does not exist.
    bool create_stream(const PartitionKey&, std::string_view group, std::string_view stream);
    StreamResult add_stream(const PartitionKey&, std::string_view group, std::string_view stream);
    DeleteResult delete_stream(const PartitionKey&, std::string_view group,
                               std::string_view stream);

    // Appends events (chronological within the batch) to the stream, ingestion time now;
    // creates the stream when missing; false when the group does not exist.
    bool append(const PartitionKey&, std::string_view group, std::string_view stream,
                std::vector<LogEvent> events);
    // As append, but the stream must exist (PutLogEvents).
    AppendResult append_existing(const PartitionKey&, std::string_view group,
                                 std::string_view stream, std::vector<LogEvent> events);

    // Retention and tags of a group; false when the group does not exist.
    bool set_retention(const PartitionKey&, std::string_view group, std::optional<int> days);
    bool tag_group(const PartitionKey&, std::string_view group, const Tags& tags);
    bool untag_group(const PartitionKey&, std::string_view group,
                     const std::vector<std::string>& keys);

    // Runs f(const LogPartition&) under the shared lock; an unseen partition reads as empty.
    // Events older than a group's retention may still be held: readers skip them
    // (expired_before), the next append to the stream drops them.
    template <class F>
    auto read(const PartitionKey& key, F&& f) const {
        std::shared_lock lock(mutex_);
        auto it = partitions_.find(key);
        return f(it == partitions_.end() ? empty_ : it->second);
    }

    // For the state files (persist): the write count; f(key, partition) for every partition
    // under the shared lock, returning the count they are as of; and the partitions read back
    // at start, in place of anything held (ids, sizes and the eviction queue are rebuilt).
    std::uint64_t version() const;
    template <class F>
    std::uint64_t read_all(F&& f) const {
        std::shared_lock lock(mutex_);
        for (const auto& [key, partition] : partitions_) f(key, partition);
        return version_;
    }
    void restore(std::map<PartitionKey, LogPartition> partitions);

    // The first timestamp a group's retention still keeps at `now_ms`; INT64_MIN without one.
    static std::int64_t expired_before(const LogGroup& group, std::int64_t now_ms);
    std::int64_t now_ms() const { return options_.now_ms(); }

    std::size_t size() const;  // events held, all partitions
    std::uint64_t bytes() const;
    std::size_t max_events() const { return max_events_; }
    std::size_t queued_batches() const;  // the eviction queue's length (stays O(size()))

  private:
    struct Batch {
        std::uint64_t stream_id;
        std::size_t count;
    };

    LogGroup* find_group_locked(const PartitionKey&, std::string_view group);
    LogStream& stream_locked(LogGroup& group, std::string_view stream);
    void insert_locked(LogGroup& group, LogStream& stream, std::vector<LogEvent> events);
    void trim_expired_locked(const LogGroup& group, LogStream& stream);
    void forget_stream_locked(const LogStream& stream);
    bool evict_locked();  // true when this call dropped the store's first events
    void compact_batches_locked();
    void after_append(bool first_eviction);

    std::size_t max_events_;
    LogStoreOptions options_;
    mutable std::shared_mutex mutex_;
    std::map<PartitionKey, LogPartition> partitions_;
    LogPartition empty_;
    std::unordered_map<std::uint64_t, LogStream*> streams_by_id_;  // map nodes are stable
    std::deque<Batch> batches_;                                    // ingestion order, for eviction
    std::size_t events_ = 0;
    std::uint64_t bytes_ = 0;
    std::uint64_t next_seq_ = 1;
    std::uint64_t next_stream_id_ = 1;
    std::uint64_t version_ = 0;
    bool evicted_ = false;
};

}  // namespace berth::model

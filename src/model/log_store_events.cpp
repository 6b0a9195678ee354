// LogStore: appending events, retention trimming and the bound on what is held.
#include <algorithm>
#include <mutex>
#include <utility>
#include <vector>

#include "berth/model/log_store.hpp"

namespace berth::model {

bool LogStore::append(const PartitionKey& key, std::string_view group, std::string_view stream,
                      std::vector<LogEvent> events) {
    bool first_eviction = false;
    {
        std::unique_lock lock(mutex_);
        ++version_;
        auto* g = find_group_locked(key, group);
        if (!g) return false;
        insert_locked(*g, stream_locked(*g, stream), std::move(events));
        first_eviction = evict_locked();
    }
    after_append(first_eviction);
    return true;
}

AppendResult LogStore::append_existing(const PartitionKey& key, std::string_view group,
                                       std::string_view stream, std::vector<LogEvent> events) {
    bool first_eviction = false;
    {
        std::unique_lock lock(mutex_);
        ++version_;
        auto* g = find_group_locked(key, group);
        if (!g) return AppendResult::no_group;
        auto it = g->streams.find(stream);
        if (it == g->streams.end()) return AppendResult::no_stream;
        insert_locked(*g, it->second, std::move(events));
        first_eviction = evict_locked();
    }
    after_append(first_eviction);
    return AppendResult::appended;
}

void LogStore::after_append(bool first_eviction) {
    if (first_eviction && options_.on_first_eviction) options_.on_first_eviction(max_events_);
}

// Batches arrive chronological, usually later than all the stream holds: then it is a
// push_back per event. An earlier event goes after every event of its timestamp, so
// (timestamp, seq) stays sorted.
void LogStore::insert_locked(LogGroup& group, LogStream& stream, std::vector<LogEvent> events) {
    if (events.empty()) return;
    const auto now = options_.now_ms();
    for (auto& e : events) {
        StoredLogEvent s{e.timestamp_ms, now, next_seq_++, std::move(e.message)};
        stream.stored_bytes += s.message.size();
        bytes_ += s.message.size();
        if (stream.events.empty() || stream.events.back().timestamp_ms <= s.timestamp_ms) {
            stream.events.push_back(std::move(s));
        } else {
            auto at = std::upper_bound(
                stream.events.begin(), stream.events.end(), s.timestamp_ms,
                [](std::int64_t t, const StoredLogEvent& x) { return t < x.timestamp_ms; });
            stream.events.insert(at, std::move(s));
        }
    }
    events_ += events.size();
    stream.last_ingestion_ms = now;
    batches_.push_back({stream.id, events.size()});
    trim_expired_locked(group, stream);
}

void LogStore::trim_expired_locked(const LogGroup& group, LogStream& stream) {
    const auto cutoff = expired_before(group, options_.now_ms());
    while (!stream.events.empty() && stream.events.front().timestamp_ms < cutoff) {
        stream.stored_bytes -= stream.events.front().message.size();
        bytes_ -= stream.events.front().message.size();
        --events_;
        stream.events.pop_front();
    }
}

// Drops from the stream of the oldest batch still held, earliest timestamps first. A batch
// may count more than its stream still holds (retention trimmed it, or the stream is gone):
// it is skipped then.
bool LogStore::evict_locked() {
    const bool was_evicted = evicted_;
    auto over = [&] {
        return events_ > max_events_ || (options_.max_bytes != 0 && bytes_ > options_.max_bytes);
    };
    while (over() && !batches_.empty()) {
        auto& batch = batches_.front();
        auto it = streams_by_id_.find(batch.stream_id);
        if (batch.count == 0 || it == streams_by_id_.end() || it->second->events.empty()) {
            batches_.pop_front();
            continue;
        }
        auto& stream = *it->second;
        stream.stored_bytes -= stream.events.front().message.size();
        bytes_ -= stream.events.front().message.size();
        stream.events.pop_front();
        --events_;
        --batch.count;
        evicted_ = true;
    }
    compact_batches_locked();
    return evicted_ && !was_evicted;
}

// Keeps the eviction queue no longer than what it describes: from the newest batch back, each
// stream's batches count at most the events the stream holds; the rest go.
void LogStore::compact_batches_locked() {
    if (batches_.size() <= 2 * events_ + 1024) return;
    std::unordered_map<std::uint64_t, std::size_t> left;
    for (const auto& [id, stream] : streams_by_id_) left[id] = stream->events.size();
    std::deque<Batch> kept;
    for (auto it = batches_.rbegin(); it != batches_.rend(); ++it) {
        auto& room = left[it->stream_id];
        const auto take = std::min(room, it->count);
        if (take == 0) continue;
        room -= take;
        kept.push_front({it->stream_id, take});
    }
    batches_ = std::move(kept);
}

// The eviction queue of restored streams: runs of consecutive seq in one stream, oldest first,
// as the batches that ingested them would have been (close enough: eviction still drops the
// earliest ingested first).
void LogStore::restore(std::map<PartitionKey, LogPartition> partitions) {
    std::unique_lock lock(mutex_);
    ++version_;
    partitions_ = std::move(partitions);
    streams_by_id_.clear();
    batches_.clear();
    events_ = 0;
    bytes_ = 0;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> order;  // (seq, stream id)
    for (auto& [key, partition] : partitions_) {
        for (auto& [group_name, group] : partition.groups) {
            for (auto& [stream_name, stream] : group.streams) {
                stream.id = next_stream_id_++;
                streams_by_id_[stream.id] = &stream;
                stream.stored_bytes = 0;
                for (const auto& e : stream.events) {
                    stream.stored_bytes += e.message.size();
                    next_seq_ = std::max(next_seq_, e.seq + 1);
                    order.emplace_back(e.seq, stream.id);
                }
                events_ += stream.events.size();
                bytes_ += stream.stored_bytes;
            }
        }
    }
    std::sort(order.begin(), order.end());
    for (const auto& [seq, stream_id] : order) {
        if (!batches_.empty() && batches_.back().stream_id == stream_id) {
            ++batches_.back().count;
        } else {
            batches_.push_back({stream_id, 1});
        }
    }
    evict_locked();  // a smaller --log-events-max than the run that wrote them
}

}  // namespace berth::model

// FilterLogEvents: the matching events of many streams of a group, interleaved by time (the
// store's (timestamp, seq) order), paged by a token naming the last event a page covered.
#include <algorithm>
#include <cstdio>
#include <queue>

#include "api/logs/event_page.hpp"
#include "api/logs/filter_pattern.hpp"
#include "api/logs/handlers.hpp"
#include "api/logs/put_batch.hpp"
#include "api/logs/request.hpp"

namespace berth::api::logs {

using nlohmann::json;
using protocol::RequestContext;

namespace {

// Events looked at per call, matching or not. A page that stops here carries a nextToken even
// when it holds fewer events, as AWS's pages do.
constexpr std::size_t k_scan_budget = 250'000;
// Events copied out per turn of the read lock: matching (JSON parsing above all) runs outside
// the lock, so a slow pattern never holds up PutLogEvents for long.
constexpr std::size_t k_chunk = 4'096;
constexpr std::size_t k_max_page_bytes = 1'048'576;

struct Cursor {
    const model::LogStream* stream;
    std::size_t at;
    std::size_t end;
    EventKey key() const {
        const auto& e = stream->events[at];
        return {e.timestamp_ms, e.seq};
    }
};

std::size_t first_at_or_after(const std::deque<model::StoredLogEvent>& events, EventKey k) {
    return static_cast<std::size_t>(
        std::lower_bound(events.begin(), events.end(), k,
                         [](const auto& e, EventKey key) {
                             return EventKey{e.timestamp_ms, e.seq} < key;
                         }) -
        events.begin());
}

std::vector<const model::LogStream*> streams_to_search(const model::LogGroup& g,
                                                       const json& input) {
    std::vector<const model::LogStream*> out;
    if (input.contains("logStreamNames")) {
        for (const auto& name : input.at("logStreamNames")) {
            auto it = g.streams.find(name.get<std::string>());
            // AWS answers a missing named stream so (seen for one name; for one missing among
            // several, a guess).
            if (it == g.streams.end()) throw errors::stream_not_found();
            out.push_back(&it->second);
        }
        return out;
    }
    const auto prefix = input.value("logStreamNamePrefix", "");
    for (auto it = g.streams.lower_bound(prefix);
         it != g.streams.end() && it->first.starts_with(prefix); ++it) {
        out.push_back(&it->second);
    }
    return out;
}

std::string event_id(std::uint64_t seq) {
    char text[24];
    std::snprintf(text, sizeof text, "%020llu", static_cast<unsigned long long>(seq));
    return text;
}

struct Candidate {
    std::string stream;
    model::StoredLogEvent event;
    EventKey key() const { return {event.timestamp_ms, event.seq}; }
};

struct Chunk {
    std::vector<Candidate> events;  // in (timestamp, seq) order across the streams
    bool more = false;              // events remain past the chunk
};

// Under the read lock: the next `count` events of the streams from `from` (inclusive) up to
// end_ms, merged by time.
Chunk next_chunk(const std::vector<const model::LogStream*>& streams, EventKey from,
                 std::int64_t end_ms, std::size_t count) {
    auto later = [](const Cursor& a, const Cursor& b) { return b.key() < a.key(); };
    std::priority_queue<Cursor, std::vector<Cursor>, decltype(later)> heap(later);
    for (const auto* stream : streams) {
        Cursor c{stream, first_at_or_after(stream->events, from),
                 first_at_or_after(stream->events, {end_ms, 0})};
        if (c.at < c.end) heap.push(c);
    }
    Chunk chunk;
    chunk.events.reserve(std::min(count, k_chunk));
    while (!heap.empty() && chunk.events.size() < count) {
        auto c = heap.top();
        heap.pop();
        chunk.events.push_back({c.stream->name, c.stream->events[c.at]});
        if (++c.at < c.end) heap.push(c);
    }
    chunk.more = !heap.empty();
    return chunk;
}

struct Search {
    model::PartitionKey key;
    std::string group;
    const json& input;
    EventKey from;  // inclusive; raised to the group's retention cutoff
    std::int64_t end_ms;
    std::size_t limit;
    const FilterPattern& pattern;
};

json search(const model::LogStore& logs, Search s) {
    json events = json::array();
    std::size_t scanned = 0, bytes = 0;
    std::optional<EventKey> last;  // the last event looked at
    bool more = true;
    const auto now = logs.now_ms();
    while (more && events.size() < s.limit && scanned < k_scan_budget) {
        auto chunk = logs.read(s.key, [&](const model::LogPartition& p) {
            const auto* g = find_group(p, s.group);
            if (!g) throw errors::group_not_found();
            s.from = std::max(s.from, EventKey{model::LogStore::expired_before(*g, now), 0});
            return next_chunk(streams_to_search(*g, s.input), s.from, s.end_ms,
                              std::min(k_chunk, k_scan_budget - scanned));
        });
        more = chunk.more;
        for (std::size_t i = 0; i < chunk.events.size(); ++i) {
            const auto& c = chunk.events[i];
            const auto size = c.event.message.size() + k_event_overhead_bytes;
            if (s.pattern.matches(c.event.message)) {
                if (bytes + size > k_max_page_bytes) {
                    more = true;
                    break;
                }
                bytes += size;
                events.push_back({{"logStreamName", c.stream},
                                  {"timestamp", c.event.timestamp_ms},
                                  {"message", c.event.message},
                                  {"ingestionTime", c.event.ingestion_ms},
                                  {"eventId", event_id(c.event.seq)}});
            }
            ++scanned;
            last = c.key();
            if (events.size() == s.limit) {
                more = more || i + 1 < chunk.events.size();
                break;
            }
        }
        if (last) s.from = {last->timestamp_ms, last->seq + 1};
    }
    // searchedLogStreams: AWS has returned an empty list since it stopped reporting it.
    json out{{"events", std::move(events)}, {"searchedLogStreams", json::array()}};
    if (more && last) out["nextToken"] = encode_token({true, *last});
    return out;
}

}  // namespace

json filter_log_events(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto group = group_named_in(key, input);
    if (input.contains("logStreamNames") && input.contains("logStreamNamePrefix")) {
        throw errors::invalid("You cannot specify both logStreamNames and logStreamNamePrefix.");
    }
    if (!input.value("startFromHead", true)) {
        throw errors::invalid(
            "Berth returns FilterLogEvents oldest first only: startFromHead false is not "
            "supported.");
    }
    const auto pattern = FilterPattern::parse(input.value("filterPattern", ""));
    EventKey from{input.value("startTime", std::int64_t{0}), 0};
    if (input.contains("nextToken")) {
        const auto token = decode_token(input.at("nextToken").get<std::string>());
        from = std::max(from, EventKey{token.key.timestamp_ms, token.key.seq + 1});
    }
    const auto end_ms = input.value("endTime", std::numeric_limits<std::int64_t>::max());
    return search(env.logs, {key, group, input, from, end_ms, limit_of(input, 10'000), pattern});
}

}  // namespace berth::api::logs

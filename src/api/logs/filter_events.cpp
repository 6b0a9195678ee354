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

// Events looked at per call, matching or not: bounds how long one call holds the read lock.
// A page that stops here carries a nextToken even when it holds fewer events, as AWS's do.
constexpr std::size_t k_scan_budget = 250'000;
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
            if (it != g.streams.end()) out.push_back(&it->second);  // unknown names: nothing
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

struct Search {
    EventKey from;  // inclusive
    std::int64_t end_ms;
    std::size_t limit;
    const FilterPattern& pattern;
};

json search(const std::vector<const model::LogStream*>& streams, const Search& s) {
    auto later = [](const Cursor& a, const Cursor& b) { return b.key() < a.key(); };
    std::priority_queue<Cursor, std::vector<Cursor>, decltype(later)> heap(later);
    for (const auto* stream : streams) {
        Cursor c{stream, first_at_or_after(stream->events, s.from),
                 first_at_or_after(stream->events, {s.end_ms, 0})};
        if (c.at < c.end) heap.push(c);
    }
    json events = json::array();
    std::size_t scanned = 0, bytes = 0;
    std::optional<EventKey> last;
    while (!heap.empty() && events.size() < s.limit && scanned < k_scan_budget) {
        auto c = heap.top();
        heap.pop();
        const auto& e = c.stream->events[c.at];
        if (s.pattern.matches(e.message)) {
            if (bytes + e.message.size() + k_event_overhead_bytes > k_max_page_bytes) {
                heap.push(c);
                break;
            }
            bytes += e.message.size() + k_event_overhead_bytes;
            events.push_back({{"logStreamName", c.stream->name},
                              {"timestamp", e.timestamp_ms},
                              {"message", e.message},
                              {"ingestionTime", e.ingestion_ms},
                              {"eventId", event_id(e.seq)}});
        }
        ++scanned;
        last = c.key();
        if (++c.at < c.end) heap.push(c);
    }
    // searchedLogStreams: AWS has returned an empty list since it stopped reporting it.
    json out{{"events", std::move(events)}, {"searchedLogStreams", json::array()}};
    if (!heap.empty() && last) out["nextToken"] = encode_token({true, *last});
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
    const auto now = env.logs.now_ms();
    return env.logs.read(key, [&](const model::LogPartition& p) {
        const auto* g = find_group(p, group);
        if (!g) throw errors::group_not_found();
        EventKey from{std::max(input.value("startTime", std::int64_t{0}),
                               model::LogStore::expired_before(*g, now)),
                      0};
        if (input.contains("nextToken")) {
            const auto token = decode_token(input.at("nextToken").get<std::string>());
            from = std::max(from, EventKey{token.key.timestamp_ms, token.key.seq + 1});
        }
        const auto end_ms = input.value("endTime", std::numeric_limits<std::int64_t>::max());
        return search(streams_to_search(*g, input),
                      {from, end_ms, limit_of(input, 10'000), pattern});
    });
}

}  // namespace berth::api::logs

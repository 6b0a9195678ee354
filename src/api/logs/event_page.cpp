#include "api/logs/event_page.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "api/logs/put_batch.hpp"
#include "api/logs/request.hpp"

namespace berth::api::logs {

namespace {

using Events = std::deque<model::StoredLogEvent>;

constexpr std::size_t k_ts_digits = 19;
constexpr std::size_t k_seq_digits = 20;

EventKey key_of(const model::StoredLogEvent& e) {
    return {e.timestamp_ms, e.seq};
}

// Index of the first event whose key is not less than k.
std::size_t lower(const Events& events, EventKey k) {
    auto it = std::lower_bound(events.begin(), events.end(), k,
                               [](const auto& e, EventKey key) { return key_of(e) < key; });
    return static_cast<std::size_t>(it - events.begin());
}

std::size_t event_bytes(const model::StoredLogEvent& e) {
    return e.message.size() + k_event_overhead_bytes;
}

// The place just before index i, and just after index i - 1.
StreamToken place(const Events& events, std::size_t i, bool forward) {
    if (forward) {
        return {true, i == 0 ? EventKey{} : key_of(events[i - 1])};
    }
    return {false, i == events.size() ? EventKey{std::numeric_limits<std::int64_t>::max(),
                                                 std::numeric_limits<std::uint64_t>::max()}
                                      : key_of(events[i])};
}

}  // namespace

std::string encode_token(const StreamToken& token) {
    char text[2 + k_ts_digits + k_seq_digits + 1];
    std::snprintf(text, sizeof text, "%c/%019lld%020llu", token.forward ? 'f' : 'b',
                  static_cast<long long>(token.key.timestamp_ms),
                  static_cast<unsigned long long>(token.key.seq));
    return text;
}

StreamToken decode_token(std::string_view text) {
    const bool well_formed =
        text.size() == 2 + k_ts_digits + k_seq_digits && (text[0] == 'f' || text[0] == 'b') &&
        text[1] == '/' &&
        std::all_of(text.begin() + 2, text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!well_formed) throw errors::invalid("The specified nextToken is invalid.");
    StreamToken token{text[0] == 'f', {}};
    const char* ts = text.data() + 2;
    const auto a = std::from_chars(ts, ts + k_ts_digits, token.key.timestamp_ms);
    const auto b = std::from_chars(ts + k_ts_digits, text.data() + text.size(), token.key.seq);
    if (a.ec != std::errc() || b.ec != std::errc()) {
        throw errors::invalid("The specified nextToken is invalid.");
    }
    return token;
}

EventPage event_page(const Events& events, const EventPageRequest& r) {
    const auto lo = lower(events, {r.start_ms, 0});
    const auto hi = std::max(lo, lower(events, {r.end_ms, 0}));
    const bool forward = r.token ? r.token->forward : r.from_head;
    EventPage page;
    std::size_t bytes = 0;
    if (forward) {
        page.begin =
            r.token ? std::clamp(lower(events, {r.token->key.timestamp_ms, r.token->key.seq + 1}),
                                 lo, hi)
                    : lo;
        page.end = page.begin;
        while (page.end < hi && page.end - page.begin < r.limit &&
               bytes + event_bytes(events[page.end]) <= r.max_bytes) {
            bytes += event_bytes(events[page.end++]);
        }
    } else {
        page.end = r.token ? std::clamp(lower(events, r.token->key), lo, hi) : hi;
        page.begin = page.end;
        while (page.begin > lo && page.end - page.begin < r.limit &&
               bytes + event_bytes(events[page.begin - 1]) <= r.max_bytes) {
            bytes += event_bytes(events[--page.begin]);
        }
    }
    page.forward = place(events, page.end, true);
    page.backward = place(events, page.begin, false);
    // Nothing more this way: the caller's own token comes back, so its loop ends.
    if (r.token && page.begin == page.end) (forward ? page.forward : page.backward) = *r.token;
    return page;
}

}  // namespace berth::api::logs

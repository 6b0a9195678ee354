#pragma once
// GetLogEvents' paging over one stream, apart from the store so tests can walk it. A token
// names a place between two events: "f/K" reads the events after key K, "b/K" the events
// before it, K being (timestamp, seq), the store's order. When a read finds nothing more, the
// token in that direction comes back unchanged: that is how the AWS CLI, boto3 loops and the
// SDKs' paginators (stopOnSameToken) know they reached the end.
#include <compare>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "berth/model/log_store.hpp"

namespace berth::api::logs {

struct EventKey {
    std::int64_t timestamp_ms = 0;
    std::uint64_t seq = 0;
    auto operator<=>(const EventKey&) const = default;
};

struct StreamToken {
    bool forward = true;
    EventKey key;
    bool operator==(const StreamToken&) const = default;
};

std::string encode_token(const StreamToken& token);
// Throws InvalidParameterException for text encode_token did not make.
StreamToken decode_token(std::string_view text);

struct EventPageRequest {
    std::int64_t start_ms = 0;                                       // inclusive
    std::int64_t end_ms = std::numeric_limits<std::int64_t>::max();  // exclusive
    std::optional<StreamToken> token;
    bool from_head = false;  // without a token: the oldest events first, else the newest
    std::size_t limit = 10'000;
    std::size_t max_bytes = 1'048'576;  // message bytes plus 26 per event
};

struct EventPage {
    std::size_t begin = 0;  // events [begin, end) of the stream, oldest first
    std::size_t end = 0;
    StreamToken forward;
    StreamToken backward;
};

EventPage event_page(const std::deque<model::StoredLogEvent>& events, const EventPageRequest& r);

}  // namespace berth::api::logs

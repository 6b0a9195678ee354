#include "api/logs/put_batch.hpp"

#include "api/logs/request.hpp"

namespace berth::api::logs {

namespace {

void check_whole(const std::vector<model::LogEvent>& events) {
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        bytes += events[i].message.size() + k_event_overhead_bytes;
        if (i > 0 && events[i].timestamp_ms < events[i - 1].timestamp_ms) {
            throw errors::invalid(
                "Log events in a single PutLogEvents request must be in "
                "chronological order.");
        }
    }
    if (bytes > k_max_batch_bytes) {
        throw errors::invalid("Upload too large: " + std::to_string(bytes) +
                              " bytes exceeds limit of " + std::to_string(k_max_batch_bytes));
    }
    if (!events.empty() &&
        events.back().timestamp_ms - events.front().timestamp_ms > k_max_span_ms) {
        throw errors::invalid(
            "The batch of log events in a single PutLogEvents request cannot "
            "span more than 24 hours.");
    }
}

}  // namespace

BatchVerdict check_batch(const std::vector<model::LogEvent>& events, std::int64_t now_ms,
                         std::int64_t expired_before) {
    check_whole(events);
    BatchVerdict v;
    v.kept_end = events.size();
    // AWS's end indexes are exclusive ("the index of the last log event that is too old.
    // This field is exclusive"); the too-new start index is inclusive.
    while (v.kept_begin < events.size()) {
        const auto t = events[v.kept_begin].timestamp_ms;
        if (t < now_ms - k_max_age_ms) {
            v.too_old_end = v.kept_begin + 1;
        } else if (t < expired_before) {
            v.expired_end = v.kept_begin + 1;
        } else {
            break;
        }
        ++v.kept_begin;
    }
    while (v.kept_end > v.kept_begin &&
           events[v.kept_end - 1].timestamp_ms > now_ms + k_max_ahead_ms) {
        v.too_new_start = --v.kept_end;
    }
    return v;
}

}  // namespace berth::api::logs

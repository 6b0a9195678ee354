#pragma once
// The rules of one PutLogEvents batch, apart from the store so tests can walk them: its size
// limits, its order and span, and which events CloudWatch Logs rejects for their timestamp.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "berth/model/log_store.hpp"

namespace berth::api::logs {

inline constexpr std::size_t k_max_batch_bytes = 1'048'576;
inline constexpr std::size_t k_event_overhead_bytes = 26;  // counted per event
inline constexpr std::int64_t k_hour_ms = 3600LL * 1000;
inline constexpr std::int64_t k_max_span_ms = 24 * k_hour_ms;
inline constexpr std::int64_t k_max_age_ms = 14 * 24 * k_hour_ms;  // older: tooOld
inline constexpr std::int64_t k_max_ahead_ms = 2 * k_hour_ms;      // later: tooNew

// Rejected events are a prefix (too old, expired) and a suffix (too new) of the sorted batch;
// [kept_begin, kept_end) is what is stored.
struct BatchVerdict {
    std::size_t kept_begin = 0;
    std::size_t kept_end = 0;
    std::optional<std::size_t> too_old_end;    // tooOldLogEventEndIndex
    std::optional<std::size_t> expired_end;    // expiredLogEventEndIndex
    std::optional<std::size_t> too_new_start;  // tooNewLogEventStartIndex
    bool any_rejected() const { return too_old_end || expired_end || too_new_start; }
};

// Throws InvalidParameterException for a batch CloudWatch Logs refuses whole: too many bytes,
// not in chronological order, spanning more than 24 hours. `expired_before` is the group's
// retention cutoff (LogStore::expired_before).
BatchVerdict check_batch(const std::vector<model::LogEvent>& events, std::int64_t now_ms,
                         std::int64_t expired_before);

}  // namespace berth::api::logs

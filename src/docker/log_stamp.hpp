#pragma once
// The RFC 3339 timestamps the engine puts before each log entry (logs?timestamps=1), read
// exactly enough to say which entries came after one already seen: a followed stream that
// ended early is caught up by a second, one-shot read of what came after its last entry.
#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "berth/docker/types.hpp"

namespace berth::docker {

struct LogStamp {
    std::int64_t epoch_seconds = 0;
    std::int32_t nanos = 0;
    auto operator<=>(const LogStamp&) const = default;
};

// The stamp a frame starts with ("2026-12-03T14:33:58.596276792Z text"), if it starts with one.
std::optional<LogStamp> leading_stamp(std::string_view frame_text);

// Appends `text` cut at its newlines, so that each piece is one entry or the start of one: a
// TTY's raw stream cuts lines anywhere (the last piece may be a line's beginning, without its
// newline, as a partial frame is).
void append_lines(LogStream stream, std::string_view text, std::vector<LogFrame>& out);

// The frames of entries stamped after `last`; pieces without a stamp go with the entry before.
std::vector<LogFrame> frames_after(const std::vector<LogFrame>& frames, LogStamp last);

}  // namespace berth::docker

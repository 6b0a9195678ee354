#pragma once
// A followed container's output (frames read with timestamps=true: "2026-12-02T01:13:28.1234Z
// text\n") → CloudWatch Logs events, the way Docker's awslogs driver cuts them:
//   - a line is an event, stamped with the time the engine read it; empty lines are skipped;
//   - the json-file and local drivers store a line longer than 16 KiB as several partial frames
//     (no newline but the last); they are joined again;
//   - with a start pattern (awslogs-multiline-pattern / -datetime-format) a line that matches
//     starts a new event and the others are appended to the one before, each line ending in
//     "\n"; a held event goes out when the next one starts, when it has waited longer than the
//     force-flush interval, or at the end of the stream;
//   - an event longer than CloudWatch's limit is cut into several.
// Pure: the follower feeds it and writes what comes out.
#include <chrono>
#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "berth/docker/types.hpp"
#include "berth/model/log_store.hpp"

namespace berth::runtime {

// RFC 3339 with optional fraction and offset → milliseconds since the epoch; nullopt when `text`
// is not one.
std::optional<std::int64_t> parse_rfc3339_ms(std::string_view text);

// CloudWatch's limit on one event: 256 KiB less the 26 bytes it counts per event.
inline constexpr std::size_t k_max_event_bytes = 256 * 1024 - 26;

class EventAssembler {
  public:
    explicit EventAssembler(std::optional<std::regex> start = std::nullopt,
                            std::chrono::milliseconds force_flush = std::chrono::seconds(5));

    // Appends the events `frame` completes to `out`.
    void add(const docker::LogFrame& frame, std::vector<model::LogEvent>& out);
    // The held multiline event, when it started before now_ms - force_flush.
    void flush_stale(std::int64_t now_ms, std::vector<model::LogEvent>& out);
    // The end of the stream: whatever is held (a last line without newline, a multiline event).
    void finish(std::vector<model::LogEvent>& out);

  private:
    struct Partial {
        std::string text;
        std::int64_t timestamp_ms = 0;
        bool open = false;
    };

    void line(std::int64_t timestamp_ms, std::string text, std::vector<model::LogEvent>& out);
    void emit(model::LogEvent event, std::vector<model::LogEvent>& out) const;
    void release_held(std::vector<model::LogEvent>& out);

    std::optional<std::regex> start_;
    std::chrono::milliseconds force_flush_;
    Partial partial_[2];  // stdout, stderr
    std::optional<model::LogEvent> held_;
    std::int64_t last_timestamp_ms_ = 0;
};

}  // namespace berth::runtime

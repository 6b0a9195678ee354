#include "log_events.hpp"

#include <cctype>
#include <charconv>

namespace berth::runtime {

namespace {

constexpr std::int64_t k_ms_per_day = 86'400'000;

// Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146'097 + static_cast<std::int64_t>(doe) - 719'468;
}

bool digits(std::string_view text, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > text.size()) return false;
    const auto* first = text.data() + pos;
    auto [end, ec] = std::from_chars(first, first + n, out);
    return ec == std::errc() && end == first + n;
}

// The timestamp before the first space, and the rest of the frame.
std::pair<std::optional<std::int64_t>, std::string_view> split_frame(std::string_view text) {
    const auto space = text.find(' ');
    if (space == std::string_view::npos) return {std::nullopt, text};
    auto ts = parse_rfc3339_ms(text.substr(0, space));
    if (!ts) return {std::nullopt, text};
    return {ts, text.substr(space + 1)};
}

std::size_t stream_index(docker::LogStream s) {
    return s == docker::LogStream::err ? 1 : 0;
}

}  // namespace

std::optional<std::int64_t> parse_rfc3339_ms(std::string_view t) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (t.size() < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != 't') ||
        t[13] != ':' || t[16] != ':')
        return std::nullopt;
    if (!digits(t, 0, 4, y) || !digits(t, 5, 2, mo) || !digits(t, 8, 2, d) ||
        !digits(t, 11, 2, h) || !digits(t, 14, 2, mi) || !digits(t, 17, 2, s))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
    std::size_t pos = 19;
    std::int64_t ms = 0;
    if (pos < t.size() && t[pos] == '.') {
        std::size_t n = 0;
        for (++pos; pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]));
             ++pos, ++n) {
            if (n < 3) ms = ms * 10 + (t[pos] - '0');
        }
        if (n == 0) return std::nullopt;
        for (; n < 3; ++n) ms *= 10;
    }
    std::int64_t offset_ms = 0;
    if (pos < t.size() && (t[pos] == 'Z' || t[pos] == 'z')) {
        ++pos;
    } else if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
        int oh = 0, om = 0;
        if (!digits(t, pos + 1, 2, oh) || pos + 3 >= t.size() || t[pos + 3] != ':' ||
            !digits(t, pos + 4, 2, om))
            return std::nullopt;
        offset_ms = (oh * 60 + om) * 60'000LL * (t[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != t.size()) return std::nullopt;
    const auto day = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    return day * k_ms_per_day + ((h * 60LL + mi) * 60 + s) * 1000 + ms - offset_ms;
}

EventAssembler::EventAssembler(std::optional<std::regex> start,
                               std::chrono::milliseconds force_flush)
    : start_(std::move(start)), force_flush_(force_flush) {}

void EventAssembler::add(const docker::LogFrame& frame, std::vector<model::LogEvent>& out) {
    if (frame.stream == docker::LogStream::in) return;
    auto& partial = partial_[stream_index(frame.stream)];
    auto [ts, text] = split_frame(frame.text);
    if (ts) last_timestamp_ms_ = *ts;
    if (!partial.open) {
        partial.timestamp_ms = ts.value_or(last_timestamp_ms_);
        partial.open = true;
    }
    const bool complete = !text.empty() && text.back() == '\n';
    if (complete) text.remove_suffix(1);
    partial.text.append(text);
    if (!complete) return;
    if (!partial.text.empty() && partial.text.back() == '\r') partial.text.pop_back();
    line(partial.timestamp_ms, std::move(partial.text), out);
    partial = {};
}

void EventAssembler::line(std::int64_t timestamp_ms, std::string text,
                          std::vector<model::LogEvent>& out) {
    if (!start_) {
        if (!text.empty()) emit({timestamp_ms, std::move(text)}, out);
        return;
    }
    if (!held_ || std::regex_search(text, *start_)) {
        release_held(out);
        held_ = model::LogEvent{timestamp_ms, {}};
    }
    held_->message += text;
    held_->message += '\n';
}

void EventAssembler::release_held(std::vector<model::LogEvent>& out) {
    if (held_ && !held_->message.empty()) emit(std::move(*held_), out);
    held_.reset();
}

void EventAssembler::emit(model::LogEvent event, std::vector<model::LogEvent>& out) const {
    if (event.message.size() <= k_max_event_bytes) {
        out.push_back(std::move(event));
        return;
    }
    for (std::size_t pos = 0; pos < event.message.size(); pos += k_max_event_bytes) {
        out.push_back({event.timestamp_ms, event.message.substr(pos, k_max_event_bytes)});
    }
}

void EventAssembler::flush_stale(std::int64_t now_ms, std::vector<model::LogEvent>& out) {
    if (held_ && held_->timestamp_ms + force_flush_.count() <= now_ms) release_held(out);
}

void EventAssembler::finish(std::vector<model::LogEvent>& out) {
    for (auto& partial : partial_) {
        if (partial.open) line(partial.timestamp_ms, std::move(partial.text), out);
        partial = {};
    }
    release_held(out);
}

}  // namespace berth::runtime

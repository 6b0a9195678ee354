#include "docker/log_stamp.hpp"

#include <charconv>
#include <ctime>

namespace berth::docker {

namespace {

constexpr std::size_t k_seconds_length = 19;  // "2026-12-03T14:33:58"

}  // namespace

std::optional<LogStamp> leading_stamp(std::string_view text) {
    const auto space = text.find(' ');
    if (space == std::string_view::npos || space < k_seconds_length + 1) return std::nullopt;
    const std::string head(text.substr(0, k_seconds_length));
    std::tm tm{};
    const char* end = strptime(head.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
    if (!end || *end != '\0') return std::nullopt;
    LogStamp stamp{.epoch_seconds = static_cast<std::int64_t>(timegm(&tm))};
    auto rest = text.substr(k_seconds_length, space - k_seconds_length);
    if (rest.starts_with('.')) {
        rest.remove_prefix(1);
        const auto digits = rest.find_first_not_of("0123456789");
        const auto fraction = rest.substr(0, std::min(digits, std::size_t{9}));
        if (fraction.empty()) return std::nullopt;
        std::int32_t value = 0;
        std::from_chars(fraction.data(), fraction.data() + fraction.size(), value);
        for (auto n = fraction.size(); n < 9; ++n) value *= 10;
        stamp.nanos = value;
        rest.remove_prefix(digits == std::string_view::npos ? rest.size() : digits);
    }
    // The engine writes UTC ("Z"); an offset is not expected and not worth the arithmetic.
    if (rest != "Z") return std::nullopt;
    return stamp;
}

void append_lines(LogStream stream, std::string_view text, std::vector<LogFrame>& out) {
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const auto size = nl == std::string_view::npos ? text.size() : nl + 1;
        out.push_back({stream, std::string(text.substr(0, size))});
        text.remove_prefix(size);
    }
}

std::vector<LogFrame> frames_after(const std::vector<LogFrame>& frames, LogStamp last) {
    std::vector<LogFrame> out;
    bool after = false;
    for (const auto& frame : frames) {
        if (auto stamp = leading_stamp(frame.text)) after = *stamp > last;
        if (after) out.push_back(frame);
    }
    return out;
}

}  // namespace berth::docker

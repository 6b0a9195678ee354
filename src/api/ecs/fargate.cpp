#include "api/ecs/fargate.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace berth::api::ecs {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

struct Quantity {
    double number;
    std::string unit;  // lowercase, without spaces; empty for a bare number
};

std::optional<Quantity> parse_quantity(std::string_view text) {
    text = trim(text);
    std::size_t i = 0;
    while (i < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
        ++i;
    }
    if (i == 0) return std::nullopt;
    double number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + i, number);
    if (ec != std::errc{} || end != text.data() + i) return std::nullopt;
    return Quantity{number, lower(trim(text.substr(i)))};
}

// A positive whole number, or nothing.
std::optional<std::string> whole(double value) {
    const double rounded = std::round(value);
    if (rounded < 1 || std::abs(value - rounded) > 1e-9) return std::nullopt;
    return std::to_string(static_cast<long>(rounded));
}

}  // namespace

std::optional<std::string> normalize_task_cpu(std::string_view text) {
    auto q = parse_quantity(text);
    if (!q) return std::nullopt;
    if (q->unit.empty()) return whole(q->number);
    if (q->unit == "vcpu") return whole(q->number * 1024);
    return std::nullopt;
}

std::optional<std::string> normalize_task_memory(std::string_view text) {
    auto q = parse_quantity(text);
    if (!q) return std::nullopt;
    if (q->unit.empty() || q->unit == "mb" || q->unit == "mib") return whole(q->number);
    if (q->unit == "gb" || q->unit == "gib") return whole(q->number * 1024);
    return std::nullopt;
}

bool is_fargate_size(long cpu, long memory) {
    constexpr long gb = 1024;
    auto in_steps = [&](long from, long to, long step) {
        return memory >= from && memory <= to && (memory - from) % step == 0;
    };
    switch (cpu) {
        case 256:
            return memory == 512 || memory == 1 * gb || memory == 2 * gb;
        case 512:
            return in_steps(1 * gb, 4 * gb, gb);
        case 1024:
            return in_steps(2 * gb, 8 * gb, gb);
        case 2048:
            return in_steps(4 * gb, 16 * gb, gb);
        case 4096:
            return in_steps(8 * gb, 30 * gb, gb);
        case 8192:
            return in_steps(16 * gb, 60 * gb, 4 * gb);
        case 16384:
            return in_steps(32 * gb, 120 * gb, 8 * gb);
        default:
            return false;
    }
}

}  // namespace berth::api::ecs

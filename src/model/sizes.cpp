#include "berth/model/sizes.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

namespace berth::model {

namespace {

struct Unit {
    std::string_view name;  // lowercase; "" for a bare number
    double scale;
};

constexpr std::array k_cpu_units{Unit{"", 1}, Unit{"vcpu", 1024}};
constexpr std::array k_memory_units{Unit{"", 1}, Unit{"mb", 1}, Unit{"mib", 1}, Unit{"gb", 1024},
                                    Unit{"gib", 1024}};

bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

template <std::size_t N>
std::optional<std::int64_t> parse_size(std::string_view text, const std::array<Unit, N>& units) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    std::size_t digits = 0;
    while (digits < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) {
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    double number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + digits, number);
    if (ec != std::errc{} || end != text.data() + digits) return std::nullopt;
    std::string unit;
    for (char c : text.substr(digits)) {
        if (!is_space(c)) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (const auto& u : units) {
        if (u.name != unit) continue;
        const double value = number * u.scale;
        const double rounded = std::round(value);
        if (rounded < 1 || std::abs(value - rounded) > 1e-9) return std::nullopt;
        return static_cast<std::int64_t>(rounded);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> parse_cpu_units(std::string_view text) {
    return parse_size(text, k_cpu_units);
}

std::optional<std::int64_t> parse_memory_mib(std::string_view text) {
    return parse_size(text, k_memory_units);
}

}  // namespace berth::model

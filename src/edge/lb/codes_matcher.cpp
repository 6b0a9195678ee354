#include "codes_matcher.hpp"

#include <charconv>

namespace berth::edge::lb {

namespace {

int number(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    int value = -1;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return -1;
    return value;
}

}  // namespace

bool http_code_accepted(std::string_view matcher, int status) {
    while (!matcher.empty()) {
        auto comma = matcher.find(',');
        auto item = matcher.substr(0, comma);
        matcher = comma == std::string_view::npos ? std::string_view() : matcher.substr(comma + 1);
        auto dash = item.find('-');
        int low = number(item.substr(0, dash));
        int high = dash == std::string_view::npos ? low : number(item.substr(dash + 1));
        if (low >= 0 && status >= low && status <= high) return true;
    }
    return false;
}

}  // namespace berth::edge::lb

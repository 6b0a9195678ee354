#include "protocol/json_text.hpp"

#include <cmath>
#include <cstdio>

namespace berth::protocol {

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::string format_number(double n) {
    char buffer[32];
    if (std::nearbyint(n) == n && std::fabs(n) < 1e15) {
        std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(n));
    } else {
        std::snprintf(buffer, sizeof buffer, "%g", n);
    }
    return buffer;
}

std::string short_text(const nlohmann::json& value) {
    constexpr std::size_t limit = 100;
    std::string text = value.is_string()
                           ? value.get<std::string>()
                           : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text.resize(cut);
        text += "...";
    }
    return text;
}

void strip_null_members(nlohmann::json& value) {
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end();) {
            if (it->is_null()) {
                it = value.erase(it);
            } else {
                strip_null_members(*it);
                ++it;
            }
        }
    } else if (value.is_array()) {
        for (auto& element : value) strip_null_members(element);
    }
}

}  // namespace berth::protocol

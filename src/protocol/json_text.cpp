#include "protocol/json_text.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

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

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += separator;
        out += parts[i];
    }
    return out;
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

bool nests_deeper_than(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;  // skip the escaped character, which may be a quote
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return false;
}

void strip_null_members(nlohmann::json& value) {
    // An explicit stack, not recursion: members the model does not know are walked too, and a
    // request body may nest arrays a million deep.
    std::vector<nlohmann::json*> pending{&value};
    while (!pending.empty()) {
        nlohmann::json& current = *pending.back();
        pending.pop_back();
        if (current.is_object()) {
            for (auto it = current.begin(); it != current.end();) {
                if (it->is_null()) {
                    it = current.erase(it);
                } else {
                    if (it->is_structured()) pending.push_back(&*it);
                    ++it;
                }
            }
        } else if (current.is_array()) {
            for (auto& element : current) {
                if (element.is_structured()) pending.push_back(&element);
            }
        }
    }
}

}  // namespace berth::protocol

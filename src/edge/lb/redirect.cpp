#include "redirect.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

namespace berth::edge::lb {

namespace {

std::string expand(std::string_view text, const RequestUrl& r) {
    const std::pair<std::string_view, std::string> keys[] = {
        {"#{protocol}", r.protocol},
        {"#{host}", r.host},
        {"#{port}", std::to_string(r.port)},
        {"#{path}", r.path.size() > 1 ? r.path.substr(1) : ""},
        {"#{query}", r.query},
    };
    std::string out;
    while (!text.empty()) {
        bool replaced = false;
        for (const auto& [key, value] : keys) {
            if (text.starts_with(key)) {
                out += value;
                text.remove_prefix(key.size());
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            out += text.front();
            text.remove_prefix(1);
        }
    }
    return out;
}

}  // namespace

std::string redirect_location(const RedirectParts& parts, const RequestUrl& request) {
    std::string protocol = expand(parts.protocol, request);
    std::transform(protocol.begin(), protocol.end(), protocol.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string path = expand(parts.path, request);
    if (path.empty() || path.front() != '/') path = "/" + path;
    std::string query = expand(parts.query, request);
    std::string location =
        protocol + "://" + expand(parts.host, request) + ":" + expand(parts.port, request) + path;
    if (!query.empty()) location += "?" + query;
    return location;
}

}  // namespace berth::edge::lb

#include "docker/query.hpp"

#include <nlohmann/json.hpp>

namespace berth::docker {

namespace {

std::string percent_encode(std::string_view text, std::string_view keep) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const unsigned char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                                c == '~' || keep.find(static_cast<char>(c)) != keep.npos;
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 0xF];
        }
    }
    return out;
}

}  // namespace

std::string url_encode(std::string_view text) {
    return percent_encode(text, {});
}

Query& Query::add(std::string_view key, std::string_view value) {
    if (!text_.empty()) text_ += '&';
    text_ += url_encode(key);
    text_ += '=';
    text_ += url_encode(value);
    return *this;
}

Query& Query::add_filters(const std::map<std::string, std::vector<std::string>>& filters) {
    nlohmann::json json = nlohmann::json::object();
    for (const auto& [key, values] : filters) {
        if (!values.empty()) json[key] = values;
    }
    if (!json.empty()) add("filters", json.dump());
    return *this;
}

std::string resource_path(std::string_view collection, std::string_view id,
                          std::string_view suffix) {
    std::string path = "/";
    path += collection;
    path += '/';
    // Image references keep their '/', ':' and '@' (the engine routes /images/{name:.*}/json).
    path += percent_encode(id, "/:@");
    path += suffix;
    return path;
}

}  // namespace berth::docker

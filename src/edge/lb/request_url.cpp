#include "request_url.hpp"

namespace berth::edge::lb {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string_view host_without_port(std::string_view host_header) {
    if (host_header.starts_with('[')) {
        auto close = host_header.find(']');
        return close == std::string_view::npos ? host_header : host_header.substr(0, close + 1);
    }
    auto colon = host_header.rfind(':');
    return colon == std::string_view::npos ? host_header : host_header.substr(0, colon);
}

RequestUrl split_url(std::string_view host_header, std::string_view target, unsigned short port) {
    RequestUrl url;
    url.host = std::string(host_without_port(host_header));
    url.port = port;
    auto q = target.find('?');
    url.path = std::string(target.substr(0, q));
    if (url.path.empty() || url.path.front() != '/') url.path = "/" + url.path;
    if (q != std::string_view::npos) url.query = std::string(target.substr(q + 1));
    return url;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                   hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> query_pairs(std::string_view query) {
    std::vector<std::pair<std::string, std::string>> pairs;
    while (!query.empty()) {
        auto amp = query.find('&');
        auto item = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (item.empty()) continue;
        auto eq = item.find('=');
        pairs.emplace_back(percent_decode(item.substr(0, eq)),
                           eq == std::string_view::npos ? "" : percent_decode(item.substr(eq + 1)));
    }
    return pairs;
}

}  // namespace berth::edge::lb

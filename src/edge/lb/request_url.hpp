#pragma once
// The parts of a request's URL that rules and redirects read, split once per request.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace berth::edge::lb {

struct RequestUrl {
    std::string protocol = "http";  // lower case, as in a URL
    std::string host;               // the Host header without its port
    unsigned short port = 80;       // the port the client connected to
    std::string path = "/";         // with its leading '/', still percent-encoded
    std::string query;              // after '?', without it; empty when none
};

// Splits "host:port" (or "[v6]:port") and the target "/path?query".
RequestUrl split_url(std::string_view host_header, std::string_view target, unsigned short port);

// The query's key=value pairs, percent-decoded ('+' as space); a key without '=' has an empty
// value.
std::vector<std::pair<std::string, std::string>> query_pairs(std::string_view query);

std::string percent_decode(std::string_view text);

// The Host header without its port: "Example.com:8080" → "Example.com", "[::1]:80" → "[::1]".
std::string_view host_without_port(std::string_view host_header);

}  // namespace berth::edge::lb

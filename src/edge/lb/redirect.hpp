#pragma once
// A redirect action's Location, from its configured parts and the request. Each part may hold
// ALB's placeholders: #{protocol}, #{host}, #{port}, #{path} (without its leading '/') and
// #{query}; the defaults keep the request's own ("#{host}", "/#{path}", ...).
#include <string>

#include "request_url.hpp"

namespace berth::edge::lb {

struct RedirectParts {
    std::string protocol = "#{protocol}";  // HTTP, HTTPS or #{protocol}
    std::string host = "#{host}";
    std::string port = "#{port}";
    std::string path = "/#{path}";
    std::string query = "#{query}";
};

// "https://example.com:443/a/b?x=1": the port always written, as ALB does; no '?' when the
// query comes out empty.
std::string redirect_location(const RedirectParts& parts, const RequestUrl& request);

}  // namespace berth::edge::lb

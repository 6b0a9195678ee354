#pragma once
// Plain request/response values: the handler side of the server never sees sockets or Beast.
#include <map>
#include <string>

namespace berth::http {

struct Request {
    std::string method;
    std::string target;                          // path and query, as sent
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
    std::string remote_address;

    // Empty when the header is absent.
    const std::string& header(const std::string& lower_name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::map<std::string, std::string> headers;
    std::string body;
};

}  // namespace berth::http

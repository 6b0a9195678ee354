#pragma once
// HTTP/1.1 requests to one engine (Boost.Beast, see exchange.hpp). Knows nothing of the Engine
// API: the caller builds paths and reads status codes. Thread safe: every call has its own
// connection.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "berth/docker/host.hpp"

namespace berth::docker {

struct Request {
    std::string method = "GET";
    std::string target;  // path and query, e.g. "/v1.41/containers/json?all=1"
    std::string body{};
    std::string content_type = "application/json";
    std::vector<std::string> headers{};         // extra "Name: value" lines
    std::chrono::milliseconds timeout{10'000};  // for the whole exchange; zero: no limit
    // When set, a 2xx body is handed over as it arrives instead of collected; an exception
    // thrown here aborts the transfer and propagates out of perform().
    std::function<void(std::string_view)> on_data{};
};

struct Response {
    long status = 0;
    std::string body;  // empty when Request::on_data consumed it
    std::string content_type;
};

class Transport {
  public:
    explicit Transport(Host host) : host_(std::move(host)) {}

    // Throws DockerError (unreachable, timeout, other) when no HTTP response arrives; any
    // status code, error or not, is returned for the caller to judge.
    Response perform(const Request& request);

    const Host& host() const { return host_; }

  private:
    Host host_;
};

}  // namespace berth::docker

// The client's core: construction, version negotiation, the request helpers every operation
// goes through, and the engine-level calls (ping, version, info).
#include "berth/docker/client.hpp"

#include "docker/parse.hpp"
#include "docker/response_error.hpp"
#include "docker/transport.hpp"

namespace berth::docker {

Client::Client(std::string host)
    : host_(parse_host(host)), transport_(std::make_unique<Transport>(host_)) {}

Client::~Client() = default;

ApiVersion Client::negotiate(Timeout timeout) {
    Request request{.target = "/version", .timeout = timeout};
    const auto response = transport_->perform(request);
    if (!is_success(response.status)) throw response_error(response, request);
    const auto info = parse_version_info(Json::parse(response.body, nullptr, false));
    // Engines before API 1.25 do not report ApiVersion; they are far below our minimum anyway.
    const auto chosen = negotiate_api_version(info.api_version.empty() ? "1.24" : info.api_version,
                                              info.min_api_version);
    std::lock_guard lock(version_mutex_);
    version_ = chosen;
    return chosen;
}

std::optional<ApiVersion> Client::api_version() const {
    std::lock_guard lock(version_mutex_);
    return version_;
}

std::string Client::versioned(const std::string& path) {
    auto version = api_version();
    if (!version) version = negotiate();
    return "/v" + version->str() + path;
}

Response Client::call(Request request) {
    request.target = versioned(request.target);
    auto response = transport_->perform(request);
    if (!is_success(response.status)) throw response_error(response, request);
    return response;
}

Json Client::call_json(Request request) {
    const auto response = call(std::move(request));
    auto json = Json::parse(response.body, nullptr, false);
    if (json.is_discarded()) {
        throw DockerError(ErrorKind::other, static_cast<int>(response.status),
                          "Docker engine sent a body that is not JSON");
    }
    return json;
}

void Client::ping(Timeout timeout) {
    // Unversioned, so it works before negotiation and against any engine.
    Request request{.target = "/_ping", .timeout = timeout};
    const auto response = transport_->perform(request);
    if (!is_success(response.status)) throw response_error(response, request);
}

VersionInfo Client::version(Timeout timeout) {
    return parse_version_info(call_json({.target = "/version", .timeout = timeout}));
}

SystemInfo Client::info(Timeout timeout) {
    return parse_system_info(call_json({.target = "/info", .timeout = timeout}));
}

}  // namespace berth::docker

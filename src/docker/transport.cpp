#include "docker/transport.hpp"

#include "berth/docker/error.hpp"
#include "docker/exchange.hpp"
#include "docker/response_error.hpp"

namespace berth::docker {
namespace {

DockerError transport_error(const ExchangeEnd& end, const Host& host, const Request& request) {
    switch (end.kind) {
        case ExchangeEnd::Kind::timeout:
            return DockerError(ErrorKind::timeout, 0,
                               "Docker engine at " + host.original + " did not answer " +
                                   request.method + " " + request.target + " within " +
                                   std::to_string(request.timeout.count()) + " ms");
        case ExchangeEnd::Kind::unreachable:
            return DockerError(
                ErrorKind::unreachable, 0,
                "Cannot connect to the Docker engine at " + host.original + ": " + end.detail);
        default:
            return DockerError(ErrorKind::other, 0,
                               "Docker request " + request.method + " " + request.target +
                                   " failed: " + end.detail);
    }
}

}  // namespace

Response Transport::perform(const Request& request) {
    Response response;
    bool streaming = false;
    Exchange exchange(host_);
    const auto end = exchange.run(request, {.on_head =
                                                [&](long status, std::string_view content_type) {
                                                    response.status = status;
                                                    response.content_type = content_type;
                                                    streaming =
                                                        request.on_data && is_success(status);
                                                },
                                            .on_body =
                                                [&](std::string_view chunk) {
                                                    if (streaming) {
                                                        request.on_data(chunk);
                                                    } else {
                                                        response.body.append(chunk);
                                                    }
                                                }});
    if (end.kind != ExchangeEnd::Kind::complete) throw transport_error(end, host_, request);
    return response;
}

}  // namespace berth::docker

#include "docker/response_error.hpp"

#include "docker/parse.hpp"

namespace berth::docker {

ErrorKind kind_for_status(long status) {
    switch (status) {
        case 404:
            return ErrorKind::not_found;
        case 409:
            return ErrorKind::conflict;
        default:
            return ErrorKind::other;
    }
}

DockerError response_error(const Response& response, const Request& request) {
    auto message = parse_error_message(response.body);
    if (message.empty()) {
        message = "Docker engine answered " + std::to_string(response.status) + " to " +
                  request.method + " " + request.target;
    }
    return DockerError(kind_for_status(response.status), static_cast<int>(response.status),
                       message);
}

bool is_success(long status) {
    return (status >= 200 && status < 300) || status == 304;
}

}  // namespace berth::docker

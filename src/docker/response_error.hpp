#pragma once
// The one place an Engine HTTP status becomes a DockerError kind.
#include "berth/docker/error.hpp"
#include "docker/transport.hpp"

namespace berth::docker {

ErrorKind kind_for_status(long status);

DockerError response_error(const Response& response, const Request& request);

// 2xx, and 304 ("already started" / "already stopped"), are success.
bool is_success(long status);

}  // namespace berth::docker

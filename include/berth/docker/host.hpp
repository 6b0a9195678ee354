#pragma once
// Where an engine listens, as written in DOCKER_HOST / --docker-host:
//   unix:///var/run/docker.sock   (also a bare absolute path)
//   tcp://127.0.0.1:2375          (plain HTTP; no TLS)
#include <string>
#include <string_view>

namespace berth::docker {

inline constexpr const char* k_default_host = "unix:///var/run/docker.sock";

struct Host {
    std::string original;     // as given, for messages
    std::string socket_path;  // set for unix sockets
    std::string base_url;     // "http://localhost" for a unix socket, "http://host:port" for tcp

    bool is_unix() const { return !socket_path.empty(); }
};

// Throws DockerError(other) for a scheme we do not speak (https://, ssh://, npipe://) or a
// malformed address.
Host parse_host(std::string_view host);

}  // namespace berth::docker

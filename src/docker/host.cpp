#include "berth/docker/host.hpp"

#include "berth/docker/error.hpp"

namespace berth::docker {
namespace {

DockerError bad_host(std::string_view host, std::string_view why) {
    return DockerError(ErrorKind::other, 0,
                       "Unsupported Docker host '" + std::string(host) + "': " + std::string(why));
}

Host parse_tcp(std::string_view host, std::string_view address) {
    while (!address.empty() && address.back() == '/') address.remove_suffix(1);
    const auto colon = address.rfind(':');
    if (address.empty() || address.find('/') != std::string_view::npos) {
        throw bad_host(host, "expected tcp://host:port");
    }
    std::string authority(address);
    if (colon == std::string_view::npos || address.back() == ']') authority += ":2375";
    return {std::string(host), {}, "http://" + authority};
}

}  // namespace

Host parse_host(std::string_view host) {
    constexpr std::string_view unix_scheme = "unix://";
    constexpr std::string_view tcp_scheme = "tcp://";
    constexpr std::string_view http_scheme = "http://";
    std::string_view path;
    if (host.starts_with(unix_scheme)) {
        path = host.substr(unix_scheme.size());
    } else if (host.starts_with("/")) {
        path = host;
    } else if (host.starts_with(tcp_scheme)) {
        return parse_tcp(host, host.substr(tcp_scheme.size()));
    } else if (host.starts_with(http_scheme)) {
        return parse_tcp(host, host.substr(http_scheme.size()));
    } else {
        throw bad_host(host, "expected unix:///path or tcp://host:port (TLS is not supported)");
    }
    if (!path.starts_with("/")) throw bad_host(host, "the socket path must be absolute");
    return {std::string(host), std::string(path), "http://localhost"};
}

}  // namespace berth::docker

#include "berth/app/listen_exposure.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

namespace berth::app {

bool is_loopback_host(const std::string& host) {
    if (host == "localhost") return true;
    in_addr v4{};
    if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (::inet_pton(AF_INET6, host.c_str(), &v6) != 1) return false;  // a name: may be anyone's
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
}

std::optional<std::string> listen_exposure_warning(const std::string& host) {
    if (is_loopback_host(host)) return std::nullopt;
    return "--listen " + host +
           " is not a loopback address and Berth has no authentication: anyone who can reach "
           "this port can run containers on the Docker engine, as root on its host. Listen on "
           "127.0.0.1 unless this network is trusted";
}

}  // namespace berth::app

#pragma once
// Whether Berth's API can be reached from other hosts. Berth checks no credentials (any
// signature is accepted), so an API bound beyond loopback lets whoever reaches the port run
// containers on the Docker engine, which is root on its host: said once, at start.
#include <optional>
#include <string>

namespace berth::app {

// "localhost", 127.0.0.0/8, ::1 and ::ffff:127.x.y.z: only this host reaches them. Any other
// address, a wildcard ("0.0.0.0", "::") or a host name, may be reached from elsewhere.
bool is_loopback_host(const std::string& host);

// The start-up warning for --listen HOST; nullopt when HOST is loopback.
std::optional<std::string> listen_exposure_warning(const std::string& host);

}  // namespace berth::app

#pragma once
// Engine API versions ("1.41") and the negotiation rule: speak the highest version both sides
// know. Old engines (Debian's docker.io 20.10 speaks 1.41) reject newer paths, and new engines
// (29+) reject versions below their minimum, so the version is never hard-coded.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace berth::docker {

struct ApiVersion {
    int major = 1;
    int minor = 0;

    auto operator<=>(const ApiVersion&) const = default;
    std::string str() const;  // "1.41"
};

// The range of Engine API versions this client knows how to speak.
inline constexpr ApiVersion k_min_api_version{1, 40};
inline constexpr ApiVersion k_max_api_version{1, 45};

// Parses "1.41" (and tolerates a leading 'v'); nullopt when malformed.
std::optional<ApiVersion> parse_api_version(std::string_view text);

// Chooses the version to use with an engine reporting `engine_version` (its ApiVersion) and
// `engine_min` (its MinAPIVersion, empty when not reported). Throws DockerError(other) when the
// ranges do not overlap or the engine's version is unreadable.
ApiVersion negotiate_api_version(std::string_view engine_version, std::string_view engine_min = {});

}  // namespace berth::docker

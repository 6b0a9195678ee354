#include "berth/docker/api_version.hpp"

#include <charconv>

#include "berth/docker/error.hpp"

namespace berth::docker {
namespace {

std::optional<int> parse_int(std::string_view text) {
    int value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return value;
}

}  // namespace

std::string ApiVersion::str() const {
    return std::to_string(major) + "." + std::to_string(minor);
}

std::optional<ApiVersion> parse_api_version(std::string_view text) {
    if (text.starts_with('v')) text.remove_prefix(1);
    const auto dot = text.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    auto major = parse_int(text.substr(0, dot));
    auto minor = parse_int(text.substr(dot + 1));
    if (!major || !minor) return std::nullopt;
    return ApiVersion{*major, *minor};
}

ApiVersion negotiate_api_version(std::string_view engine_version, std::string_view engine_min) {
    auto engine_max = parse_api_version(engine_version);
    if (!engine_max) {
        throw DockerError(ErrorKind::other, 0,
                          "Docker engine reported an unreadable API version '" +
                              std::string(engine_version) + "'");
    }
    const auto chosen = std::min(*engine_max, k_max_api_version);
    if (chosen < k_min_api_version) {
        throw DockerError(ErrorKind::other, 0,
                          "Docker engine API " + engine_max->str() + " is too old: Berth needs " +
                              k_min_api_version.str() + " or newer");
    }
    if (auto floor = parse_api_version(engine_min); floor && chosen < *floor) {
        throw DockerError(ErrorKind::other, 0,
                          "Docker engine requires API " + floor->str() +
                              " or newer; Berth speaks " + k_min_api_version.str() + " to " +
                              k_max_api_version.str());
    }
    return chosen;
}

}  // namespace berth::docker

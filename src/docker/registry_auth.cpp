#include "berth/docker/registry_auth.hpp"

#include <cstdint>

#include <nlohmann/json.hpp>

namespace berth::docker {

namespace {

// RFC 4648 §5, with padding (Go's base64.URLEncoding, which the engine decodes with).
std::string base64url(const std::string& bytes) {
    static constexpr char k_alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t n = static_cast<std::uint8_t>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<std::uint8_t>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) n |= static_cast<std::uint8_t>(bytes[i + 2]);
        out += k_alphabet[(n >> 18) & 63];
        out += k_alphabet[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? k_alphabet[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? k_alphabet[n & 63] : '=';
    }
    return out;
}

}  // namespace

std::string encode_registry_auth(const RegistryAuth& auth) {
    nlohmann::json body = {{"username", auth.username}, {"password", auth.password}};
    if (!auth.server_address.empty()) body["serveraddress"] = auth.server_address;
    return base64url(body.dump());
}

}  // namespace berth::docker

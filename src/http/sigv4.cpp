#include "berth/http/sigv4.hpp"

#include <array>

namespace berth::http {

namespace {

// Splits "AKID/20240101/us-east-1/ecs/aws4_request" into its five parts.
std::optional<std::array<std::string_view, 5>> split_credential(std::string_view credential) {
    std::array<std::string_view, 5> parts;
    std::size_t count = 0;
    while (count < parts.size()) {
        auto slash = credential.find('/');
        parts[count++] = credential.substr(0, slash);
        if (slash == std::string_view::npos) {
            break;
        }
        credential.remove_prefix(slash + 1);
        if (count == parts.size()) {
            return std::nullopt;  // more than five parts
        }
    }
    if (count != parts.size()) {
        return std::nullopt;
    }
    for (auto part : parts) {
        if (part.empty()) {
            return std::nullopt;
        }
    }
    return parts;
}

}  // namespace

std::optional<SigV4Scope> parse_sigv4_authorization(std::string_view header) {
    // SigV4a ("AWS4-ECDSA-P256-SHA256") has no region in its scope; only plain SigV4 names one.
    constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";
    constexpr std::string_view key = "Credential=";
    if (header.substr(0, algorithm.size()) != algorithm) {
        return std::nullopt;
    }
    auto start = header.find(key, algorithm.size());
    if (start == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view credential = header.substr(start + key.size());
    credential = credential.substr(0, credential.find_first_of(", \t"));
    auto parts = split_credential(credential);
    if (!parts || (*parts)[4] != "aws4_request") {
        return std::nullopt;
    }
    return SigV4Scope{std::string((*parts)[0]), std::string((*parts)[1]), std::string((*parts)[2]),
                      std::string((*parts)[3])};
}

}  // namespace berth::http

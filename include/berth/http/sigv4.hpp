#pragma once
// Reads the credential scope of an AWS SigV4 Authorization header. Signatures are not
// verified: Berth is a local endpoint.
#include <optional>
#include <string>
#include <string_view>

namespace berth::http {

struct SigV4Scope {
    std::string access_key;
    std::string date;
    std::string region;
    std::string service;
};

// "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ecs/aws4_request, SignedHeaders=..."
std::optional<SigV4Scope> parse_sigv4_authorization(std::string_view header);

}  // namespace berth::http

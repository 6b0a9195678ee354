#pragma once
// Standard base64 (RFC 4648, with padding): opaque tokens, and blob members on the JSON wire.
#include <optional>
#include <string>
#include <string_view>

namespace berth::protocol {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not canonical padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace berth::protocol

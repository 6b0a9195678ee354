#pragma once
// A source-ip condition's value: an IPv4 or IPv6 CIDR block ("10.0.0.0/8", "::1/128").
#include <string_view>

namespace berth::edge::lb {

// False for a malformed block or address, and across address families.
bool cidr_contains(std::string_view cidr, std::string_view address);

}  // namespace berth::edge::lb

#pragma once
// The headers an Application Load Balancer adds to what it forwards.
#include <cstdint>
#include <string>
#include <string_view>

namespace berth::edge::lb {

// X-Forwarded-For: the client's address appended to what the client sent, if anything.
std::string forwarded_for(std::string_view existing, std::string_view client_address);

// X-Amzn-Trace-Id: "Root=1-<epoch seconds, 8 hex>-<24 hex>" for a request without one; one
// that carries a Root keeps it and gets "Self=1-...;" in front, as ALB does.
std::string trace_id(std::string_view existing, std::int64_t epoch_seconds, std::uint64_t random_hi,
                     std::uint64_t random_lo);

}  // namespace berth::edge::lb

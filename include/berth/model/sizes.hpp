#pragma once
// Task sizes as clients may write them, read by one parser with one unit table for the whole
// program: "256", "0.25 vCPU", "1 vcpu" (CPU units, 1024 per vCPU); "512", "512 MiB", "1 GB",
// "0.5GB" (MiB). Units match case-insensitively, spaces around them are ignored.
#include <cstdint>
#include <optional>
#include <string_view>

namespace berth::model {

// A positive whole number of CPU units, or nothing ("0.1 vCPU" is 102.4 units: nothing).
std::optional<std::int64_t> parse_cpu_units(std::string_view text);
// A positive whole number of MiB, or nothing.
std::optional<std::int64_t> parse_memory_mib(std::string_view text);

}  // namespace berth::model

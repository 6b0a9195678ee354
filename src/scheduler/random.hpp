#pragma once
// Deterministic mixing for the `random` placement strategy: the same seed, instance and task
// always give the same order, so plans are reproducible.
#include <cstdint>
#include <string_view>

namespace berth::scheduler {

// FNV-1a.
inline std::uint64_t hash_text(std::string_view text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

// splitmix64's finaliser over the combined inputs.
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
    std::uint64_t z = a + 0x9e3779b97f4a7c15ULL * (b + 1) + 0xbf58476d1ce4e5b9ULL * (c + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace berth::scheduler

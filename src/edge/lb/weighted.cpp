#include "weighted.hpp"

namespace berth::edge::lb {

std::optional<std::size_t> weighted_pick(std::span<const int> weights, std::uint64_t draw) {
    std::uint64_t sum = 0;
    for (int w : weights) sum += w > 0 ? static_cast<std::uint64_t>(w) : 0;
    if (sum == 0) return std::nullopt;
    draw %= sum;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        auto w = weights[i] > 0 ? static_cast<std::uint64_t>(weights[i]) : 0;
        if (draw < w) return i;
        draw -= w;
    }
    return std::nullopt;  // not reached: draw < sum
}

}  // namespace berth::edge::lb

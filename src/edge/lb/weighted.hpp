#pragma once
// Which of a forward action's target groups takes a request: by weight (0 to 999 each; a group
// of weight 0 takes nothing), with `draw` uniform over [0, sum of weights).
#include <cstdint>
#include <optional>
#include <span>

namespace berth::edge::lb {

// The index whose share of the weights holds `draw % sum`; nullopt when every weight is 0.
std::optional<std::size_t> weighted_pick(std::span<const int> weights, std::uint64_t draw);

}  // namespace berth::edge::lb

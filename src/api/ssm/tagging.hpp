#pragma once
// Tags on parameters: at most 50 per parameter, unique keys, the `aws:` prefix (any case)
// reserved. The model checks each key's and value's length and characters.
#include <cstddef>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"

namespace berth::api::ssm {

inline constexpr std::size_t k_max_tags = 50;

// Reads a TagList ([{Key, Value}]). Throws ValidationException for a reserved or repeated key
// and TooManyTagsError past 50.
model::Tags read_tags(const nlohmann::json& tags);

}  // namespace berth::api::ssm

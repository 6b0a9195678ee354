#pragma once
// ECS's tag rules, shared by every operation that takes `tags` (CreateCluster,
// RegisterTaskDefinition, TagResource, and later RunTask and CreateService): at most 50 tags
// per resource, keys of 1-128 and values of 0-256 characters, unique keys, and the `aws:`
// prefix (in any case) reserved for AWS.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"

namespace berth::api::ecs {

inline constexpr std::size_t k_max_tags = 50;

// Reads a Tags list ([{key, value}]) and checks each tag. Throws InvalidParameterException.
model::Tags read_tags(const nlohmann::json& tags);
// input["tags"] when present, else no tags.
model::Tags read_tags_member(const nlohmann::json& input);
// Throws InvalidParameterException when a resource would carry more than 50 tags.
void check_tag_count(std::size_t count);
// Throws InvalidParameterException for keys with the reserved `aws:` prefix.
void check_user_tag_key(const std::string& key);

}  // namespace berth::api::ecs

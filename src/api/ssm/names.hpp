#pragma once
// Parameter Store's naming rules, as the PutParameter reference lists them: names are
// case-sensitive; letters, digits, '_', '.', '-' and '/' only; a name with a '/' is a path and
// starts with one; no "aws" or "ssm" prefix (any case); at most 15 levels; the ARN of the name
// at most 1011 characters.
#include <string>
#include <string_view>

#include "berth/model/common.hpp"

namespace berth::api::ssm {

inline constexpr std::size_t k_max_hierarchy_levels = 15;

// The name PutParameter stores for `raw`: spaces at either end removed (AWS does). Throws
// ValidationException or HierarchyLevelLimitExceededException when the name breaks a rule.
std::string checked_parameter_name(const model::PartitionKey& key, std::string_view raw);

// The path GetParametersByPath and the Path filter take: "/" or "/a/b" (a trailing '/' is
// allowed). Returned with a trailing '/', so that a child's name starts with it. Throws
// ValidationException.
std::string checked_path(std::string_view raw);

// Whether `name` lies under `path` (as checked_path returns it): directly (one level), or at
// any depth when `recursive`.
bool is_under(std::string_view name, std::string_view path, bool recursive);

// Whether `name` is a path (contains '/').
inline bool in_hierarchy(std::string_view name) {
    return name.find('/') != std::string_view::npos;
}

}  // namespace berth::api::ssm

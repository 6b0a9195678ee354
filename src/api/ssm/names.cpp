#include "api/ssm/names.hpp"

#include <algorithm>
#include <cctype>

#include "api/ssm/errors.hpp"
#include "berth/model/parameters.hpp"

namespace berth::api::ssm {

namespace {

// AWS's own wording for a name with a character outside the allowed set or a reserved prefix.
constexpr const char* k_name_rules =
    "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as "
    "a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed "
    "as a mix of letters, numbers and the following 3 symbols .-_";

bool allowed_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-' ||
           c == '/';
}

bool reserved_prefix(std::string_view name) {
    if (name.starts_with('/')) name.remove_prefix(1);
    if (name.size() < 3) return false;
    std::string prefix(name.substr(0, 3));
    std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return prefix == "aws" || prefix == "ssm";
}

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// "/a/b" has two levels, "a" one. (guess: AWS does not say whether the leading '/' counts.)
std::size_t levels(std::string_view name) {
    return static_cast<std::size_t>(std::count(name.begin(), name.end(), '/')) +
           (name.starts_with('/') ? 0 : 1);
}

}  // namespace

std::string checked_parameter_name(const model::PartitionKey& key, std::string_view raw) {
    const auto name = trim_spaces(raw);
    if (name.empty() || !std::all_of(name.begin(), name.end(), allowed_char) ||
        reserved_prefix(name)) {
        throw errors::validation(k_name_rules);
    }
    if (in_hierarchy(name) &&
        (!name.starts_with('/') || name.ends_with('/') || name.find("//") != name.npos)) {
        throw errors::validation("Parameter name must be a fully qualified name.");
    }
    if (levels(name) > k_max_hierarchy_levels) throw errors::hierarchy_too_deep();
    if (model::parameter_arn(key, name).size() > 1011) {
        throw errors::validation(
            "Parameter name, including the ARN that precedes it, must be at most 1011 "
            "characters.");
    }
    return std::string(name);
}

std::string checked_path(std::string_view raw) {
    std::string path(raw);
    if (!path.ends_with('/')) path += '/';
    if (!path.starts_with('/') || path.find("//") != std::string::npos ||
        !std::all_of(path.begin(), path.end(), allowed_char)) {
        throw errors::validation(
            "The parameter path is not valid. A path starts with '/' and its levels are letters, "
            "numbers and the symbols .-_");  // (guess)
    }
    if (levels(path) - 1 > k_max_hierarchy_levels) throw errors::hierarchy_too_deep();
    return path;
}

bool is_under(std::string_view name, std::string_view path, bool recursive) {
    if (!name.starts_with(path) || name.size() == path.size()) return false;
    return recursive || name.find('/', path.size()) == std::string_view::npos;
}

}  // namespace berth::api::ssm

#pragma once
// Reading members of ECS documents that registration has validated: a missing or mistyped
// member reads as absent.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace berth::model::json_members {

using nlohmann::json;

inline const json& member(const json& object, const char* name) {
    static const json k_null;
    if (!object.is_object()) return k_null;
    auto it = object.find(name);
    return it == object.end() ? k_null : *it;
}

inline const json& array_member(const json& object, const char* name) {
    static const json k_empty = json::array();
    const auto& v = member(object, name);
    return v.is_array() ? v : k_empty;
}

// A string member; an integer reads as its decimal text (task sizes may be either).
inline std::string string_member(const json& object, const char* name) {
    const auto& v = member(object, name);
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    return {};
}

inline std::optional<int> int_member(const json& object, const char* name) {
    const auto& v = member(object, name);
    if (v.is_number_integer()) return v.get<int>();
    return std::nullopt;
}

}  // namespace berth::model::json_members

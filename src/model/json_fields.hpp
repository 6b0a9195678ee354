#pragma once
// Reading and writing the optional members of ECS documents kept typed in the model: an absent
// or null member reads as "not given" and a value not given is not written, so a document read
// and written back is the one the client sent.
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/names.hpp"

namespace berth::model::json_fields {

using nlohmann::json;

// The member `name` of `obj` unless absent or null.
inline const json* member(const json& obj, const char* name) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(name);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
}

template <class T>
void read(const json& obj, const char* name, T& out) {
    if (const auto* v = member(obj, name)) out = v->get<T>();
}

template <class T>
void read(const json& obj, const char* name, std::optional<T>& out) {
    if (const auto* v = member(obj, name)) out = v->get<T>();
}

template <Named E, class Out>
void read_enum(const json& obj, const char* name, Out& out) {
    if (const auto* v = member(obj, name); v && v->is_string()) {
        if (auto parsed = parse<E>(v->get<std::string>())) out = *parsed;
    }
}

template <class T>
void write(json& out, const char* name, const std::optional<T>& value) {
    if (value) out[name] = *value;
}

template <Named E>
void write_enum(json& out, const char* name, const std::optional<E>& value) {
    if (value) out[name] = to_string(*value);
}

// Members read and written by a function of their own (nested structures).
template <class T, class Read>
void read_with(const json& obj, const char* name, std::optional<T>& out, Read read_one) {
    if (const auto* v = member(obj, name)) out = read_one(*v);
}

// Each item of a list (anything else reads as empty).
template <class Read>
auto read_items(const json& list, Read read_one) {
    std::vector<std::decay_t<decltype(read_one(list))>> out;
    if (list.is_array()) {
        for (const auto& item : list) out.push_back(read_one(item));
    }
    return out;
}

template <class T, class Read>
void read_list(const json& obj, const char* name, std::vector<T>& out, Read read_one) {
    if (const auto* v = member(obj, name)) out = read_items(*v, read_one);
}

template <class T, class Write>
void write_with(json& out, const char* name, const std::optional<T>& value, Write write_one) {
    if (value) out[name] = write_one(*value);
}

template <class T, class Write>
json list_json(const std::vector<T>& items, Write write_one) {
    json out = json::array();
    for (const auto& item : items) out.push_back(write_one(item));
    return out;
}

}  // namespace berth::model::json_fields

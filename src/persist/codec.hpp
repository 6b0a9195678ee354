#pragma once
// Model values to JSON and back for the state files. Each persisted struct lists its members
// once, in describe(visitor, value) (describe.hpp); the same list writes and reads, so a member
// added to the list is saved and restored alike. Members that have an API codec of their own
// (network, deployment and placement configurations, load balancers, registries) use it: those
// round-trip already (tests/unit/model/service_config_test.cpp and friends).
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/load_balancer_types.hpp"
#include "berth/model/names.hpp"
#include "berth/model/secrets.hpp"
#include "berth/model/store.hpp"
#include "berth/persist/errors.hpp"

namespace berth::persist::codec {

using nlohmann::json;

// The structs that describe() lists (specialised in describe.hpp).
template <class T>
inline constexpr bool k_described = false;

// Declared before the visitors so that their calls find every overload.
template <class T>
requires std::is_arithmetic_v<T> || std::is_same_v<T, std::string> || std::is_same_v<T, json> json
encode(const T& v) {
    return json(v);
}
template <class T>
requires std::is_arithmetic_v<T> || std::is_same_v<T, std::string> || std::is_same_v<T, json>
void decode(const json& j, T& v) {
    v = j.get<T>();
}

template <class E>
requires std::is_enum_v<E> json encode(const E& e) {
    if constexpr (model::Named<E>) {
        return std::string(model::to_string(e));
    } else {
        return static_cast<int>(e);
    }
}
template <class E>
requires std::is_enum_v<E>
void decode(const json& j, E& e) {
    if constexpr (model::Named<E>) {
        auto parsed = model::parse<E>(j.get<std::string>());
        if (!parsed) throw StateError("unknown name '" + j.get<std::string>() + "'");
        e = *parsed;
    } else {
        e = static_cast<E>(j.get<int>());
    }
}

// Nanoseconds since the epoch: a restored time compares equal to the one saved.
inline json encode(const model::TimePoint& t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}
inline void decode(const json& j, model::TimePoint& t) {
    t = model::TimePoint(std::chrono::duration_cast<model::Clock::duration>(
        std::chrono::nanoseconds(j.get<long long>())));
}

// The members with an API codec of their own (describe.cpp).
json encode(const model::NetworkConfiguration& v);
void decode(const json& j, model::NetworkConfiguration& v);
json encode(const model::AwsVpcConfiguration& v);
void decode(const json& j, model::AwsVpcConfiguration& v);
json encode(const model::DeploymentConfiguration& v);
void decode(const json& j, model::DeploymentConfiguration& v);
json encode(const model::ServiceConnectConfiguration& v);
void decode(const json& j, model::ServiceConnectConfiguration& v);
json encode(const std::vector<model::LoadBalancer>& v);
void decode(const json& j, std::vector<model::LoadBalancer>& v);
json encode(const std::vector<model::ServiceRegistry>& v);
void decode(const json& j, std::vector<model::ServiceRegistry>& v);
json encode(const std::vector<model::PlacementConstraint>& v);
void decode(const json& j, std::vector<model::PlacementConstraint>& v);
json encode(const std::vector<model::PlacementStrategy>& v);
void decode(const json& j, std::vector<model::PlacementStrategy>& v);
// A load balancer action: its variant as {"order", "type", and the detail's members}.
json encode(const model::Action& v);
void decode(const json& j, model::Action& v);
// A secret's value: SecretBinary's raw bytes as base64, which JSON can hold (side_codecs.cpp).
json encode(const model::SecretPayload& v);
void decode(const json& j, model::SecretPayload& v);
// A task definition's body as its ECS document, read again as registration read it.
json encode(const std::shared_ptr<const model::TaskDefinitionBody>& v);
void decode(const json& j, std::shared_ptr<const model::TaskDefinitionBody>& v);

template <class T>
json encode(const std::optional<T>& v);
template <class T>
void decode(const json& j, std::optional<T>& v);
template <class T>
json encode(const std::vector<T>& v);
template <class T>
void decode(const json& j, std::vector<T>& v);
template <class T>
json encode(const std::deque<T>& v);
template <class T>
void decode(const json& j, std::deque<T>& v);
template <class K, class V>
json encode(const std::map<K, V>& v);
template <class K, class V>
void decode(const json& j, std::map<K, V>& v);
template <class T>
requires k_described<T> json encode(const T& v);
template <class T>
requires k_described<T>
void decode(const json& j, T& v);

// The visitors describe() is called with.
struct Writer {
    json out = json::object();
    template <class T>
    void operator()(const char* name, const T& v) {
        out[name] = encode(v);
    }
};

struct Reader {
    const json& in;
    template <class T>
    void operator()(const char* name, T& v) {
        auto it = in.find(name);
        if (it != in.end()) decode(*it, v);
    }
};

template <class T>
json encode(const std::optional<T>& v) {
    return v ? encode(*v) : json();
}
template <class T>
void decode(const json& j, std::optional<T>& v) {
    if (j.is_null()) {
        v.reset();
        return;
    }
    T value{};
    decode(j, value);
    v = std::move(value);
}

template <class List>
json encode_list(const List& items) {
    json out = json::array();
    for (const auto& item : items) out.push_back(encode(item));
    return out;
}
template <class List>
void decode_list(const json& j, List& items) {
    items.clear();
    for (const auto& item : j) decode(item, items.emplace_back());
}

template <class T>
json encode(const std::vector<T>& v) {
    return encode_list(v);
}
template <class T>
void decode(const json& j, std::vector<T>& v) {
    decode_list(j, v);
}
template <class T>
json encode(const std::deque<T>& v) {
    return encode_list(v);
}
template <class T>
void decode(const json& j, std::deque<T>& v) {
    decode_list(j, v);
}

// A map as a JSON object: its keys are strings, or enums written by their API names.
template <class K>
std::string map_key(const K& k) {
    if constexpr (std::is_enum_v<K>) {
        return encode(k).template get<std::string>();
    } else {
        return k;
    }
}
template <class K>
K read_map_key(const std::string& text) {
    K k{};
    if constexpr (std::is_enum_v<K>) {
        decode(json(text), k);
    } else {
        k = text;
    }
    return k;
}
template <class K, class V>
json encode(const std::map<K, V>& v) {
    json out = json::object();
    for (const auto& [k, value] : v) out[map_key(k)] = encode(value);
    return out;
}
template <class K, class V>
void decode(const json& j, std::map<K, V>& v) {
    v.clear();
    for (const auto& [k, value] : j.items()) decode(value, v[read_map_key<K>(k)]);
}

}  // namespace berth::persist::codec

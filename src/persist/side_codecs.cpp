// The members of the stores around ECS that need more than describe(): SecretBinary's bytes,
// and a load balancer action's variant.
#include <variant>

#include "berth/protocol/base64.hpp"
#include "describe.hpp"

namespace berth::persist::codec {

json encode(const model::Action& v) {
    json out = std::visit([](const auto& detail) { return encode(detail); }, v.detail);
    out["order"] = v.order;
    out["type"] = std::string(model::action_type_name(v));
    return out;
}

void decode(const json& j, model::Action& v) {
    v.order = j.at("order").get<int>();
    const auto type = j.at("type").get<std::string>();
    if (type == "forward") {
        v.detail = decode_as<model::ForwardAction>(j);
    } else if (type == "fixed-response") {
        v.detail = decode_as<model::FixedResponseAction>(j);
    } else if (type == "redirect") {
        v.detail = decode_as<model::RedirectAction>(j);
    } else {
        throw StateError("unknown action type '" + type + "'");
    }
}

json encode(const model::SecretPayload& v) {
    json out = json::object();
    if (v.secret_string) out["secretString"] = *v.secret_string;
    if (v.secret_binary) out["secretBinary"] = protocol::base64_encode(*v.secret_binary);
    return out;
}

void decode(const json& j, model::SecretPayload& v) {
    v = {};
    if (auto it = j.find("secretString"); it != j.end()) v.secret_string = it->get<std::string>();
    if (auto it = j.find("secretBinary"); it != j.end()) {
        v.secret_binary = protocol::base64_decode(it->get<std::string>());
        if (!v.secret_binary) throw StateError("secretBinary is not base64");
    }
}

}  // namespace berth::persist::codec

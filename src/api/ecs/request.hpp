#pragma once
// Small readers for operation inputs, shared by every ECS handler. Inputs have already been
// validated against the model's shapes, so these only deal with "absent or null".
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "berth/api/ecs/ecs_api.hpp"
#include "berth/model/common.hpp"
#include "berth/protocol/json_service.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::ecs {

inline model::PartitionKey partition_of(const protocol::RequestContext& ctx) {
    return {ctx.account, ctx.region};
}

// Whether `input` carries `member` with a value (JSON null counts as absent, as in the SDKs).
inline bool has(const nlohmann::json& input, std::string_view member) {
    auto it = input.find(member);
    return it != input.end() && !it->is_null();
}

// input[member], or null when absent.
inline const nlohmann::json& member_or_null(const nlohmann::json& input, const char* member) {
    static const nlohmann::json k_null;
    return has(input, member) ? input.at(member) : k_null;
}

inline std::optional<std::string> optional_string(const nlohmann::json& input,
                                                  std::string_view member) {
    if (!has(input, member)) return std::nullopt;
    return input.at(std::string(member)).get<std::string>();
}

// Whether the request's `include` list (DescribeServices, DescribeTasks, ...) names `value`.
inline bool includes(const nlohmann::json& input, std::string_view value) {
    if (!has(input, "include")) return false;
    for (const auto& v : input.at("include")) {
        if (v.is_string() && v.get<std::string_view>() == value) return true;
    }
    return false;
}

inline bool optional_bool(const nlohmann::json& input, std::string_view member, bool fallback) {
    return has(input, member) ? input.at(std::string(member)).get<bool>() : fallback;
}

// The IAM principal of a caller. Berth has no IAM users: every caller is its account's root.
inline std::string caller_principal(const protocol::RequestContext& ctx) {
    return "arn:aws:iam::" + ctx.account + ":root";
}

using HandlerFn = nlohmann::json (*)(const Environment&, const protocol::RequestContext&,
                                     const nlohmann::json&);

// Binds a handler function to the environment, for JsonService::add.
inline protocol::OperationHandler bind(const Environment& env, HandlerFn fn) {
    return [env, fn](const protocol::RequestContext& ctx, const nlohmann::json& input) {
        return fn(env, ctx, input);
    };
}

}  // namespace berth::api::ecs

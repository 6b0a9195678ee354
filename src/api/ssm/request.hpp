#pragma once
// Small readers for SSM operation inputs and the binding of handlers to the environment.
// Inputs have already been validated against the model's shapes (and JSON nulls removed), so
// these only deal with "absent".
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "berth/api/ssm/ssm_api.hpp"
#include "berth/model/common.hpp"
#include "berth/protocol/json_service.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::ssm {

inline model::PartitionKey partition_of(const protocol::RequestContext& ctx) {
    return {ctx.account, ctx.region};
}

inline std::optional<std::string> optional_string(const nlohmann::json& input,
                                                  std::string_view member) {
    auto it = input.find(member);
    if (it == input.end()) return std::nullopt;
    return it->get<std::string>();
}

inline bool optional_bool(const nlohmann::json& input, std::string_view member, bool fallback) {
    auto it = input.find(member);
    return it == input.end() ? fallback : it->get<bool>();
}

// Who a change is recorded as (LastModifiedUser). Berth has no IAM users: every caller is its
// account's root.
inline std::string caller_arn(const protocol::RequestContext& ctx) {
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

}  // namespace berth::api::ssm

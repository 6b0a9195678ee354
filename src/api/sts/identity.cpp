// GetCallerIdentity and GetAccessKeyInfo: who a key belongs to.
#include "api/sts/handlers.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::sts {

using nlohmann::json;

std::optional<model::IssuedCredentials> temporary_caller(const Environment& env,
                                                         const protocol::RequestContext& ctx) {
    auto issued = env.credentials.find_any(ctx.access_key);
    if (issued && issued->expiration <= env.now()) {
        throw protocol::AwsError("ExpiredToken",
                                 "The security token included in the request is expired", 403);
    }
    return issued;
}

// An assumed role answers as its session; long-term keys and GetSessionToken's credentials
// as the account's root user, whose unique id is the account id.
json get_caller_identity(const Environment& env, const protocol::RequestContext& ctx, const json&) {
    auto issued = temporary_caller(env, ctx);
    if (issued && !issued->assumed_role_arn.empty()) {
        return {{"Account", issued->partition.account},
                {"Arn", issued->assumed_role_arn},
                {"UserId", issued->assumed_role_id}};
    }
    const auto& account = issued ? issued->partition.account : ctx.account;
    return {
        {"Account", account}, {"Arn", "arn:aws:iam::" + account + ":root"}, {"UserId", account}};
}

// The account a key belongs to, placed the way every request is (protocol::resolve_context):
// a key Berth issued is in its account, any other in the default one. (A key of 12 digits,
// which names its account in a request, is shorter than the model lets this operation take.)
json get_access_key_info(const Environment& env, const protocol::RequestContext& ctx,
                         const json& input) {
    temporary_caller(env, ctx);
    auto issued = env.credentials.find_any(input.at("AccessKeyId").get<std::string>());
    return {{"Account", issued ? issued->partition.account : env.default_account}};
}

}  // namespace berth::api::sts

// AssumeRole and GetSessionToken: temporary credentials, kept in the CredentialStore so that
// requests signed with them act in their account and GetCallerIdentity knows them.
#include <cmath>

#include "api/sts/handlers.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::sts {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::chrono::seconds k_default_role_duration = 1h;
constexpr std::chrono::seconds k_role_chaining_limit = 1h;
constexpr std::chrono::seconds k_root_session_limit = 1h;
// A session policy and session tags are packed into 2048 bytes; PackedPolicySize is the
// percentage used (see docs/fidelity.md: Berth's packing is plain byte counting).
constexpr double k_packed_capacity = 2048;

protocol::AwsError validation(const std::string& message) {
    return {"ValidationError", message};
}

json credentials_json(const model::IssuedCredentials& c) {
    return {{"AccessKeyId", c.access_key_id},
            {"SecretAccessKey", c.secret_access_key},
            {"SessionToken", c.session_token},
            {"Expiration", model::to_epoch_seconds(c.expiration)}};
}

std::chrono::seconds duration_of(const json& input, std::chrono::seconds fallback) {
    auto it = input.find("DurationSeconds");
    return it == input.end() ? fallback : std::chrono::seconds(it->get<std::int64_t>());
}

bool all_chars_in(std::string_view text, std::string_view allowed) {
    return text.find_first_not_of(allowed) == std::string_view::npos;
}
constexpr std::string_view k_digits = "0123456789";

// arn:aws:iam::<12 digits>:role/[path/]<name>; returns the role's account.
std::string role_account(const std::string& role_arn) {
    auto arn = model::parse_arn(role_arn);
    if (!arn || arn->service != "iam" || arn->resource_type() != "role" ||
        arn->resource_id().empty() || arn->account.size() != 12 ||
        !all_chars_in(arn->account, k_digits)) {
        throw validation(role_arn + " is invalid");
    }
    return arn->account;
}

void check_session_name(const std::string& name) {
    // [\w+=,.@-]*, without std::regex (GCC 12 warns inside it under the sanitizers).
    static constexpr std::string_view k_allowed =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+=,.@-";
    if (!all_chars_in(name, k_allowed)) {
        throw validation("1 validation error detected: Value '" + name +
                         "' at 'roleSessionName' failed to satisfy constraint: Member must "
                         "satisfy regular expression pattern: [\\w+=,.@-]*");
    }
}

// The bytes of the session policy and tags, as a share of what a token can pack; nullopt when
// the request passes neither (STS then leaves PackedPolicySize out).
std::optional<int> packed_policy_size(const json& input) {
    std::size_t bytes = 0;
    bool any = false;
    if (auto policy = input.find("Policy"); policy != input.end()) {
        const auto& text = policy->get_ref<const std::string&>();
        if (!json::accept(text)) {
            throw protocol::AwsError("MalformedPolicyDocument",
                                     "The policy is not in the valid JSON format.");
        }
        bytes += text.size();
        any = true;
    }
    for (const auto& arn : input.value("PolicyArns", json::array())) {
        bytes += arn.value("arn", std::string()).size();
        any = true;
    }
    for (const auto& tag : input.value("Tags", json::array())) {
        bytes += tag.value("Key", std::string()).size() + tag.value("Value", std::string()).size();
        any = true;
    }
    if (!any) return std::nullopt;
    return static_cast<int>(std::ceil(100.0 * static_cast<double>(bytes) / k_packed_capacity));
}

}  // namespace

json assume_role(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto caller = temporary_caller(env, ctx);
    const auto role_arn = input.at("RoleArn").get<std::string>();
    const auto session = input.at("RoleSessionName").get<std::string>();
    const auto account = role_account(role_arn);
    check_session_name(session);
    const auto duration = duration_of(input, k_default_role_duration);
    if (caller && !caller->assumed_role_arn.empty() && duration > k_role_chaining_limit) {
        throw validation(
            "The requested DurationSeconds exceeds the 1 hour session limit for "
            "roles assumed by role chaining.");
    }
    const auto packed = packed_policy_size(input);
    if (packed && *packed > 100) {
        throw protocol::AwsError("PackedPolicyTooLarge",
                                 "Packed size of session policies and tags exceeds the limit (" +
                                     std::to_string(*packed) + "%).");
    }
    auto issued =
        env.credentials.issue({account, ctx.region}, role_arn, session, duration, env.now());
    json out{{"Credentials", credentials_json(issued)},
             {"AssumedRoleUser",
              {{"Arn", issued.assumed_role_arn}, {"AssumedRoleId", issued.assumed_role_id}}}};
    if (packed) out["PackedPolicySize"] = *packed;
    if (auto source = input.find("SourceIdentity"); source != input.end())
        out["SourceIdentity"] = *source;
    return out;
}

// Every Berth caller is its account's root, whose session tokens last at most an hour (STS
// shortens longer requests to one hour rather than refusing them).
json get_session_token(const Environment& env, const protocol::RequestContext& ctx,
                       const json& input) {
    if (temporary_caller(env, ctx)) {
        throw protocol::AwsError("AccessDenied",
                                 "Cannot call GetSessionToken with session credentials", 403);
    }
    const auto duration = std::min(duration_of(input, k_root_session_limit), k_root_session_limit);
    auto issued = env.credentials.issue({ctx.account, ctx.region}, "", "", duration, env.now());
    return {{"Credentials", credentials_json(issued)}};
}

}  // namespace berth::api::sts

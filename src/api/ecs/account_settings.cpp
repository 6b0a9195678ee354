// PutAccountSetting, PutAccountSettingDefault, ListAccountSettings, DeleteAccountSetting.
//
// Settings are per partition (ECS account settings are per Region). A setting made by the
// root user, or with PutAccountSettingDefault, is the account default; a setting for an IAM
// user or role overrides it for that principal. Every Berth caller is the root user.
#include "api/ecs/account_settings.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

struct SettingSpec {
    std::string_view name;
    std::string_view aws_default;
    std::vector<std::string_view> values;
};

// ECS's account settings, their defaults for a new account, and the values each accepts.
const std::array<SettingSpec, 11>& setting_specs() {
    static const std::array<SettingSpec, 11> specs{{
        {"awsvpcTrunking", "disabled", {"enabled", "disabled"}},
        {"containerInsights", "disabled", {"enabled", "disabled", "enhanced"}},
        {"containerInstanceLongArnFormat", "enabled", {"enabled", "disabled"}},
        {"defaultLogDriverMode", "non-blocking", {"blocking", "non-blocking"}},
        {"fargateEventWindows", "disabled", {"enabled", "disabled"}},
        {"fargateFIPSMode", "disabled", {"enabled", "disabled"}},
        {"fargateTaskRetirementWaitPeriod", "7", {"0", "7", "14"}},
        {"guardDutyActivate", "off", {"on", "off"}},
        {"serviceLongArnFormat", "enabled", {"enabled", "disabled"}},
        {"tagResourceAuthorization", "on", {"on", "off"}},
        {"taskLongArnFormat", "enabled", {"enabled", "disabled"}},
    }};
    return specs;
}

const SettingSpec* find_spec(std::string_view name) {
    for (const auto& spec : setting_specs()) {
        if (spec.name == name) return &spec;
    }
    return nullptr;
}

void check_value(const std::string& name, const std::string& value) {
    const auto* spec = find_spec(name);
    if (!spec) throw errors::invalid_parameter("Unknown account setting name: " + name);
    if (std::find(spec->values.begin(), spec->values.end(), value) != spec->values.end()) return;
    std::string valid;
    for (auto v : spec->values) valid += (valid.empty() ? "" : ", ") + std::string(v);
    throw errors::invalid_parameter("Invalid value '" + value + "' for setting '" + name +
                                    "'. Valid values are: " + valid + ".");
}

bool is_root(const RequestContext& ctx, const std::string& principal) {
    return principal == caller_principal(ctx);
}

// The principal a call is about: principalArn when given (an IAM ARN of the caller's
// account), else the caller.
std::string principal_of(const RequestContext& ctx, const json& input) {
    auto given = optional_string(input, "principalArn");
    if (!given) return caller_principal(ctx);
    auto arn = model::parse_arn(*given);
    if (!arn || arn->service != "iam") {
        throw errors::invalid_parameter(
            "principalArn must be the ARN of an IAM user, IAM role "
            "or the root user.");
    }
    if (arn->account != ctx.account) {
        throw errors::invalid_parameter("Invalid identifier: Identifier is for " + arn->account +
                                        ". Your accountId is " + ctx.account);
    }
    return *given;
}

std::string principal_key(const std::string& principal, const std::string& name) {
    return principal + "|" + name;
}

json setting_json(const model::AccountSetting& s) {
    return {
        {"name", s.name}, {"value", s.value}, {"principalArn", s.principal_arn}, {"type", s.type}};
}

// The setting in force for a principal, with the type that says where it comes from.
model::AccountSetting effective_setting(const model::Partition& p, const std::string& principal,
                                        const SettingSpec& spec) {
    const std::string name(spec.name);
    if (auto it = p.account_settings.find(principal_key(principal, name));
        it != p.account_settings.end()) {
        return it->second;
    }
    if (auto it = p.account_setting_defaults.find(name); it != p.account_setting_defaults.end()) {
        auto s = it->second;
        s.principal_arn = principal;
        return s;
    }
    return {name, std::string(spec.aws_default), principal, "aws_managed"};
}

json put_setting(const Environment& env, const RequestContext& ctx, const std::string& principal,
                 const json& input) {
    const auto name = input["name"].get<std::string>();
    const auto value = input["value"].get<std::string>();
    check_value(name, value);
    model::AccountSetting setting{name, value, principal, "user"};
    env.store.write(partition_of(ctx), [&](model::Partition& p) {
        if (is_root(ctx, principal)) {
            p.account_setting_defaults[name] = setting;
        } else {
            p.account_settings[principal_key(principal, name)] = setting;
        }
    });
    return {{"setting", setting_json(setting)}};
}

}  // namespace

json put_account_setting(const Environment& env, const RequestContext& ctx, const json& input) {
    return put_setting(env, ctx, principal_of(ctx, input), input);
}

json put_account_setting_default(const Environment& env, const RequestContext& ctx,
                                 const json& input) {
    return put_setting(env, ctx, caller_principal(ctx), input);
}

json delete_account_setting(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto principal = principal_of(ctx, input);
    const auto name = input["name"].get<std::string>();
    const auto* spec = find_spec(name);
    if (!spec) throw errors::invalid_parameter("Unknown account setting name: " + name);
    return env.store.write(partition_of(ctx), [&](model::Partition& p) {
        auto& settings = is_root(ctx, principal) ? p.account_setting_defaults : p.account_settings;
        const auto key = is_root(ctx, principal) ? name : principal_key(principal, name);
        // Deleting a setting that was never made answers the setting in force: deletes are
        // idempotent, so tools that clean up twice do not fail.
        auto setting = effective_setting(p, principal, *spec);
        if (auto it = settings.find(key); it != settings.end()) {
            setting = it->second;
            settings.erase(it);
        }
        return json{{"setting", setting_json(setting)}};
    });
}

json list_account_settings(const Environment& env, const RequestContext& ctx, const json& input) {
    // ECS pages account settings ten at a time.
    const auto page_request = protocol::read_page_request(input, 10);
    const auto principal = principal_of(ctx, input);
    const auto name_filter = optional_string(input, "name");
    const auto value_filter = optional_string(input, "value");
    const bool effective = optional_bool(input, "effectiveSettings", false);

    auto settings = env.store.read(partition_of(ctx), [&](const model::Partition& p) {
        std::vector<model::AccountSetting> out;
        for (const auto& spec : setting_specs()) {
            if (name_filter && *name_filter != spec.name) continue;
            const std::string name(spec.name);
            if (effective) {
                out.push_back(effective_setting(p, principal, spec));
            } else if (is_root(ctx, principal)) {
                if (auto it = p.account_setting_defaults.find(name);
                    it != p.account_setting_defaults.end()) {
                    out.push_back(it->second);
                }
            } else if (auto it = p.account_settings.find(principal_key(principal, name));
                       it != p.account_settings.end()) {
                out.push_back(it->second);
            }
        }
        return out;
    });
    if (value_filter) {
        std::erase_if(settings, [&](const auto& s) { return s.value != *value_filter; });
    }
    // setting_specs() is sorted by name, so the list is too.
    auto page = protocol::paginate(
        std::move(settings), page_request,
        [](const model::AccountSetting& s) -> const std::string& { return s.name; });
    json out{{"settings", json::array()}};
    for (const auto& s : page.items) out["settings"].push_back(setting_json(s));
    page.write_next_token(out);
    return out;
}

std::string effective_setting_value(const model::Partition& p, const std::string& principal,
                                    std::string_view name) {
    const auto* spec = find_spec(name);
    return spec ? effective_setting(p, principal, *spec).value : std::string{};
}

}  // namespace berth::api::ecs

// PutParameter: a new parameter, or (with Overwrite) a new version of one.
#include <optional>
#include <regex>
#include <string>

#include "api/ssm/errors.hpp"
#include "api/ssm/handlers.hpp"
#include "api/ssm/names.hpp"
#include "api/ssm/request.hpp"
#include "api/ssm/tagging.hpp"

namespace berth::api::ssm {

namespace {

using model::ParameterTier;
using model::ParameterType;
using nlohmann::json;

constexpr std::size_t k_standard_max_value = 4096;
constexpr std::size_t k_advanced_max_value = 8192;
constexpr const char* k_default_key_id = "alias/aws/ssm";

// The request, read once; what depends on an existing parameter is settled in `resolve`.
struct PutRequest {
    std::string name;
    std::string value;
    std::optional<ParameterType> type;
    std::optional<std::string> tier;  // Standard, Advanced or Intelligent-Tiering
    std::optional<std::string> description;
    std::optional<std::string> key_id;
    std::string allowed_pattern;
    std::string data_type = "text";
    bool overwrite = false;
    model::Tags tags;
};

void check_allowed_pattern(const PutRequest& r) {
    if (r.allowed_pattern.empty()) return;
    std::regex pattern;
    try {
        pattern = std::regex(r.allowed_pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        throw errors::invalid_allowed_pattern(e.what());
    }
    // A search, not a full match: AWS's own example anchors its pattern (^\d+$). (guess)
    if (!std::regex_search(r.value, pattern)) throw errors::pattern_mismatch(r.allowed_pattern);
}

PutRequest read_request(const model::PartitionKey& key, const json& input) {
    PutRequest r;
    r.name = checked_parameter_name(key, input.at("Name").get<std::string>());
    r.value = input.at("Value").get<std::string>();
    if (r.value.empty()) {
        throw errors::validation(
            "1 validation error detected: Value '' at 'value' failed to "
            "satisfy constraint: Member must have length greater than or "
            "equal to 1.");
    }
    if (auto t = optional_string(input, "Type")) r.type = model::parse<ParameterType>(*t);
    r.tier = optional_string(input, "Tier");
    r.description = optional_string(input, "Description");
    r.key_id = optional_string(input, "KeyId");
    r.allowed_pattern = optional_string(input, "AllowedPattern").value_or("");
    r.data_type = optional_string(input, "DataType").value_or("text");
    r.overwrite = optional_bool(input, "Overwrite", false);
    if (input.contains("Tags")) r.tags = read_tags(input.at("Tags"));
    if (input.contains("Tags") && r.overwrite) {
        throw errors::validation(
            "Invalid request: tags and overwrite can't be used together. To create a parameter "
            "with tags, please remove overwrite flag. To update tags for an existing parameter, "
            "please use AddTagsToResource or RemoveTagsFromResource.");
    }
    if (input.contains("Policies")) {
        // Expiration and notification policies need a clock Berth does not run (fidelity.md).
        throw errors::validation("Berth does not support parameter policies.");
    }
    if (r.data_type != "text") {
        // aws:ec2:image and aws:ssm:integration need EC2 and integrations Berth does not have.
        throw errors::validation("The following data type is not supported: " + r.data_type +
                                 " (Berth supports text only.)");
    }
    check_allowed_pattern(r);
    return r;
}

ParameterTier resolve_tier(const PutRequest& r, const model::Parameter* existing) {
    const bool was_advanced = existing && existing->latest().tier == ParameterTier::advanced;
    const bool large = r.value.size() > k_standard_max_value;
    if (r.value.size() > k_advanced_max_value) {
        throw errors::validation(
            "Advanced tier parameters support a maximum parameter value of "
            "8192 characters.");
    }
    if (r.tier == "Advanced") return ParameterTier::advanced;
    if (r.tier == "Standard" && was_advanced) {
        throw errors::validation(
            "This parameter uses the advanced-parameter tier. You can't downgrade a parameter "
            "from the advanced-parameter tier to the standard-parameter tier. If necessary, you "
            "can delete the advanced parameter and recreate it as a standard parameter.");
    }
    // Intelligent-Tiering picks Advanced only when the value needs it; no tier keeps the one
    // the parameter has (the account's default tier is Standard in Berth).
    if (was_advanced || (large && r.tier == "Intelligent-Tiering")) return ParameterTier::advanced;
    if (large) {
        throw errors::validation(
            "Standard tier parameters support a maximum parameter value of 4096 characters. To "
            "create a larger parameter value, upgrade the parameter to use the advanced-parameter "
            "tier. For more information, see "
            "https://docs.aws.amazon.com/systems-manager/latest/userguide/"
            "parameter-store-advanced-parameters.html");
    }
    return ParameterTier::standard;
}

ParameterType resolve_type(const PutRequest& r, const model::Parameter* existing) {
    if (!existing) {
        if (!r.type) {
            throw errors::validation(
                "A parameter type is required when you create a "
                "parameter.");  // (guess)
        }
        return *r.type;
    }
    const auto old = existing->latest().type;
    // The reference of HierarchyTypeMismatchException: a parameter in a hierarchy keeps its type.
    if (r.type && *r.type != old && in_hierarchy(r.name)) throw errors::hierarchy_type_mismatch();
    return r.type.value_or(old);
}

std::string resolve_key_id(const PutRequest& r, ParameterType type,
                           const model::Parameter* existing) {
    if (type != ParameterType::secure_string) {
        if (r.key_id) {
            throw errors::validation("KeyId is required for SecureString type parameter only.");
        }
        return {};
    }
    if (r.key_id) return *r.key_id;
    // An overwrite without KeyId keeps the key of the parameter. (guess)
    if (existing && !existing->latest().key_id.empty()) return existing->latest().key_id;
    return k_default_key_id;
}

// The version `r` makes, given the parameter as it stands (nullptr: a new one).
model::ParameterVersion make_version(const PutRequest& r, const model::Parameter* existing) {
    model::ParameterVersion v;
    v.type = resolve_type(r, existing);
    v.tier = resolve_tier(r, existing);
    v.key_id = resolve_key_id(r, v.type, existing);
    v.value = r.value;
    // An overwrite without Description keeps the one the parameter has. (guess)
    v.description = r.description.value_or(existing ? existing->latest().description : "");
    v.allowed_pattern = r.allowed_pattern;
    v.data_type = r.data_type;
    return v;
}

}  // namespace

json put_parameter(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const PutRequest r = read_request(key, input);
    return env.parameters.write(key, [&](model::ParameterPartition& p) {
        auto it = p.parameters.find(r.name);
        const model::Parameter* existing = it == p.parameters.end() ? nullptr : &it->second;
        if (existing && !r.overwrite) throw errors::parameter_already_exists();
        auto v = make_version(r, existing);
        v.last_modified = env.now();
        v.last_modified_user = caller_arn(ctx);
        if (existing && !existing->can_add_version()) {
            throw errors::max_versions(r.name, existing->versions.front().version);
        }
        auto& parameter = p.parameters[r.name];
        if (!existing) {
            parameter.name = r.name;
            parameter.tags = r.tags;
        }
        const auto tier = v.tier;
        const auto version = parameter.add_version(std::move(v));
        return json{{"Version", version}, {"Tier", model::to_string(tier)}};
    });
}

}  // namespace berth::api::ssm

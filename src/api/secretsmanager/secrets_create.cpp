// CreateSecret.
#include <algorithm>
#include <cctype>

#include "api/secretsmanager/errors.hpp"
#include "api/secretsmanager/handlers.hpp"
#include "api/secretsmanager/request.hpp"

namespace berth::api::secretsmanager {

using nlohmann::json;

namespace {

// ASCII letters, digits and /_+=.@- (the model bounds the length).
void check_name(const std::string& name) {
    const bool ok = std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 ||
               std::string_view("/_+=.@-").find(static_cast<char>(c)) != std::string_view::npos;
    });
    if (!ok) {
        throw errors::invalid_parameter(
            "Invalid name. Must be a valid name containing alphanumeric characters, or any of the "
            "following: -/_+=.@!");
    }
}

void refuse_unsupported(const json& input) {
    if (input.contains("AddReplicaRegions"))
        throw errors::unsupported("AddReplicaRegions", "it keeps every secret in its own Region");
    if (input.contains("Type"))
        throw errors::unsupported("Type", "every secret is a plain Secrets Manager secret");
}

json created_answer(const model::StoredSecret& secret, const model::SecretVersion* version) {
    json out{{"ARN", secret.arn}, {"Name", secret.name}};
    if (version != nullptr) out["VersionId"] = version->id;
    return out;
}

// CreateSecret on a name already taken: the same request again (same ClientRequestToken, same
// value) answers as the first did; anything else is refused.
json repeated_create(const model::StoredSecret& secret, const json& input,
                     const model::SecretPayload& payload) {
    if (secret.scheduled_for_deletion()) {
        throw errors::invalid_request(
            "You can't create this secret because a secret with this name is already scheduled "
            "for deletion.");
    }
    if (input.contains("ClientRequestToken")) {
        const auto* version = secret.version(input.at("ClientRequestToken").get<std::string>());
        if (version != nullptr) {
            if (version->payload != payload) throw errors::version_exists();
            return created_answer(secret, version);
        }
    }
    throw errors::resource_exists("The operation failed because the secret " + secret.name +
                                  " already exists.");
}

}  // namespace

json create_secret(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto name = input.at("Name").get<std::string>();
    check_name(name);
    refuse_unsupported(input);
    auto payload = read_payload(input);
    auto tags = input.contains("Tags") ? read_tags(input.at("Tags")) : model::Tags{};
    const auto key = partition_of(ctx);
    const auto now = env.secrets.now();
    return env.secrets.write(key, [&](model::SecretPartition& p) {
        if (auto it = p.by_name.find(name); it != p.by_name.end())
            return repeated_create(it->second, input, payload);
        model::StoredSecret secret;
        secret.arn = model::new_secret_arn(key, name);
        secret.name = name;
        if (input.contains("Description")) secret.description = input.at("Description");
        if (input.contains("KmsKeyId")) secret.kms_key_id = input.at("KmsKeyId");
        model::merge_tags(secret.tags, tags);
        secret.created = secret.last_changed = now;
        const model::SecretVersion* version = nullptr;
        if (has_value(payload)) {
            version = &put_version(secret, version_id_for(input), std::move(payload),
                                   {std::string(model::k_stage_current)}, now);
        }
        auto out = created_answer(secret, version);
        p.by_name.emplace(name, std::move(secret));
        return out;
    });
}

}  // namespace berth::api::secretsmanager

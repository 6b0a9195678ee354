// UpdateSecret and UpdateSecretVersionStage.
#include "api/secretsmanager/errors.hpp"
#include "api/secretsmanager/handlers.hpp"
#include "api/secretsmanager/request.hpp"

namespace berth::api::secretsmanager {

using nlohmann::json;

namespace {

// The preconditions of UpdateSecretVersionStage (the API reference's rules; the messages are
// Berth's wording).
void check_stage_move(const model::StoredSecret& secret, const std::string& stage,
                      const std::string& remove_from, const std::string& move_to) {
    if (remove_from.empty() && move_to.empty())
        throw errors::invalid_parameter(
            "You must specify MoveToVersionId, RemoveFromVersionId or both.");
    for (const auto& id : {remove_from, move_to}) {
        if (!id.empty() && secret.version(id) == nullptr)
            throw errors::invalid_parameter("The version " + id +
                                            " doesn't exist for this secret.");
    }
    if (!remove_from.empty() && !secret.version(remove_from)->has_stage(stage)) {
        throw errors::invalid_parameter("The staging label " + stage +
                                        " is not attached to version " + remove_from + ".");
    }
    const auto* holder = secret.version_with_stage(stage);
    if (!move_to.empty() && holder != nullptr && holder->id != move_to &&
        holder->id != remove_from) {
        throw errors::invalid_parameter("The staging label " + stage +
                                        " is currently attached to version " + holder->id +
                                        ". Specify it as RemoveFromVersionId to move the label.");
    }
    if (move_to.empty() && stage == model::k_stage_current) {
        throw errors::invalid_parameter(
            "You can't remove the AWSCURRENT staging label; move it to another version instead.");
    }
}

}  // namespace

json update_secret(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    if (input.contains("Type"))
        throw errors::unsupported("Type", "every secret is a plain Secrets Manager secret");
    auto payload = read_payload(input);
    const auto now = env.secrets.now();
    return env.secrets.write(partition_of(ctx), [&](model::SecretPartition& p) {
        auto& secret = live_secret_for(p, input);
        if (input.contains("Description")) secret.description = input.at("Description");
        if (input.contains("KmsKeyId")) secret.kms_key_id = input.at("KmsKeyId");
        secret.last_changed = now;
        json out{{"ARN", secret.arn}, {"Name", secret.name}};
        if (has_value(payload)) {
            out["VersionId"] = put_version(secret, version_id_for(input), std::move(payload),
                                           {std::string(model::k_stage_current)}, now)
                                   .id;
        }
        return out;
    });
}

json update_secret_version_stage(const Environment& env, const protocol::RequestContext& ctx,
                                 const json& input) {
    const auto stage = input.at("VersionStage").get<std::string>();
    const auto remove_from = input.value("RemoveFromVersionId", std::string());
    const auto move_to = input.value("MoveToVersionId", std::string());
    const auto now = env.secrets.now();
    return env.secrets.write(partition_of(ctx), [&](model::SecretPartition& p) {
        auto& secret = live_secret_for(p, input);
        check_stage_move(secret, stage, remove_from, move_to);
        if (move_to.empty()) {
            secret.detach_stage(stage, remove_from);
        } else {
            secret.attach_stage(stage, move_to);
        }
        secret.last_changed = now;
        return json{{"ARN", secret.arn}, {"Name", secret.name}};
    });
}

}  // namespace berth::api::secretsmanager

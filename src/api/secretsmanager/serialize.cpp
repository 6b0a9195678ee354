#include "api/secretsmanager/serialize.hpp"

#include "berth/protocol/base64.hpp"

namespace berth::api::secretsmanager {

using nlohmann::json;

namespace {

// Versions with a label only: a deprecated version is not in the map.
json versions_to_stages(const model::StoredSecret& secret) {
    json out = json::object();
    for (const auto& v : secret.versions)
        if (!v.stages.empty()) out[v.id] = v.stages;
    return out;
}

json describe_with_versions_as(const model::StoredSecret& secret, const char* versions_member) {
    json out{{"ARN", secret.arn},
             {"Name", secret.name},
             {"CreatedDate", model::to_epoch_seconds(secret.created)},
             {"LastChangedDate", model::to_epoch_seconds(secret.last_changed)},
             {versions_member, versions_to_stages(secret)}};
    if (secret.description) out["Description"] = *secret.description;
    if (secret.kms_key_id) out["KmsKeyId"] = *secret.kms_key_id;
    if (secret.last_accessed)
        out["LastAccessedDate"] = model::to_epoch_seconds(*secret.last_accessed);
    // When the secret was deleted (moto, and the service's answers we have seen): the deletion
    // date itself is only in DeleteSecret's answer.
    if (secret.deleted) out["DeletedDate"] = model::to_epoch_seconds(*secret.deleted);
    if (!secret.tags.empty()) out["Tags"] = tags_json(secret.tags);
    return out;
}

}  // namespace

json describe_json(const model::StoredSecret& secret) {
    return describe_with_versions_as(secret, "VersionIdsToStages");
}

json list_entry_json(const model::StoredSecret& secret) {
    return describe_with_versions_as(secret, "SecretVersionsToStages");
}

json value_json(const model::StoredSecret& secret, const model::SecretVersion& version) {
    json out{{"ARN", secret.arn},
             {"Name", secret.name},
             {"VersionId", version.id},
             {"CreatedDate", model::to_epoch_seconds(version.created)}};
    if (!version.stages.empty()) out["VersionStages"] = version.stages;  // none: deprecated
    if (version.payload.secret_string) out["SecretString"] = *version.payload.secret_string;
    if (version.payload.secret_binary)
        out["SecretBinary"] = protocol::base64_encode(*version.payload.secret_binary);
    return out;
}

json version_entry_json(const model::SecretVersion& version) {
    json out{{"VersionId", version.id}, {"CreatedDate", model::to_epoch_seconds(version.created)}};
    if (!version.stages.empty()) out["VersionStages"] = version.stages;
    if (version.last_accessed)
        out["LastAccessedDate"] = model::to_epoch_seconds(*version.last_accessed);
    return out;
}

json tags_json(const model::Tags& tags) {
    json out = json::array();
    for (const auto& t : tags) out.push_back({{"Key", t.key}, {"Value", t.value}});
    return out;
}

}  // namespace berth::api::secretsmanager

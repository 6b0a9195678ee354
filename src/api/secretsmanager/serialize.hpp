#pragma once
// Secrets as the wire shows them: DescribeSecret, a ListSecrets entry, a secret value and a
// version entry. Timestamps are epoch seconds; SecretBinary goes out as base64.
#include <nlohmann/json.hpp>

#include "berth/model/secrets.hpp"

namespace berth::api::secretsmanager {

// DescribeSecret's answer; ListSecrets' entry is the same with the version map named
// SecretVersionsToStages instead of VersionIdsToStages.
nlohmann::json describe_json(const model::StoredSecret& secret);
nlohmann::json list_entry_json(const model::StoredSecret& secret);

// GetSecretValue's answer, and a BatchGetSecretValue entry.
nlohmann::json value_json(const model::StoredSecret& secret, const model::SecretVersion& version);

// A ListSecretVersionIds entry.
nlohmann::json version_entry_json(const model::SecretVersion& version);

nlohmann::json tags_json(const model::Tags& tags);

}  // namespace berth::api::secretsmanager

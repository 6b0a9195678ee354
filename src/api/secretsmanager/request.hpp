#pragma once
// Readers shared by the Secrets Manager handlers: the partition, the secret a SecretId names,
// a secret value and tags off the wire, and the ClientRequestToken that names a new version.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/secrets.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::secretsmanager {

inline model::PartitionKey partition_of(const protocol::RequestContext& ctx) {
    return {ctx.account, ctx.region};
}

// The secret input["SecretId"] names; ResourceNotFoundException when none.
model::StoredSecret& secret_for(model::SecretPartition& p, const nlohmann::json& input);
const model::StoredSecret& secret_for(const model::SecretPartition& p, const nlohmann::json& input);
// As secret_for, and InvalidRequestException when it is scheduled for deletion.
model::StoredSecret& live_secret_for(model::SecretPartition& p, const nlohmann::json& input);

// SecretString, or SecretBinary decoded from base64; neither is an empty payload.
// InvalidParameterException when both are given.
model::SecretPayload read_payload(const nlohmann::json& input);
bool has_value(const model::SecretPayload& payload);

// The new version's id: the ClientRequestToken (the SDKs fill one in), else a new UUID.
std::string version_id_for(const nlohmann::json& input);

// Adds the version `id` carrying `payload` and `stages`. A version `id` that exists with the
// same value is a retried request and changes nothing; with another value it is refused
// (ResourceExistsException), as a version never changes.
const model::SecretVersion& put_version(model::StoredSecret& secret, const std::string& id,
                                        model::SecretPayload payload,
                                        std::vector<std::string> stages, model::TimePoint now);

model::Tags read_tags(const nlohmann::json& tags);  // [{"Key", "Value"}]
// InvalidParameterException past the service's quota of 50 tags a secret.
void check_tag_count(std::size_t count);
std::vector<std::string> read_strings(const nlohmann::json& list);

// LastAccessedDate holds the day only: the service truncates it to midnight (UTC).
model::TimePoint access_day(model::TimePoint t);

}  // namespace berth::api::secretsmanager

#include "api/secretsmanager/request.hpp"

#include <chrono>

#include "api/secretsmanager/errors.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/base64.hpp"

namespace berth::api::secretsmanager {

model::StoredSecret& secret_for(model::SecretPartition& p, const nlohmann::json& input) {
    auto* secret = p.find(input.at("SecretId").get<std::string>());
    if (secret == nullptr) throw errors::not_found();
    return *secret;
}

const model::StoredSecret& secret_for(const model::SecretPartition& p,
                                      const nlohmann::json& input) {
    return secret_for(const_cast<model::SecretPartition&>(p), input);
}

model::StoredSecret& live_secret_for(model::SecretPartition& p, const nlohmann::json& input) {
    auto& secret = secret_for(p, input);
    if (secret.scheduled_for_deletion()) throw errors::marked_for_deletion();
    return secret;
}

model::SecretPayload read_payload(const nlohmann::json& input) {
    model::SecretPayload payload;
    if (input.contains("SecretString")) payload.secret_string = input.at("SecretString");
    if (input.contains("SecretBinary")) {
        // Validation has checked that the blob is base64.
        payload.secret_binary =
            protocol::base64_decode(input.at("SecretBinary").get<std::string>()).value_or("");
    }
    if (payload.secret_string && payload.secret_binary) {
        // Berth's wording.
        throw errors::invalid_parameter(
            "You can't specify both a binary secret value and a string secret value in the same "
            "secret.");
    }
    return payload;
}

bool has_value(const model::SecretPayload& payload) {
    return payload.secret_string || payload.secret_binary;
}

std::string version_id_for(const nlohmann::json& input) {
    return input.contains("ClientRequestToken") ? input.at("ClientRequestToken").get<std::string>()
                                                : model::new_uuid();
}

const model::SecretVersion& put_version(model::StoredSecret& secret, const std::string& id,
                                        model::SecretPayload payload,
                                        std::vector<std::string> stages, model::TimePoint now) {
    if (const auto* existing = secret.version(id)) {
        if (existing->payload != payload) throw errors::version_exists();
        return *existing;
    }
    secret.last_changed = now;
    return secret.add_version({id, std::move(stages), std::move(payload), now, std::nullopt});
}

model::Tags read_tags(const nlohmann::json& tags) {
    model::Tags out;
    for (const auto& t : tags) {
        // Key and Value are optional in the model; a tag without a key is no tag.
        if (!t.contains("Key")) throw errors::invalid_parameter("A tag must have a Key.");
        out.push_back({t.at("Key").get<std::string>(), t.value("Value", std::string())});
    }
    check_tag_count(out.size());
    return out;
}

void check_tag_count(std::size_t count) {
    // Berth's wording.
    if (count > 50) throw errors::invalid_parameter("A secret can have at most 50 tags.");
}

std::vector<std::string> read_strings(const nlohmann::json& list) {
    return list.get<std::vector<std::string>>();
}

model::TimePoint access_day(model::TimePoint t) {
    return std::chrono::floor<std::chrono::days>(t);
}

}  // namespace berth::api::secretsmanager

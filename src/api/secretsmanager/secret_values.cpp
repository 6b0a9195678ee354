// GetSecretValue, BatchGetSecretValue and PutSecretValue.
#include "api/secretsmanager/errors.hpp"
#include "api/secretsmanager/filters.hpp"
#include "api/secretsmanager/handlers.hpp"
#include "api/secretsmanager/request.hpp"
#include "api/secretsmanager/serialize.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::secretsmanager {

using nlohmann::json;

namespace {

// The version GetSecretValue asks for, recorded as read today. The messages name what was
// asked for, as the service's do.
json read_value(model::StoredSecret& secret, const std::string& stage,
                const std::string& version_id, model::TimePoint now) {
    const auto* version = model::select_version(secret, stage, version_id);
    if (version == nullptr) {
        const auto what =
            version_id.empty()
                ? "staging label: " + (stage.empty() ? std::string(model::k_stage_current) : stage)
                : "VersionId: " + version_id;
        throw errors::not_found("Secrets Manager can't find the specified secret value for " +
                                what);
    }
    secret.last_accessed = access_day(now);
    secret.version(version->id)->last_accessed = access_day(now);
    return value_json(secret, *version);
}

json error_entry(const std::string& secret_id, const protocol::AwsError& e) {
    return {{"SecretId", secret_id}, {"ErrorCode", e.type()}, {"Message", e.what()}};
}

// BatchGetSecretValue by SecretIdList: every id answers a value or an error entry.
json values_by_id(model::SecretPartition& p, const json& ids, model::TimePoint now) {
    json out{{"SecretValues", json::array()}, {"Errors", json::array()}};
    for (const auto& id : ids) {
        try {
            auto& secret = live_secret_for(p, json{{"SecretId", id}});
            out["SecretValues"].push_back(read_value(secret, "", "", now));
        } catch (const protocol::AwsError& e) {
            out["Errors"].push_back(error_entry(id.get<std::string>(), e));
        }
    }
    return out;
}

// BatchGetSecretValue by Filters: the current value of every matching secret, by name, a page
// at a time. A matching secret without a value is an error entry (Berth's guess).
json values_by_filter(model::SecretPartition& p, const json& input, const std::string& region,
                      model::TimePoint now) {
    const auto filters = read_filters(input.at("Filters"));
    auto request = protocol::read_page_request(input, 20, protocol::k_capitalized_pages);
    std::vector<std::string> names;
    for (const auto& [name, secret] : p.by_name)
        if (!secret.scheduled_for_deletion() && matches(secret, filters, region))
            names.push_back(name);
    auto page = protocol::paginate(std::move(names), request);
    json ids = page.items;
    auto out = values_by_id(p, ids, now);
    page.write_next_token(out, protocol::k_capitalized_pages);
    return out;
}

}  // namespace

json get_secret_value(const Environment& env, const protocol::RequestContext& ctx,
                      const json& input) {
    const auto now = env.secrets.now();
    return env.secrets.write(partition_of(ctx), [&](model::SecretPartition& p) {
        auto& secret = live_secret_for(p, input);
        return read_value(secret, input.value("VersionStage", ""), input.value("VersionId", ""),
                          now);
    });
}

json batch_get_secret_value(const Environment& env, const protocol::RequestContext& ctx,
                            const json& input) {
    const bool by_id = input.contains("SecretIdList");
    const bool by_filter = input.contains("Filters");
    // Berth's wording for the three rules of the API reference.
    if (by_id == by_filter)
        throw errors::invalid_parameter("Specify either SecretIdList or Filters, but not both.");
    if (by_id && (input.contains("MaxResults") || input.contains("NextToken")))
        throw errors::invalid_parameter("MaxResults and NextToken go with Filters only.");
    const auto now = env.secrets.now();
    return env.secrets.write(partition_of(ctx), [&](model::SecretPartition& p) {
        return by_id ? values_by_id(p, input.at("SecretIdList"), now)
                     : values_by_filter(p, input, ctx.region, now);
    });
}

json put_secret_value(const Environment& env, const protocol::RequestContext& ctx,
                      const json& input) {
    if (input.contains("RotationToken"))
        throw errors::unsupported("RotationToken", "it runs no rotation functions");
    auto payload = read_payload(input);
    if (!has_value(payload)) {
        // Berth's wording.
        throw errors::invalid_parameter("You must provide either SecretString or SecretBinary.");
    }
    auto stages = input.contains("VersionStages")
                      ? read_strings(input.at("VersionStages"))
                      : std::vector<std::string>{std::string(model::k_stage_current)};
    const auto now = env.secrets.now();
    return env.secrets.write(partition_of(ctx), [&](model::SecretPartition& p) {
        auto& secret = live_secret_for(p, input);
        const auto& version =
            put_version(secret, version_id_for(input), std::move(payload), std::move(stages), now);
        json out{{"ARN", secret.arn}, {"Name", secret.name}, {"VersionId", version.id}};
        if (!version.stages.empty()) out["VersionStages"] = version.stages;
        return out;
    });
}

}  // namespace berth::api::secretsmanager

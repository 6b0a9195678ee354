// DescribeSecret, ListSecrets and ListSecretVersionIds.
#include <cstdio>

#include "api/secretsmanager/errors.hpp"
#include "api/secretsmanager/filters.hpp"
#include "api/secretsmanager/handlers.hpp"
#include "api/secretsmanager/request.hpp"
#include "api/secretsmanager/serialize.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::secretsmanager {

using nlohmann::json;

namespace {

// One list entry and the key it sorts and pages by.
struct Row {
    std::string key;
    json entry;
};
struct RowKey {
    const std::string& operator()(const Row& r) const { return r.key; }
};

// A time as a fixed-width string, so that keys sort as times do; the name or id after it
// breaks ties (both are unique).
std::string time_key(model::TimePoint t, std::string_view tie) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch());
    char digits[24];
    std::snprintf(digits, sizeof digits, "%020lld", static_cast<long long>(ms.count()));
    return std::string(digits) + "/" + std::string(tie);
}

std::string sort_key(const model::StoredSecret& s, std::string_view sort_by) {
    if (sort_by == "name") return s.name;
    if (sort_by == "last-changed-date") return time_key(s.last_changed, s.name);
    if (sort_by == "last-accessed-date")
        return time_key(s.last_accessed.value_or(model::TimePoint{}), s.name);
    return time_key(s.created, s.name);  // created-date, the default
}

json paged(std::vector<Row> rows, const json& input, bool descending, const char* member) {
    const auto request = protocol::read_page_request(input, 100, protocol::k_capitalized_pages);
    auto page = descending
                    ? protocol::paginate(std::move(rows), request, RowKey{}, std::greater<>{})
                    : protocol::paginate(std::move(rows), request, RowKey{});
    json out{{member, json::array()}};
    for (auto& row : page.items) out[member].push_back(std::move(row.entry));
    page.write_next_token(out, protocol::k_capitalized_pages);
    return out;
}

}  // namespace

json describe_secret(const Environment& env, const protocol::RequestContext& ctx,
                     const json& input) {
    return env.secrets.read(partition_of(ctx), [&](const model::SecretPartition& p) {
        return describe_json(secret_for(p, input));
    });
}

// Sorted by creation, oldest first, unless SortBy/SortOrder say otherwise (the default
// direction is Berth's guess; the reference says only that secrets are listed by CreatedDate).
json list_secrets(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto filters =
        input.contains("Filters") ? read_filters(input.at("Filters")) : std::vector<SecretFilter>{};
    const bool planned = input.value("IncludePlannedDeletion", false);
    const auto sort_by = input.value("SortBy", std::string("created-date"));
    const bool descending = input.value("SortOrder", std::string("asc")) == "desc";
    auto rows = env.secrets.read(partition_of(ctx), [&](const model::SecretPartition& p) {
        std::vector<Row> out;
        for (const auto& [name, secret] : p.by_name) {
            if (secret.scheduled_for_deletion() && !planned) continue;
            if (!matches(secret, filters, ctx.region)) continue;
            out.push_back({sort_key(secret, sort_by), list_entry_json(secret)});
        }
        return out;
    });
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
    if (descending) std::reverse(rows.begin(), rows.end());
    return paged(std::move(rows), input, descending, "SecretList");
}

json list_secret_version_ids(const Environment& env, const protocol::RequestContext& ctx,
                             const json& input) {
    const bool deprecated = input.value("IncludeDeprecated", false);
    return env.secrets.read(partition_of(ctx), [&](const model::SecretPartition& p) {
        const auto& secret = secret_for(p, input);
        std::vector<Row> rows;
        for (const auto& v : secret.versions)  // oldest first, as created
            if (deprecated || !v.stages.empty())
                rows.push_back({time_key(v.created, v.id), version_entry_json(v)});
        std::sort(rows.begin(), rows.end(),
                  [](const Row& a, const Row& b) { return a.key < b.key; });
        auto out = paged(std::move(rows), input, false, "Versions");
        out["ARN"] = secret.arn;
        out["Name"] = secret.name;
        return out;
    });
}

}  // namespace berth::api::secretsmanager

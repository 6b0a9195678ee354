// CreateLogGroup, DeleteLogGroup, DescribeLogGroups, PutRetentionPolicy, DeleteRetentionPolicy.
#include <algorithm>
#include <array>
#include <cctype>

#include "api/logs/handlers.hpp"
#include "api/logs/request.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::logs {

namespace {

using nlohmann::json;
using protocol::RequestContext;

// The retention periods CloudWatch Logs accepts (the API reference's list for retentionInDays).
constexpr std::array k_retention_days{1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                      365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

// Members Berth has no behaviour for: refused rather than silently dropped.
void refuse_unsupported_group_options(const json& input) {
    if (input.contains("kmsKeyId")) {
        throw errors::invalid("Berth does not encrypt log groups: kmsKeyId is not supported.");
    }
    if (input.value("logGroupClass", "STANDARD") != "STANDARD") {
        throw errors::invalid("Berth supports only the STANDARD log group class.");
    }
    if (input.value("deletionProtectionEnabled", false)) {
        throw errors::invalid("Berth does not support deletion protection for log groups.");
    }
}

bool contains_ignoring_case(std::string_view text, std::string_view part) {
    auto lower = [](unsigned char c) { return std::tolower(c); };
    return std::search(text.begin(), text.end(), part.begin(), part.end(),
                       [&](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

json describe(const model::PartitionKey& key, const model::LogGroup& g) {
    std::uint64_t bytes = 0;
    for (const auto& [name, s] : g.streams) bytes += s.stored_bytes;
    json out{{"logGroupName", g.name},
             {"creationTime", g.creation_ms},
             {"metricFilterCount", 0},
             {"arn", group_arn(key, g.name) + ":*"},
             {"logGroupArn", group_arn(key, g.name)},
             {"storedBytes", bytes},
             {"logGroupClass", "STANDARD"}};
    if (g.retention_days) out["retentionInDays"] = *g.retention_days;
    return out;
}

}  // namespace

json create_log_group(const Environment& env, const RequestContext& ctx, const json& input) {
    refuse_unsupported_group_options(input);
    const auto name = input.at("logGroupName").get<std::string>();
    auto tags = input.contains("tags") ? tags_from_map(input.at("tags")) : model::Tags{};
    if (!env.logs.add_group(partition_of(ctx), name, std::move(tags))) {
        throw errors::already_exists("The specified log group already exists");
    }
    return json::object();
}

json delete_log_group(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto name = input.at("logGroupName").get<std::string>();
    if (env.logs.delete_group(partition_of(ctx), name) != model::DeleteResult::deleted) {
        throw errors::group_not_found();
    }
    return json::object();
}

json describe_log_groups(const Environment& env, const RequestContext& ctx, const json& input) {
    for (const char* m : {"accountIdentifiers", "logGroupIdentifiers", "logGroupClass"}) {
        if (input.contains(m)) {
            throw errors::invalid(std::string("Berth does not support ") + m + ".");
        }
    }
    if (input.value("includeLinkedAccounts", false)) {
        throw errors::invalid(
            "Berth has no linked accounts: includeLinkedAccounts is not supported.");
    }
    const auto prefix = input.value("logGroupNamePrefix", "");
    const auto pattern = input.value("logGroupNamePattern", "");
    if (input.contains("logGroupNamePrefix") && input.contains("logGroupNamePattern")) {
        throw errors::invalid(
            "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
    }
    protocol::PageRequest page_request{.max_results = limit_of(input, 50), .after_key = {}};
    if (input.contains("nextToken")) {
        page_request.after_key =
            protocol::decode_page_token(input.at("nextToken").get<std::string>());
    }
    const auto key = partition_of(ctx);
    auto groups = env.logs.read(key, [&](const model::LogPartition& p) {
        std::vector<json> out;  // by name: the map's order
        for (const auto& [name, g] : p.groups) {
            if (!name.starts_with(prefix) || !contains_ignoring_case(name, pattern)) continue;
            out.push_back(describe(key, g));
        }
        return out;
    });
    auto page = protocol::paginate(std::move(groups), page_request, [](const json& g) {
        return g.at("logGroupName").get_ref<const std::string&>();
    });
    json out{{"logGroups", page.items}};
    page.write_next_token(out);
    return out;
}

json put_retention_policy(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto days = input.at("retentionInDays").get<int>();
    if (std::find(k_retention_days.begin(), k_retention_days.end(), days) ==
        k_retention_days.end()) {
        throw errors::invalid("1 validation error detected: Value '" + std::to_string(days) +
                              "' at 'retentionInDays' failed to satisfy constraint: Member must "
                              "satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, "
                              "365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
    }
    if (!env.logs.set_retention(partition_of(ctx), input.at("logGroupName").get<std::string>(),
                                days)) {
        throw errors::group_not_found();
    }
    return json::object();
}

json delete_retention_policy(const Environment& env, const RequestContext& ctx, const json& input) {
    if (!env.logs.set_retention(partition_of(ctx), input.at("logGroupName").get<std::string>(),
                                std::nullopt)) {
        throw errors::group_not_found();
    }
    return json::object();
}

}  // namespace berth::api::logs

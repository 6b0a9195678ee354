#include "api/logs/request.hpp"

namespace berth::api::logs {

namespace {
constexpr std::string_view k_group_part = ":log-group:";
}

std::string group_arn(const model::PartitionKey& key, std::string_view group) {
    return "arn:aws:logs:" + key.region + ":" + key.account + std::string(k_group_part) +
           std::string(group);
}

std::string stream_arn(const model::PartitionKey& key, std::string_view group,
                       std::string_view stream) {
    return group_arn(key, group) + ":log-stream:" + std::string(stream);
}

std::string group_of_arn(const model::PartitionKey& key, std::string_view arn) {
    const auto at = arn.find(k_group_part);
    if (!arn.starts_with("arn:aws:logs:") || at == std::string_view::npos) {
        throw errors::invalid("Invalid ARN: " + std::string(arn));
    }
    auto name = arn.substr(at + k_group_part.size());
    if (name.ends_with(":*")) name.remove_suffix(2);  // DescribeLogGroups' `arn` form
    if (name.empty() || name.find(':') != std::string_view::npos) {
        throw errors::invalid("Invalid ARN: " + std::string(arn));
    }
    if (arn.substr(0, at) != "arn:aws:logs:" + key.region + ":" + key.account) {
        throw errors::group_not_found();  // another account's or region's group
    }
    return std::string(name);
}

std::string group_named_in(const model::PartitionKey& key, const nlohmann::json& input) {
    const bool by_name = input.contains("logGroupName");
    const bool by_id = input.contains("logGroupIdentifier");
    if (by_name == by_id) {
        throw errors::invalid(
            "Exactly one of logGroupName and logGroupIdentifier must be specified.");
    }
    if (by_name) return input.at("logGroupName").get<std::string>();
    const auto id = input.at("logGroupIdentifier").get<std::string>();
    return id.starts_with("arn:") ? group_of_arn(key, id) : id;
}

std::size_t limit_of(const nlohmann::json& input, std::size_t fallback) {
    return input.contains("limit") ? input.at("limit").get<std::size_t>() : fallback;
}

model::Tags tags_from_map(const nlohmann::json& map) {
    model::Tags tags;
    for (const auto& [k, v] : map.items()) tags.push_back({k, v.get<std::string>()});
    return tags;
}

nlohmann::json tags_to_map(const model::Tags& tags) {
    auto out = nlohmann::json::object();
    for (const auto& t : tags) out[t.key] = t.value;
    return out;
}

}  // namespace berth::api::logs

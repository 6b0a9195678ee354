#pragma once
// What every CloudWatch Logs handler shares: the partition of a call, the group a call names
// (logGroupName or logGroupIdentifier), ARNs, Logs' errors, and tags as the JSON map Logs
// uses. Inputs have been validated against the model already.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"
#include "berth/model/log_store.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::logs {

inline model::PartitionKey partition_of(const protocol::RequestContext& ctx) {
    return {ctx.account, ctx.region};
}

namespace errors {
inline protocol::AwsError group_not_found() {
    return {"ResourceNotFoundException", "The specified log group does not exist."};
}
inline protocol::AwsError stream_not_found() {
    return {"ResourceNotFoundException", "The specified log stream does not exist."};
}
inline protocol::AwsError already_exists(const std::string& m) {
    return {"ResourceAlreadyExistsException", m};
}
inline protocol::AwsError invalid(const std::string& m) {
    return {"InvalidParameterException", m};
}
}  // namespace errors

// "arn:aws:logs:REGION:ACCOUNT:log-group:NAME" (logGroupArn, the tagging ARN). DescribeLogGroups'
// `arn` is this plus ":*".
std::string group_arn(const model::PartitionKey& key, std::string_view group);
std::string stream_arn(const model::PartitionKey& key, std::string_view group,
                       std::string_view stream);
// The group a log group ARN names in `key`'s partition; InvalidParameterException when the
// text is no log group ARN, ResourceNotFoundException when it is another partition's.
std::string group_of_arn(const model::PartitionKey& key, std::string_view arn);

// The group of GetLogEvents, FilterLogEvents, DescribeLogStreams: exactly one of
// logGroupName and logGroupIdentifier (a name or a log group ARN).
std::string group_named_in(const model::PartitionKey& key, const nlohmann::json& input);

// `limit` (range-checked by the model) or the operation's default.
std::size_t limit_of(const nlohmann::json& input, std::size_t fallback);

model::Tags tags_from_map(const nlohmann::json& map);
nlohmann::json tags_to_map(const model::Tags& tags);

// Looks a group up under the store's read lock (a copy-free find). nullptr when missing.
inline const model::LogGroup* find_group(const model::LogPartition& p, std::string_view name) {
    auto it = p.groups.find(name);
    return it == p.groups.end() ? nullptr : &it->second;
}

}  // namespace berth::api::logs

// TagResource, UntagResource, ListTagsForResource (log group ARNs), and the deprecated
// TagLogGroup, UntagLogGroup, ListTagsLogGroup (log group names) that the CLI still offers.
#include "api/logs/handlers.hpp"
#include "api/logs/request.hpp"

namespace berth::api::logs {

using nlohmann::json;
using protocol::RequestContext;

namespace {

constexpr std::size_t k_max_tags = 50;

void tag(const Environment& env, const model::PartitionKey& key, const std::string& group,
         const json& tags_map) {
    const auto tags = tags_from_map(tags_map);
    const auto count = env.logs.read(key, [&](const model::LogPartition& p) {
        const auto* g = find_group(p, group);
        if (!g) throw errors::group_not_found();
        auto merged = g->tags;
        model::merge_tags(merged, tags);
        return merged.size();
    });
    if (count > k_max_tags) {
        throw protocol::AwsError("TooManyTagsException",
                                 "A resource can have no more than 50 tags.");  // text: a guess
    }
    if (!env.logs.tag_group(key, group, tags)) throw errors::group_not_found();
}

void untag(const Environment& env, const model::PartitionKey& key, const std::string& group,
           const json& keys) {
    if (!env.logs.untag_group(key, group, keys.get<std::vector<std::string>>())) {
        throw errors::group_not_found();
    }
}

json list(const Environment& env, const model::PartitionKey& key, const std::string& group) {
    return env.logs.read(key, [&](const model::LogPartition& p) {
        const auto* g = find_group(p, group);
        if (!g) throw errors::group_not_found();
        return json{{"tags", tags_to_map(g->tags)}};
    });
}

std::string arn_group(const RequestContext& ctx, const json& input) {
    return group_of_arn(partition_of(ctx), input.at("resourceArn").get<std::string>());
}

}  // namespace

json tag_resource(const Environment& env, const RequestContext& ctx, const json& input) {
    tag(env, partition_of(ctx), arn_group(ctx, input), input.at("tags"));
    return json::object();
}

json untag_resource(const Environment& env, const RequestContext& ctx, const json& input) {
    untag(env, partition_of(ctx), arn_group(ctx, input), input.at("tagKeys"));
    return json::object();
}

json list_tags_for_resource(const Environment& env, const RequestContext& ctx, const json& input) {
    return list(env, partition_of(ctx), arn_group(ctx, input));
}

json tag_log_group(const Environment& env, const RequestContext& ctx, const json& input) {
    tag(env, partition_of(ctx), input.at("logGroupName").get<std::string>(), input.at("tags"));
    return json::object();
}

json untag_log_group(const Environment& env, const RequestContext& ctx, const json& input) {
    untag(env, partition_of(ctx), input.at("logGroupName").get<std::string>(), input.at("tags"));
    return json::object();
}

json list_tags_log_group(const Environment& env, const RequestContext& ctx, const json& input) {
    return list(env, partition_of(ctx), input.at("logGroupName").get<std::string>());
}

}  // namespace berth::api::logs

// TagResource and UntagResource.
#include "api/secretsmanager/handlers.hpp"
#include "api/secretsmanager/request.hpp"

namespace berth::api::secretsmanager {

using nlohmann::json;

json tag_resource(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto tags = read_tags(input.at("Tags"));
    return env.secrets.write(partition_of(ctx), [&](model::SecretPartition& p) {
        auto& secret = live_secret_for(p, input);
        auto merged = secret.tags;
        model::merge_tags(merged, tags);
        check_tag_count(merged.size());
        secret.tags = std::move(merged);
        return json::object();
    });
}

json untag_resource(const Environment& env, const protocol::RequestContext& ctx,
                    const json& input) {
    const auto keys = read_strings(input.at("TagKeys"));
    return env.secrets.write(partition_of(ctx), [&](model::SecretPartition& p) {
        model::remove_tags(live_secret_for(p, input).tags, keys);
        return json::object();
    });
}

}  // namespace berth::api::secretsmanager

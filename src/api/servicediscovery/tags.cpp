// TagResource, UntagResource, ListTagsForResource on namespaces and services (by ARN).
#include "api/servicediscovery/errors.hpp"
#include "api/servicediscovery/handlers.hpp"
#include "api/servicediscovery/request.hpp"

namespace berth::api::servicediscovery {

using nlohmann::json;

namespace {

template <class Partition>
auto& tags_of(Partition& p, const std::string& arn) {
    if (arn.find(":namespace/") != std::string::npos) {
        if (auto* ns = p.find_namespace(arn)) return ns->tags;
    } else if (arn.find(":service/") != std::string::npos) {
        if (auto* s = p.find_service(arn)) return s->tags;
    }
    throw errors::resource_not_found(arn);
}

}  // namespace

json tag_resource(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto tags = read_tags(input.at("Tags"));
    env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        auto& current = tags_of(p, input.at("ResourceARN").get<std::string>());
        auto merged = current;
        model::merge_tags(merged, tags);
        if (merged.size() > 50) throw errors::too_many_tags();
        current = std::move(merged);
    });
    return json::object();
}

json untag_resource(const Environment& env, const protocol::RequestContext& ctx,
                    const json& input) {
    const auto key = partition_of(ctx);
    const auto keys = input.at("TagKeys").get<std::vector<std::string>>();
    env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        model::remove_tags(tags_of(p, input.at("ResourceARN").get<std::string>()), keys);
    });
    return json::object();
}

json list_tags_for_resource(const Environment& env, const protocol::RequestContext& ctx,
                            const json& input) {
    const auto key = partition_of(ctx);
    return env.store.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        return json{{"Tags", tags_json(tags_of(p, input.at("ResourceARN").get<std::string>()))}};
    });
}

}  // namespace berth::api::servicediscovery

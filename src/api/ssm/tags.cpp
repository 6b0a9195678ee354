// AddTagsToResource, ListTagsForResource, RemoveTagsFromResource, for parameters: the only SSM
// resource Berth keeps, so any other ResourceType names no resource (InvalidResourceId).
#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "api/ssm/errors.hpp"
#include "api/ssm/handlers.hpp"
#include "api/ssm/request.hpp"
#include "api/ssm/tagging.hpp"

namespace berth::api::ssm {

namespace {

using nlohmann::json;

bool reserved_key(const std::string& key) {
    if (key.size() < 4) return false;
    std::string prefix = key.substr(0, 4);
    std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return prefix == "aws:";
}

void check_tag_count(std::size_t count) {
    if (count > k_max_tags) throw errors::too_many_tags();
}

// The parameter a tagging call names (by name or ARN), or InvalidResourceId.
template <class Partition>
auto& tagged_parameter(Partition& p, const model::PartitionKey& key, const json& input) {
    auto* parameter = input.at("ResourceType").get<std::string>() == "Parameter"
                          ? p.resolve(key, input.at("ResourceId").get<std::string>())
                          : nullptr;
    if (!parameter) throw errors::invalid_resource_id();
    return *parameter;
}

}  // namespace

model::Tags read_tags(const json& tags) {
    model::Tags out;
    std::set<std::string> keys;
    for (const auto& t : tags) {
        model::Tag tag{t.at("Key").get<std::string>(), t.at("Value").get<std::string>()};
        if (reserved_key(tag.key)) {
            throw errors::validation("Tag keys that start with 'aws:' are reserved for AWS use.");
        }
        if (!keys.insert(tag.key).second) {
            throw errors::validation("Duplicate tag key " + tag.key + ".");  // (guess)
        }
        out.push_back(std::move(tag));
    }
    check_tag_count(out.size());
    return out;
}

json add_tags_to_resource(const Environment& env, const protocol::RequestContext& ctx,
                          const json& input) {
    const auto key = partition_of(ctx);
    const auto tags = read_tags(input.at("Tags"));
    env.parameters.write(key, [&](model::ParameterPartition& p) {
        auto& parameter = tagged_parameter(p, key, input);
        auto merged = parameter.tags;
        model::merge_tags(merged, tags);
        check_tag_count(merged.size());
        parameter.tags = std::move(merged);
    });
    return json::object();
}

json list_tags_for_resource(const Environment& env, const protocol::RequestContext& ctx,
                            const json& input) {
    const auto key = partition_of(ctx);
    return env.parameters.read(key, [&](const model::ParameterPartition& p) {
        json list = json::array();
        for (const auto& t : tagged_parameter(p, key, input).tags) {
            list.push_back({{"Key", t.key}, {"Value", t.value}});
        }
        return json{{"TagList", std::move(list)}};
    });
}

json remove_tags_from_resource(const Environment& env, const protocol::RequestContext& ctx,
                               const json& input) {
    const auto key = partition_of(ctx);
    const auto keys = input.at("TagKeys").get<std::vector<std::string>>();
    env.parameters.write(key, [&](model::ParameterPartition& p) {
        model::remove_tags(tagged_parameter(p, key, input).tags, keys);
    });
    return json::object();
}

}  // namespace berth::api::ssm

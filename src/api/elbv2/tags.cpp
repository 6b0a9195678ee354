// AddTags, RemoveTags, DescribeTags on load balancers, target groups, listeners and rules,
// told apart by their ARN's resource type.
#include "api/elbv2/errors.hpp"
#include "api/elbv2/handlers.hpp"
#include "api/elbv2/request.hpp"
#include "api/elbv2/serialize.hpp"
#include "berth/model/arn.hpp"

namespace berth::api::elbv2 {

using nlohmann::json;

namespace {

// The tags of the resource `arn` names; the not-found error of its kind when there is none.
template <class Partition>
auto& tags_of(Partition& p, const std::string& arn) {
    auto parsed = model::parse_arn(arn);
    auto type = parsed ? parsed->resource.substr(0, parsed->resource.find('/')) : std::string();
    if (type == "loadbalancer") {
        if (auto* lb = p.find_load_balancer(arn)) return lb->tags;
        throw errors::load_balancer_not_found();
    }
    if (type == "targetgroup") {
        if (auto* g = p.find_target_group(arn)) return g->tags;
        throw errors::target_group_not_found();
    }
    if (type == "listener") {
        if (auto* l = p.find_listener(arn)) return l->tags;
        throw errors::listener_not_found();
    }
    if (type == "listener-rule") {
        if (auto* r = p.find_rule(arn)) return r->tags;
        throw errors::rule_not_found();
    }
    throw errors::validation("'" + arn + "' is not a valid Elastic Load Balancing resource ARN");
}

}  // namespace

json add_tags(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    auto arns = strings(input, "ResourceArns");
    auto tags = read_tags(input);
    env.load_balancers.write(partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
        for (const auto& arn : arns) tags_of(p, arn);  // all exist before any changes
        for (const auto& arn : arns) add_tags(tags_of(p, arn), tags, arn);
    });
    return json::object();
}

json remove_tags(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    auto arns = strings(input, "ResourceArns");
    auto keys = strings(input, "TagKeys");
    env.load_balancers.write(partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
        for (const auto& arn : arns) tags_of(p, arn);
        for (const auto& arn : arns) model::remove_tags(tags_of(p, arn), keys);
    });
    return json::object();
}

json describe_tags(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    auto arns = strings(input, "ResourceArns");
    return env.load_balancers.read(partition_of(ctx), [&](const model::LoadBalancerPartition& p) {
        json out = json::array();
        for (const auto& arn : arns) {
            out.push_back({{"ResourceArn", arn}, {"Tags", tags_json(tags_of(p, arn))}});
        }
        return json{{"TagDescriptions", out}};
    });
}

}  // namespace berth::api::elbv2

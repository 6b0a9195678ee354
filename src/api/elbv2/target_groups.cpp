// CreateTargetGroup (ELB's validation and defaults), DescribeTargetGroups, ModifyTargetGroup,
// DeleteTargetGroup (refused while a listener or rule forwards to the group).
#include <algorithm>

#include "api/elbv2/errors.hpp"
#include "api/elbv2/handlers.hpp"
#include "api/elbv2/health_checks.hpp"
#include "api/elbv2/request.hpp"
#include "api/elbv2/serialize.hpp"
#include "api/elbv2/target_groups.hpp"

namespace berth::api::elbv2 {

using nlohmann::json;

namespace {

constexpr const char* k_vpc_id = "vpc-00000000000000000";  // as load_balancers.cpp

model::ElbProtocol read_protocol(const json& input) {
    auto text = optional_string(input, "Protocol");
    if (!text) throw errors::validation("A protocol must be specified");
    auto protocol = *model::parse<model::ElbProtocol>(*text);  // the model checked the enum
    if (protocol != model::ElbProtocol::http && protocol != model::ElbProtocol::tcp) {
        throw errors::unsupported_protocol(
            "Berth's load balancers forward HTTP and TCP to "
            "targets, not '" +
            *text + "'");
    }
    return protocol;
}

model::TargetGroup read_target_group(const json& input) {
    model::TargetGroup g;
    g.name = input.at("Name").get<std::string>();
    check_name(g.name, "target group");
    auto type = model::parse<model::TargetType>(input.value("TargetType", std::string("instance")));
    if (type != model::TargetType::instance && type != model::TargetType::ip) {
        throw errors::invalid_configuration(
            "Berth's target groups have target type 'instance' "
            "or 'ip'");
    }
    g.target_type = *type;
    g.protocol = read_protocol(input);
    g.port = optional_int(input, "Port");
    if (!g.port) throw errors::validation("A port must be specified");
    g.vpc_id = input.value("VpcId", std::string(k_vpc_id));
    g.ip_address_type = input.value("IpAddressType", std::string("ipv4"));
    if (model::is_http(*g.protocol)) {
        g.protocol_version = input.value("ProtocolVersion", std::string("HTTP1"));
    } else if (input.contains("ProtocolVersion")) {
        throw errors::validation("A protocol version can only be set for HTTP target groups");
    }
    auto check_protocol =
        model::is_http(*g.protocol) ? model::ElbProtocol::http : model::ElbProtocol::tcp;
    g.health_check = model::default_health_check(*g.protocol, check_protocol);
    apply_health_check(g.health_check, input, g);
    g.attributes = default_attributes(g);
    g.tags = read_tags(input);
    return g;
}

bool same_settings(const model::TargetGroup& a, const model::TargetGroup& b) {
    return a.protocol == b.protocol && a.port == b.port && a.target_type == b.target_type &&
           a.vpc_id == b.vpc_id;
}

}  // namespace

json create_target_group(const Environment& env, const protocol::RequestContext& ctx,
                         const json& input) {
    auto key = partition_of(ctx);
    auto g = read_target_group(input);
    auto now = env.now();
    return env.load_balancers.write(key, now, [&](model::LoadBalancerPartition& p) {
        const auto* stored = p.find_target_group_by_name(g.name);
        if (stored && !same_settings(*stored, g)) throw errors::duplicate_target_group(g.name);
        if (!stored) {
            g.arn = model::target_group_arn(key, g.name, model::new_elb_id());
            g.created = now;
            stored = &(p.target_groups[g.arn] = std::move(g));
        }
        return json{{"TargetGroups", json::array({target_group_json(p, *stored)})}};
    });
}

json describe_target_groups(const Environment& env, const protocol::RequestContext& ctx,
                            const json& input) {
    auto arns = strings(input, "TargetGroupArns");
    auto names = strings(input, "Names");
    auto lb = optional_string(input, "LoadBalancerArn");
    if (int(!arns.empty()) + int(!names.empty()) + int(lb.has_value()) > 1) {
        throw errors::validation(
            "Target group names, target group ARNs, and a load balancer ARN "
            "cannot be specified at the same time");
    }
    auto page_request = read_page(input);
    auto now = env.now();
    env.load_balancers.expire_draining(now);
    return env.load_balancers.read(partition_of(ctx), [&](const model::LoadBalancerPartition& p) {
        std::vector<std::string> keys;
        for (const auto& arn : arns) {
            if (!p.find_target_group(arn)) throw errors::target_group_not_found();
            keys.push_back(arn);
        }
        for (const auto& name : names) {
            const auto* g = p.find_target_group_by_name(name);
            if (!g)
                throw errors::target_group_not_found("Target groups '[" + name + "]' not found");
            keys.push_back(g->arn);
        }
        if (lb && !p.find_load_balancer(*lb)) throw errors::load_balancer_not_found();
        if (arns.empty() && names.empty()) {
            for (const auto& [arn, g] : p.target_groups) {
                auto users = p.load_balancers_of(arn);
                if (!lb || std::find(users.begin(), users.end(), *lb) != users.end()) {
                    keys.push_back(arn);
                }
            }
        }
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        auto page = protocol::paginate(std::move(keys), page_request);
        json out{{"TargetGroups", json::array()}};
        for (const auto& arn : page.items) {
            out["TargetGroups"].push_back(target_group_json(p, *p.find_target_group(arn)));
        }
        write_next_marker(out, page);
        return out;
    });
}

json modify_target_group(const Environment& env, const protocol::RequestContext& ctx,
                         const json& input) {
    auto arn = input.at("TargetGroupArn").get<std::string>();
    return env.load_balancers.write(
        partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
            auto* g = p.find_target_group(arn);
            if (!g) throw errors::target_group_not_found();
            auto check = g->health_check;
            apply_health_check(check, input, *g);
            g->health_check = check;
            return json{{"TargetGroups", json::array({target_group_json(p, *g)})}};
        });
}

json delete_target_group(const Environment& env, const protocol::RequestContext& ctx,
                         const json& input) {
    auto arn = input.at("TargetGroupArn").get<std::string>();
    env.load_balancers.write(partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
        if (!p.find_target_group(arn)) return;  // ELB: deleting a group that is gone succeeds
        if (p.in_use(arn)) {
            throw errors::resource_in_use("Target group '" + arn +
                                          "' is currently in use by a listener or a rule");
        }
        p.target_groups.erase(arn);
    });
    return json::object();
}

}  // namespace berth::api::elbv2

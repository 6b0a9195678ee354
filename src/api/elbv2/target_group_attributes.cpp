// Describe/ModifyTargetGroupAttributes: the typed attributes the data plane acts on
// (model::TargetGroupAttributes) under their ELB keys, and the others kept as text.
#include "api/elbv2/errors.hpp"
#include "api/elbv2/handlers.hpp"
#include "api/elbv2/request.hpp"
#include "api/elbv2/target_groups.hpp"

namespace berth::api::elbv2 {

using nlohmann::json;

namespace {

// Attributes ELB shows that Berth keeps without acting on them (docs/fidelity.md), with their
// defaults; `http` ones belong to HTTP groups, the others to TCP groups.
struct KeptAttribute {
    const char* key;
    const char* default_value;
    bool http;
};
constexpr KeptAttribute k_kept[] = {
    {"load_balancing.algorithm.anomaly_mitigation", "off", true},
    {"load_balancing.cross_zone.enabled", "use_load_balancer_configuration", true},
    {"target_group_health.dns_failover.minimum_healthy_targets.count", "1", true},
    {"target_group_health.dns_failover.minimum_healthy_targets.percentage", "off", true},
    {"target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1", true},
    {"target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off", true},
    {"deregistration_delay.connection_termination.enabled", "false", false},
    {"preserve_client_ip.enabled", "false", false},
    {"proxy_protocol_v2.enabled", "false", false},
    {"target_health_state.unhealthy.connection_termination.enabled", "true", false},
    {"load_balancing.cross_zone.enabled", "use_load_balancer_configuration", false},
};

bool http_group(const model::TargetGroup& g) {
    return g.protocol && model::is_http(*g.protocol);
}

void set_attribute(model::TargetGroup& g, const std::string& key, const std::string& value) {
    auto& a = g.attributes;
    bool http = http_group(g);
    if (key == "deregistration_delay.timeout_seconds") {
        a.deregistration_delay_seconds = parse_int_attribute(key, value, 0, 3600);
    } else if (key == "stickiness.enabled") {
        a.stickiness_enabled = parse_bool_attribute(key, value);
    } else if (key == "stickiness.type") {
        auto type = model::parse<model::StickinessType>(value);
        bool fits = type && (http ? *type != model::StickinessType::source_ip
                                  : *type == model::StickinessType::source_ip);
        if (!fits) {
            throw errors::validation("Stickiness type '" + value + "' is not supported for " +
                                     (http ? "HTTP" : "TCP") + " target groups");
        }
        a.stickiness_type = *type;
    } else if (http && key == "stickiness.lb_cookie.duration_seconds") {
        a.lb_cookie_duration_seconds = parse_int_attribute(key, value, 1, 604800);
    } else if (http && key == "stickiness.app_cookie.cookie_name") {
        a.app_cookie_name = value;
    } else if (http && key == "stickiness.app_cookie.duration_seconds") {
        a.app_cookie_duration_seconds = parse_int_attribute(key, value, 1, 604800);
    } else if (http && key == "slow_start.duration_seconds") {
        int n = parse_int_attribute(key, value, 0, 900);
        if (n != 0 && n < 30) {
            throw errors::validation("Slow start duration must be 0 or from 30 to 900 seconds");
        }
        a.slow_start_seconds = n;
    } else if (http && key == "load_balancing.algorithm.type") {
        auto algorithm = model::parse<model::LoadBalancingAlgorithm>(value);
        if (!algorithm) {
            throw errors::validation("Load balancing algorithm '" + value + "' is not supported");
        }
        a.algorithm = *algorithm;
    } else {
        for (const auto& kept : k_kept) {
            if (kept.key == key && kept.http == http) {
                a.kept[key] = value;
                return;
            }
        }
        throw errors::validation("Target group attribute key '" + key + "' is not recognized");
    }
}

json attributes_json(const model::TargetGroup& g) {
    const auto& a = g.attributes;
    bool http = http_group(g);
    json out = json::array();
    auto add = [&](const std::string& k, const std::string& v) {
        out.push_back({{"Key", k}, {"Value", v}});
    };
    auto flag = [](bool b) { return std::string(b ? "true" : "false"); };
    add("deregistration_delay.timeout_seconds", std::to_string(a.deregistration_delay_seconds));
    add("stickiness.enabled", flag(a.stickiness_enabled));
    add("stickiness.type", std::string(model::to_string(a.stickiness_type)));
    if (http) {
        add("stickiness.lb_cookie.duration_seconds", std::to_string(a.lb_cookie_duration_seconds));
        add("stickiness.app_cookie.cookie_name", a.app_cookie_name);
        add("stickiness.app_cookie.duration_seconds",
            std::to_string(a.app_cookie_duration_seconds));
        add("slow_start.duration_seconds", std::to_string(a.slow_start_seconds));
        add("load_balancing.algorithm.type", std::string(model::to_string(a.algorithm)));
    }
    for (const auto& kept : k_kept) {
        if (kept.http != http) continue;
        auto it = a.kept.find(kept.key);
        add(kept.key, it == a.kept.end() ? kept.default_value : it->second);
    }
    return {{"Attributes", out}};
}

}  // namespace

model::TargetGroupAttributes default_attributes(const model::TargetGroup& g) {
    model::TargetGroupAttributes a;
    if (!http_group(g)) a.stickiness_type = model::StickinessType::source_ip;
    return a;
}

json describe_target_group_attributes(const Environment& env, const protocol::RequestContext& ctx,
                                      const json& input) {
    auto arn = input.at("TargetGroupArn").get<std::string>();
    return env.load_balancers.read(partition_of(ctx), [&](const model::LoadBalancerPartition& p) {
        const auto* g = p.find_target_group(arn);
        if (!g) throw errors::target_group_not_found();
        return attributes_json(*g);
    });
}

json modify_target_group_attributes(const Environment& env, const protocol::RequestContext& ctx,
                                    const json& input) {
    auto arn = input.at("TargetGroupArn").get<std::string>();
    return env.load_balancers.write(partition_of(ctx), env.now(),
                                    [&](model::LoadBalancerPartition& p) {
                                        auto* g = p.find_target_group(arn);
                                        if (!g) throw errors::target_group_not_found();
                                        auto changed = *g;  // all or nothing
                                        for (const auto& a : input.at("Attributes")) {
                                            set_attribute(changed, a.value("Key", std::string()),
                                                          a.value("Value", std::string()));
                                        }
                                        g->attributes = std::move(changed.attributes);
                                        return attributes_json(*g);
                                    });
}

}  // namespace berth::api::elbv2

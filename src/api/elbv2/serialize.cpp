#include "api/elbv2/serialize.hpp"

namespace berth::api::elbv2 {

using model::to_string;
using nlohmann::json;

namespace {

json string_list(const std::vector<std::string>& values) {
    json out = json::array();
    for (const auto& v : values) out.push_back(v);
    return out;
}

json forward_json(const model::ForwardAction& f) {
    json groups = json::array();
    for (const auto& g : f.target_groups) {
        groups.push_back({{"TargetGroupArn", g.target_group_arn}, {"Weight", g.weight}});
    }
    json stickiness{{"Enabled", f.stickiness_enabled}};
    if (f.stickiness_enabled) stickiness["DurationSeconds"] = f.stickiness_duration_seconds;
    return {{"TargetGroups", groups}, {"TargetGroupStickinessConfig", stickiness}};
}

json action_json(const model::Action& a) {
    json out{{"Type", std::string(model::action_type_name(a))}, {"Order", a.order}};
    if (const auto* f = std::get_if<model::ForwardAction>(&a.detail)) {
        if (f->target_groups.size() == 1) {
            out["TargetGroupArn"] = f->target_groups.front().target_group_arn;
        }
        out["ForwardConfig"] = forward_json(*f);
    } else if (const auto* r = std::get_if<model::FixedResponseAction>(&a.detail)) {
        json config{{"StatusCode", std::to_string(r->status_code)}};
        if (!r->content_type.empty()) config["ContentType"] = r->content_type;
        if (r->body) config["MessageBody"] = *r->body;
        out["FixedResponseConfig"] = config;
    } else if (const auto* d = std::get_if<model::RedirectAction>(&a.detail)) {
        out["RedirectConfig"] = {{"Protocol", d->protocol}, {"Host", d->host},
                                 {"Port", d->port},         {"Path", d->path},
                                 {"Query", d->query},       {"StatusCode", to_string(d->status)}};
    }
    return out;
}

json condition_json(const model::RuleCondition& c) {
    json out{{"Field", to_string(c.field)}};
    json values = string_list(c.values);
    switch (c.field) {
        case model::ConditionField::host_header:
            out["Values"] = values;
            out["HostHeaderConfig"] = {{"Values", values}};
            break;
        case model::ConditionField::path_pattern:
            out["Values"] = values;
            out["PathPatternConfig"] = {{"Values", values}};
            break;
        case model::ConditionField::http_header:
            out["HttpHeaderConfig"] = {{"HttpHeaderName", c.http_header_name}, {"Values", values}};
            break;
        case model::ConditionField::http_request_method:
            out["HttpRequestMethodConfig"] = {{"Values", values}};
            break;
        case model::ConditionField::source_ip:
            out["SourceIpConfig"] = {{"Values", values}};
            break;
        case model::ConditionField::query_string: {
            json pairs = json::array();
            for (const auto& q : c.queries) {
                json pair{{"Value", q.value}};
                if (q.key) pair["Key"] = *q.key;
                pairs.push_back(pair);
            }
            out["QueryStringConfig"] = {{"Values", pairs}};
            break;
        }
    }
    return out;
}

}  // namespace

json load_balancer_json(const model::ElbLoadBalancer& lb) {
    json zones = json::array();
    for (const auto& s : lb.subnets) {
        zones.push_back({{"SubnetId", s.subnet_id},
                         {"ZoneName", s.zone_name},
                         {"LoadBalancerAddresses", json::array()}});
    }
    json out{{"LoadBalancerArn", lb.arn},
             {"DNSName", lb.dns_name},
             {"CanonicalHostedZoneId", lb.canonical_hosted_zone_id},
             {"CreatedTime", model::to_epoch_seconds(lb.created)},
             {"LoadBalancerName", lb.name},
             {"Scheme", to_string(lb.scheme)},
             {"VpcId", lb.vpc_id},
             {"State", {{"Code", to_string(lb.state)}}},
             {"Type", to_string(lb.type)},
             {"AvailabilityZones", zones},
             {"IpAddressType", lb.ip_address_type}};
    if (!lb.security_groups.empty()) out["SecurityGroups"] = string_list(lb.security_groups);
    return out;
}

json target_group_json(const model::LoadBalancerPartition& p, const model::TargetGroup& g) {
    const auto& h = g.health_check;
    json out{{"TargetGroupArn", g.arn},
             {"TargetGroupName", g.name},
             {"VpcId", g.vpc_id},
             {"HealthCheckProtocol", to_string(h.protocol)},
             {"HealthCheckPort", h.port ? std::to_string(*h.port) : "traffic-port"},
             {"HealthCheckEnabled", h.enabled},
             {"HealthCheckIntervalSeconds", h.interval_seconds},
             {"HealthCheckTimeoutSeconds", h.timeout_seconds},
             {"HealthyThresholdCount", h.healthy_threshold},
             {"UnhealthyThresholdCount", h.unhealthy_threshold},
             {"LoadBalancerArns", string_list(p.load_balancers_of(g.arn))},
             {"TargetType", to_string(g.target_type)},
             {"IpAddressType", g.ip_address_type}};
    if (g.protocol) out["Protocol"] = to_string(*g.protocol);
    if (g.port) out["Port"] = *g.port;
    if (!g.protocol_version.empty()) out["ProtocolVersion"] = g.protocol_version;
    if (!h.path.empty()) out["HealthCheckPath"] = h.path;
    if (!h.matcher_http_code.empty()) out["Matcher"] = {{"HttpCode", h.matcher_http_code}};
    if (!h.matcher_grpc_code.empty()) out["Matcher"] = {{"GrpcCode", h.matcher_grpc_code}};
    return out;
}

json actions_json(const std::vector<model::Action>& actions) {
    json out = json::array();
    for (const auto& a : actions) out.push_back(action_json(a));
    return out;
}

json listener_json(const model::Listener& l) {
    json out{{"ListenerArn", l.arn},
             {"LoadBalancerArn", l.load_balancer_arn},
             {"Port", l.port},
             {"Protocol", to_string(l.protocol)},
             {"DefaultActions", actions_json(l.default_actions)}};
    if (!l.ssl_policy.empty()) out["SslPolicy"] = l.ssl_policy;
    if (!l.certificate_arns.empty()) {
        json certs = json::array();
        for (const auto& c : l.certificate_arns) certs.push_back({{"CertificateArn", c}});
        out["Certificates"] = certs;
    }
    if (!l.alpn_policy.empty()) out["AlpnPolicy"] = string_list(l.alpn_policy);
    return out;
}

json rule_json(const model::Rule& r) {
    json conditions = json::array();
    for (const auto& c : r.conditions) conditions.push_back(condition_json(c));
    return {{"RuleArn", r.arn},
            {"Priority", std::to_string(r.priority)},
            {"Conditions", conditions},
            {"Actions", actions_json(r.actions)},
            {"IsDefault", false}};
}

json default_rule_json(const model::Listener& l) {
    return {{"RuleArn", l.default_rule_arn},
            {"Priority", "default"},
            {"Conditions", json::array()},
            {"Actions", actions_json(l.default_actions)},
            {"IsDefault", true}};
}

json tags_json(const model::Tags& tags) {
    json out = json::array();
    for (const auto& t : tags) out.push_back({{"Key", t.key}, {"Value", t.value}});
    return out;
}

json target_health_json(const model::TargetGroup& g, const model::TargetHealthEntry& e) {
    json target{{"Id", e.id}, {"Port", e.port}};
    if (!e.availability_zone.empty()) target["AvailabilityZone"] = e.availability_zone;
    json health{{"State", to_string(e.health.state)}};
    if (e.health.reason) {
        health["Reason"] = to_string(*e.health.reason);
        health["Description"] = e.health.description;
    }
    const auto& port = g.health_check.port;
    return {{"Target", target},
            {"HealthCheckPort", std::to_string(port ? *port : e.port)},
            {"TargetHealth", health}};
}

}  // namespace berth::api::elbv2

#pragma once
// describe() for Elastic Load Balancing's store (included by describe.hpp before the codec
// templates). Targets are saved with their health, so a restart shows what the checks last saw
// until they run again. An action's variant has a codec of its own (side_codecs.cpp).
#include "berth/model/load_balancer_types.hpp"
#include "codec.hpp"

namespace berth::persist::codec {

template <>
inline constexpr bool k_described<model::TargetHealth> = true;
template <class V>
void describe(V& v, model::TargetHealth& x) {
    v("state", x.state);
    v("reason", x.reason);
    v("description", x.description);
}

template <>
inline constexpr bool k_described<model::Target> = true;
template <class V>
void describe(V& v, model::Target& x) {
    v("id", x.id);
    v("port", x.port);
    v("availabilityZone", x.availability_zone);
    v("health", x.health);
    v("registeredAt", x.registered_at);
    v("drainingUntil", x.draining_until);
}

template <>
inline constexpr bool k_described<model::TargetGroupHealthCheck> = true;
template <class V>
void describe(V& v, model::TargetGroupHealthCheck& x) {
    v("enabled", x.enabled);
    v("protocol", x.protocol);
    v("port", x.port);
    v("path", x.path);
    v("intervalSeconds", x.interval_seconds);
    v("timeoutSeconds", x.timeout_seconds);
    v("healthyThreshold", x.healthy_threshold);
    v("unhealthyThreshold", x.unhealthy_threshold);
    v("matcherHttpCode", x.matcher_http_code);
    v("matcherGrpcCode", x.matcher_grpc_code);
}

template <>
inline constexpr bool k_described<model::TargetGroupAttributes> = true;
template <class V>
void describe(V& v, model::TargetGroupAttributes& x) {
    v("deregistrationDelaySeconds", x.deregistration_delay_seconds);
    v("stickinessEnabled", x.stickiness_enabled);
    v("stickinessType", x.stickiness_type);
    v("lbCookieDurationSeconds", x.lb_cookie_duration_seconds);
    v("appCookieName", x.app_cookie_name);
    v("appCookieDurationSeconds", x.app_cookie_duration_seconds);
    v("slowStartSeconds", x.slow_start_seconds);
    v("algorithm", x.algorithm);
    v("kept", x.kept);
}

template <>
inline constexpr bool k_described<model::TargetGroup> = true;
template <class V>
void describe(V& v, model::TargetGroup& x) {
    v("arn", x.arn);
    v("name", x.name);
    v("protocol", x.protocol);
    v("protocolVersion", x.protocol_version);
    v("port", x.port);
    v("vpcId", x.vpc_id);
    v("targetType", x.target_type);
    v("ipAddressType", x.ip_address_type);
    v("healthCheck", x.health_check);
    v("attributes", x.attributes);
    v("targets", x.targets);
    v("tags", x.tags);
    v("created", x.created);
}

template <>
inline constexpr bool k_described<model::WeightedTargetGroup> = true;
template <class V>
void describe(V& v, model::WeightedTargetGroup& x) {
    v("targetGroupArn", x.target_group_arn);
    v("weight", x.weight);
}

template <>
inline constexpr bool k_described<model::ForwardAction> = true;
template <class V>
void describe(V& v, model::ForwardAction& x) {
    v("targetGroups", x.target_groups);
    v("stickinessEnabled", x.stickiness_enabled);
    v("stickinessDurationSeconds", x.stickiness_duration_seconds);
}

template <>
inline constexpr bool k_described<model::FixedResponseAction> = true;
template <class V>
void describe(V& v, model::FixedResponseAction& x) {
    v("statusCode", x.status_code);
    v("contentType", x.content_type);
    v("body", x.body);
}

template <>
inline constexpr bool k_described<model::RedirectAction> = true;
template <class V>
void describe(V& v, model::RedirectAction& x) {
    v("protocol", x.protocol);
    v("host", x.host);
    v("port", x.port);
    v("path", x.path);
    v("query", x.query);
    v("status", x.status);
}

template <>
inline constexpr bool k_described<model::QueryStringCondition> = true;
template <class V>
void describe(V& v, model::QueryStringCondition& x) {
    v("key", x.key);
    v("value", x.value);
}

template <>
inline constexpr bool k_described<model::RuleCondition> = true;
template <class V>
void describe(V& v, model::RuleCondition& x) {
    v("field", x.field);
    v("httpHeaderName", x.http_header_name);
    v("values", x.values);
    v("queries", x.queries);
}

template <>
inline constexpr bool k_described<model::Listener> = true;
template <class V>
void describe(V& v, model::Listener& x) {
    v("arn", x.arn);
    v("loadBalancerArn", x.load_balancer_arn);
    v("port", x.port);
    v("protocol", x.protocol);
    v("defaultActions", x.default_actions);
    v("sslPolicy", x.ssl_policy);
    v("certificateArns", x.certificate_arns);
    v("alpnPolicy", x.alpn_policy);
    v("defaultRuleArn", x.default_rule_arn);
    v("tags", x.tags);
}

template <>
inline constexpr bool k_described<model::Rule> = true;
template <class V>
void describe(V& v, model::Rule& x) {
    v("arn", x.arn);
    v("listenerArn", x.listener_arn);
    v("priority", x.priority);
    v("conditions", x.conditions);
    v("actions", x.actions);
    v("tags", x.tags);
}

template <>
inline constexpr bool k_described<model::SubnetMapping> = true;
template <class V>
void describe(V& v, model::SubnetMapping& x) {
    v("subnetId", x.subnet_id);
    v("zoneName", x.zone_name);
}

template <>
inline constexpr bool k_described<model::ElbLoadBalancer> = true;
template <class V>
void describe(V& v, model::ElbLoadBalancer& x) {
    v("arn", x.arn);
    v("name", x.name);
    v("type", x.type);
    v("scheme", x.scheme);
    v("state", x.state);
    v("dnsName", x.dns_name);
    v("canonicalHostedZoneId", x.canonical_hosted_zone_id);
    v("vpcId", x.vpc_id);
    v("subnets", x.subnets);
    v("securityGroups", x.security_groups);
    v("ipAddressType", x.ip_address_type);
    v("created", x.created);
    v("attributes", x.attributes);
    v("tags", x.tags);
}

}  // namespace berth::persist::codec

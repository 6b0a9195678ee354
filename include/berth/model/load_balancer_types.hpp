#pragma once
// Elastic Load Balancing (v2) values: the enums with their API names and the plain structs a
// load balancer, a target group, a listener and its rules are made of. The store that holds
// them is load_balancers.hpp; the bookkeeping rules (target health, draining) live there.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "berth/model/common.hpp"
#include "berth/model/names.hpp"

namespace berth::model {

enum class LoadBalancerType : std::uint8_t { application, network };
template <>
inline constexpr NameTable<LoadBalancerType, 2> k_names<LoadBalancerType>{{{
    {LoadBalancerType::application, "application"},
    {LoadBalancerType::network, "network"},
}}};

enum class LoadBalancerScheme : std::uint8_t { internet_facing, internal };
template <>
inline constexpr NameTable<LoadBalancerScheme, 2> k_names<LoadBalancerScheme>{{{
    {LoadBalancerScheme::internet_facing, "internet-facing"},
    {LoadBalancerScheme::internal, "internal"},
}}};

enum class LoadBalancerState : std::uint8_t { provisioning, active, active_impaired, failed };
template <>
inline constexpr NameTable<LoadBalancerState, 4> k_names<LoadBalancerState>{{{
    {LoadBalancerState::provisioning, "provisioning"},
    {LoadBalancerState::active, "active"},
    {LoadBalancerState::active_impaired, "active_impaired"},
    {LoadBalancerState::failed, "failed"},
}}};

// Listener, target group and health check protocols (ProtocolEnum).
enum class ElbProtocol : std::uint8_t { http, https, tcp, tls, udp, tcp_udp, geneve };
template <>
inline constexpr NameTable<ElbProtocol, 7> k_names<ElbProtocol>{{{
    {ElbProtocol::http, "HTTP"},
    {ElbProtocol::https, "HTTPS"},
    {ElbProtocol::tcp, "TCP"},
    {ElbProtocol::tls, "TLS"},
    {ElbProtocol::udp, "UDP"},
    {ElbProtocol::tcp_udp, "TCP_UDP"},
    {ElbProtocol::geneve, "GENEVE"},
}}};
// HTTP and HTTPS: the protocols an application load balancer speaks (layer 7).
constexpr bool is_http(ElbProtocol p) {
    return p == ElbProtocol::http || p == ElbProtocol::https;
}

enum class TargetType : std::uint8_t { instance, ip, lambda, alb };
template <>
inline constexpr NameTable<TargetType, 4> k_names<TargetType>{{{
    {TargetType::instance, "instance"},
    {TargetType::ip, "ip"},
    {TargetType::lambda, "lambda"},
    {TargetType::alb, "alb"},
}}};

enum class TargetHealthState : std::uint8_t {
    initial,
    healthy,
    unhealthy,
    unhealthy_draining,
    unused,
    draining,
    unavailable,
};
template <>
inline constexpr NameTable<TargetHealthState, 7> k_names<TargetHealthState>{{{
    {TargetHealthState::initial, "initial"},
    {TargetHealthState::healthy, "healthy"},
    {TargetHealthState::unhealthy, "unhealthy"},
    {TargetHealthState::unhealthy_draining, "unhealthy.draining"},
    {TargetHealthState::unused, "unused"},
    {TargetHealthState::draining, "draining"},
    {TargetHealthState::unavailable, "unavailable"},
}}};

enum class TargetHealthReason : std::uint8_t {
    registration_in_progress,
    initial_health_checking,
    response_code_mismatch,
    timeout,
    failed_health_checks,
    not_registered,
    not_in_use,
    deregistration_in_progress,
    invalid_state,
    ip_unusable,
    health_check_disabled,
    internal_error,
};
template <>
inline constexpr NameTable<TargetHealthReason, 12> k_names<TargetHealthReason>{{{
    {TargetHealthReason::registration_in_progress, "Elb.RegistrationInProgress"},
    {TargetHealthReason::initial_health_checking, "Elb.InitialHealthChecking"},
    {TargetHealthReason::response_code_mismatch, "Target.ResponseCodeMismatch"},
    {TargetHealthReason::timeout, "Target.Timeout"},
    {TargetHealthReason::failed_health_checks, "Target.FailedHealthChecks"},
    {TargetHealthReason::not_registered, "Target.NotRegistered"},
    {TargetHealthReason::not_in_use, "Target.NotInUse"},
    {TargetHealthReason::deregistration_in_progress, "Target.DeregistrationInProgress"},
    {TargetHealthReason::invalid_state, "Target.InvalidState"},
    {TargetHealthReason::ip_unusable, "Target.IpUnusable"},
    {TargetHealthReason::health_check_disabled, "Target.HealthCheckDisabled"},
    {TargetHealthReason::internal_error, "Elb.InternalError"},
}}};
// ELB's description for a reason, as DescribeTargetHealth shows it.
std::string_view default_description(TargetHealthReason reason);

// What a target's health is: a state, with a reason and description except when healthy.
struct TargetHealth {
    TargetHealthState state = TargetHealthState::initial;
    std::optional<TargetHealthReason> reason = TargetHealthReason::registration_in_progress;
    std::string description;  // empty: default_description(reason)
    bool operator==(const TargetHealth&) const = default;
};

// One registered target: an instance id or an IP address, on a port.
struct Target {
    std::string id;
    int port = 0;
    std::string availability_zone;  // as registered; empty when not given
    TargetHealth health;
    TimePoint registered_at{};
    // While draining: when the target disappears (deregistration delay after deregistration).
    std::optional<TimePoint> draining_until;
};

// A target as RegisterTargets / DeregisterTargets / DescribeTargetHealth name it.
struct TargetRef {
    std::string id;
    std::optional<int> port;  // the target group's port when not given
    std::string availability_zone;
};

// The health check of a target group, with ELB's defaults filled in at creation
// (default_health_check).
struct TargetGroupHealthCheck {
    bool enabled = true;
    ElbProtocol protocol = ElbProtocol::http;
    std::optional<int> port;  // nullopt: "traffic-port", the target's own port
    std::string path;         // HTTP/HTTPS checks only
    int interval_seconds = 30;
    int timeout_seconds = 5;
    int healthy_threshold = 5;
    int unhealthy_threshold = 2;
    std::string matcher_http_code;  // HTTP/HTTPS checks only: "200", "200,202", "200-299"
    std::string matcher_grpc_code;  // kept, not acted on
};

// ELB's defaults for a target group of `group_protocol` checked over `check_protocol`:
// ALB (HTTP/HTTPS groups) 30 s interval, 5 s timeout, thresholds 5 and 2, matcher 200, path /;
// NLB (TCP/TLS/UDP groups) 30 s interval, 10 s timeout (6 s for HTTP checks), thresholds 5
// and 2, matcher 200-399 for HTTP checks.
TargetGroupHealthCheck default_health_check(ElbProtocol group_protocol, ElbProtocol check_protocol);

enum class StickinessType : std::uint8_t { lb_cookie, app_cookie, source_ip };
template <>
inline constexpr NameTable<StickinessType, 3> k_names<StickinessType>{{{
    {StickinessType::lb_cookie, "lb_cookie"},
    {StickinessType::app_cookie, "app_cookie"},
    {StickinessType::source_ip, "source_ip"},
}}};

enum class LoadBalancingAlgorithm : std::uint8_t {
    round_robin,
    least_outstanding_requests,
    weighted_random
};
template <>
inline constexpr NameTable<LoadBalancingAlgorithm, 3> k_names<LoadBalancingAlgorithm>{{{
    {LoadBalancingAlgorithm::round_robin, "round_robin"},
    {LoadBalancingAlgorithm::least_outstanding_requests, "least_outstanding_requests"},
    {LoadBalancingAlgorithm::weighted_random, "weighted_random"},
}}};

// The target group attributes the data plane acts on, typed; the rest are kept as text in
// `kept` (under their ELB keys) and shown back by DescribeTargetGroupAttributes.
struct TargetGroupAttributes {
    int deregistration_delay_seconds = 300;  // deregistration_delay.timeout_seconds
    bool stickiness_enabled = false;         // stickiness.enabled
    StickinessType stickiness_type = StickinessType::lb_cookie;  // source_ip for NLB groups
    int lb_cookie_duration_seconds = 86400;   // stickiness.lb_cookie.duration_seconds
    std::string app_cookie_name;              // stickiness.app_cookie.cookie_name
    int app_cookie_duration_seconds = 86400;  // stickiness.app_cookie.duration_seconds
    int slow_start_seconds = 0;               // slow_start.duration_seconds
    LoadBalancingAlgorithm algorithm = LoadBalancingAlgorithm::round_robin;
    std::map<std::string, std::string> kept;  // other keys, values as given
};

struct TargetGroup {
    std::string arn, name;
    std::optional<ElbProtocol> protocol;  // none for lambda groups
    std::string protocol_version;         // HTTP1 | HTTP2 | GRPC for HTTP/HTTPS groups
    std::optional<int> port;              // none for lambda groups
    std::string vpc_id;
    TargetType target_type = TargetType::instance;
    std::string ip_address_type = "ipv4";
    TargetGroupHealthCheck health_check;
    TargetGroupAttributes attributes;
    std::vector<Target> targets;  // registration order
    Tags tags;
    TimePoint created{};

    const Target* find_target(std::string_view id, int port) const;
    Target* find_target(std::string_view id, int port);
    // The port a target reference means here: its own, else the group's (0 when neither).
    int port_of(const TargetRef& ref) const { return ref.port.value_or(port.value_or(0)); }
};

// Actions (listener default actions and rule actions). Berth acts on forward, fixed-response
// and redirect; the API refuses the others.
struct WeightedTargetGroup {
    std::string target_group_arn;
    int weight = 1;  // 0..999
};
struct ForwardAction {
    std::vector<WeightedTargetGroup> target_groups;
    bool stickiness_enabled = false;  // target group stickiness
    int stickiness_duration_seconds = 0;
};
struct FixedResponseAction {
    int status_code = 200;
    std::string content_type;  // empty: none given
    std::optional<std::string> body;
};
enum class RedirectStatus : std::uint8_t { http_301, http_302 };
template <>
inline constexpr NameTable<RedirectStatus, 2> k_names<RedirectStatus>{{{
    {RedirectStatus::http_301, "HTTP_301"},
    {RedirectStatus::http_302, "HTTP_302"},
}}};
// The parts of the target URL; each may hold #{protocol}, #{host}, #{port}, #{path}, #{query}.
// ELB's defaults keep the request's own.
struct RedirectAction {
    std::string protocol = "#{protocol}";
    std::string host = "#{host}";
    std::string port = "#{port}";
    std::string path = "/#{path}";
    std::string query = "#{query}";
    RedirectStatus status = RedirectStatus::http_301;
};
struct Action {
    int order = 0;  // 1..50000; lower first (ELB fills it in when not given)
    std::variant<ForwardAction, FixedResponseAction, RedirectAction> detail;
};
// "forward", "fixed-response" or "redirect".
std::string_view action_type_name(const Action& action);
// The target groups an action forwards to (none for fixed-response and redirect).
std::vector<std::string> forwarded_target_groups(const std::vector<Action>& actions);

enum class ConditionField : std::uint8_t {
    host_header,
    path_pattern,
    http_header,
    http_request_method,
    query_string,
    source_ip,
};
template <>
inline constexpr NameTable<ConditionField, 6> k_names<ConditionField>{{{
    {ConditionField::host_header, "host-header"},
    {ConditionField::path_pattern, "path-pattern"},
    {ConditionField::http_header, "http-header"},
    {ConditionField::http_request_method, "http-request-method"},
    {ConditionField::query_string, "query-string"},
    {ConditionField::source_ip, "source-ip"},
}}};
struct QueryStringCondition {
    std::optional<std::string> key;  // nullopt: any key
    std::string value;
};
// One rule condition. Values may hold the wildcards * and ? (host-header, path-pattern,
// http-header, query-string); source-ip values are CIDR blocks; methods are exact.
struct RuleCondition {
    ConditionField field = ConditionField::path_pattern;
    std::string http_header_name;               // http-header only
    std::vector<std::string> values;            // every field but query-string
    std::vector<QueryStringCondition> queries;  // query-string only
};

struct Listener {
    std::string arn, load_balancer_arn;
    int port = 80;
    ElbProtocol protocol = ElbProtocol::http;
    std::vector<Action> default_actions;
    // Kept, not acted on (Berth terminates no TLS).
    std::string ssl_policy;
    std::vector<std::string> certificate_arns;
    std::vector<std::string> alpn_policy;
    std::string default_rule_arn;  // DescribeRules shows the default rule under this ARN
    Tags tags;
};

// A listener rule other than the default one (which is the listener's default actions).
struct Rule {
    std::string arn, listener_arn;
    int priority = 1;  // 1..50000, unique per listener
    std::vector<RuleCondition> conditions;
    std::vector<Action> actions;
    Tags tags;
};

struct SubnetMapping {
    std::string subnet_id;
    std::string zone_name;  // Berth's choice: "<region>" + a letter, by position
};

struct ElbLoadBalancer {
    std::string arn, name;
    LoadBalancerType type = LoadBalancerType::application;
    LoadBalancerScheme scheme = LoadBalancerScheme::internet_facing;
    LoadBalancerState state = LoadBalancerState::provisioning;
    std::string dns_name;  // "<name>-<id>.<region>.elb.localhost"
    std::string canonical_hosted_zone_id;
    std::string vpc_id;
    std::vector<SubnetMapping> subnets;
    std::vector<std::string> security_groups;
    std::string ip_address_type = "ipv4";
    TimePoint created{};
    // LoadBalancerAttributes by key, ELB's defaults filled in at creation; Berth acts on
    // deletion_protection.enabled (and the data plane may read idle_timeout.timeout_seconds).
    std::map<std::string, std::string> attributes;
    Tags tags;
};

// ARNs and names. Ids are 16 lowercase hex digits (new_elb_id), as ELB's.
std::string new_elb_id();
// "arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app|net/<name>/<id>"
std::string load_balancer_arn(const PartitionKey& key, LoadBalancerType type, std::string_view name,
                              std::string_view id);
// "...:targetgroup/<name>/<id>"
std::string target_group_arn(const PartitionKey& key, std::string_view name, std::string_view id);
// "...:listener/app/<lb name>/<lb id>/<id>", from the load balancer's ARN.
std::string listener_arn(std::string_view load_balancer_arn, std::string_view id);
// "...:listener-rule/app/<lb name>/<lb id>/<listener id>/<id>", from the listener's ARN.
std::string rule_arn(std::string_view listener_arn, std::string_view id);
// Berth's DNS names: "<name>-<id>.<region>.elb.localhost" (`.localhost` resolves to the
// loopback address, where Berth's listeners are).
std::string load_balancer_dns_name(std::string_view name, std::string_view id,
                                   std::string_view region);

}  // namespace berth::model

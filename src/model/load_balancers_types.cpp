#include "berth/model/load_balancer_types.hpp"

#include <algorithm>

#include "berth/model/arn.hpp"

namespace berth::model {

std::string_view default_description(TargetHealthReason reason) {
    switch (reason) {
        case TargetHealthReason::registration_in_progress:
            return "Target registration is in progress";
        case TargetHealthReason::initial_health_checking:
            return "Initial health checks in progress";
        case TargetHealthReason::response_code_mismatch:
            return "Health checks failed with these codes";
        case TargetHealthReason::timeout:
            return "Request timed out";
        case TargetHealthReason::failed_health_checks:
            return "Health checks failed";
        case TargetHealthReason::not_registered:
            return "Target is not registered to the target group";
        case TargetHealthReason::not_in_use:
            return "Target group is not configured to receive traffic from the load balancer";
        case TargetHealthReason::deregistration_in_progress:
            return "Target deregistration is in progress";
        case TargetHealthReason::invalid_state:
            return "Target is in the stopped state";
        case TargetHealthReason::ip_unusable:
            return "The IP address is unusable";
        case TargetHealthReason::health_check_disabled:
            return "Health checks are disabled";
        case TargetHealthReason::internal_error:
            return "Health checks failed due to an internal error";
    }
    return {};
}

// The CreateTargetGroup reference's defaults: thresholds 5 and 2 and a 30 s interval for
// every protocol Berth serves; the timeout is 6 s for HTTP groups and 10 s for TCP, TLS and
// HTTPS ones; HTTP checks of application load balancers (HTTP/HTTPS groups) expect 200, those
// of network load balancers 200-399.
TargetGroupHealthCheck default_health_check(ElbProtocol group_protocol,
                                            ElbProtocol check_protocol) {
    static const std::string k_root = "/";  // (not a literal: GCC 12 warns falsely on it here)
    TargetGroupHealthCheck h;
    h.protocol = check_protocol;
    h.interval_seconds = 30;
    h.timeout_seconds = group_protocol == ElbProtocol::http ? 6 : 10;
    h.healthy_threshold = 5;
    h.unhealthy_threshold = 2;
    if (is_http(check_protocol)) {
        h.path = k_root;
        h.matcher_http_code = is_http(group_protocol) ? "200" : "200-399";
    }
    return h;
}

const Target* TargetGroup::find_target(std::string_view id, int port) const {
    auto it = std::find_if(targets.begin(), targets.end(),
                           [&](const Target& t) { return t.id == id && t.port == port; });
    return it == targets.end() ? nullptr : &*it;
}

Target* TargetGroup::find_target(std::string_view id, int port) {
    return const_cast<Target*>(std::as_const(*this).find_target(id, port));
}

std::string_view action_type_name(const Action& action) {
    struct Name {
        std::string_view operator()(const ForwardAction&) const { return "forward"; }
        std::string_view operator()(const FixedResponseAction&) const { return "fixed-response"; }
        std::string_view operator()(const RedirectAction&) const { return "redirect"; }
    };
    return std::visit(Name{}, action.detail);
}

std::vector<std::string> forwarded_target_groups(const std::vector<Action>& actions) {
    std::vector<std::string> out;
    for (const auto& action : actions) {
        if (const auto* forward = std::get_if<ForwardAction>(&action.detail)) {
            for (const auto& group : forward->target_groups) out.push_back(group.target_group_arn);
        }
    }
    return out;
}

std::string new_elb_id() {
    return random_chars(16, "0123456789abcdef");
}

namespace {

std::string elb_arn(const PartitionKey& key, std::string_view resource) {
    std::string out = "arn:aws:elasticloadbalancing:";
    out.append(key.region).append(":").append(key.account).append(":").append(resource);
    return out;
}

// `arn` with its resource type `from` replaced by `to`, and "/<id>" appended. (Built with
// append: GCC 12 warns falsely on `"literal" + std::string` here.)
std::string derived_arn(std::string_view arn, std::string_view from, std::string_view to,
                        std::string_view id) {
    std::string out(arn);
    std::string needle;
    needle.append(":").append(from).append("/");
    auto at = out.find(needle);
    if (at != std::string::npos) out.replace(at + 1, from.size(), to);
    out.append("/").append(id);
    return out;
}

}  // namespace

std::string load_balancer_arn(const PartitionKey& key, LoadBalancerType type, std::string_view name,
                              std::string_view id) {
    std::string resource =
        type == LoadBalancerType::network ? "loadbalancer/net/" : "loadbalancer/app/";
    resource.append(name).append("/").append(id);
    return elb_arn(key, resource);
}

std::string target_group_arn(const PartitionKey& key, std::string_view name, std::string_view id) {
    std::string resource = "targetgroup/";
    resource.append(name).append("/").append(id);
    return elb_arn(key, resource);
}

std::string listener_arn(std::string_view load_balancer_arn, std::string_view id) {
    return derived_arn(load_balancer_arn, "loadbalancer", "listener", id);
}

std::string rule_arn(std::string_view listener_arn, std::string_view id) {
    return derived_arn(listener_arn, "listener", "listener-rule", id);
}

std::string load_balancer_dns_name(std::string_view name, std::string_view id,
                                   std::string_view region) {
    std::string out(name);
    out.append("-").append(id).append(".").append(region).append(".elb.localhost");
    return out;
}

}  // namespace berth::model

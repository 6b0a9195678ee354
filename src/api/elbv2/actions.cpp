#include "api/elbv2/actions.hpp"

#include <algorithm>
#include <set>

#include "api/elbv2/errors.hpp"
#include "api/elbv2/request.hpp"

namespace berth::api::elbv2 {

using nlohmann::json;

namespace {

constexpr int k_max_stickiness_seconds = 604800;

const model::TargetGroup& forwardable(const model::LoadBalancerPartition& p,
                                      const model::ElbLoadBalancer& lb, const std::string& arn) {
    const auto* g = p.find_target_group(arn);
    if (!g) throw errors::target_group_not_found("Target groups '" + arn + "' not found");
    bool http = g->protocol && model::is_http(*g->protocol);
    if (http != (lb.type == model::LoadBalancerType::application)) {
        throw errors::incompatible_protocols(
            "The target group '" + arn + "' speaks " +
            std::string(g->protocol ? model::to_string(*g->protocol) : "no protocol") +
            ", which a " + std::string(model::to_string(lb.type)) +
            " load balancer cannot forward to");
    }
    auto users = p.load_balancers_of(arn);
    if (!users.empty() && std::find(users.begin(), users.end(), lb.arn) == users.end()) {
        throw protocol::AwsError("TargetGroupAssociationLimit",
                                 "The following target groups cannot be associated with more "
                                 "than one load balancer: " +
                                     arn);
    }
    return *g;
}

model::ForwardAction read_forward(const json& a, const model::LoadBalancerPartition& p,
                                  const model::ElbLoadBalancer& lb) {
    model::ForwardAction f;
    auto single = optional_string(a, "TargetGroupArn");
    if (auto config = a.find("ForwardConfig"); config != a.end()) {
        for (const auto& t : config->value("TargetGroups", json::array())) {
            f.target_groups.push_back(
                {t.value("TargetGroupArn", std::string()), t.value("Weight", 1)});
        }
        if (auto s = config->find("TargetGroupStickinessConfig"); s != config->end()) {
            f.stickiness_enabled = s->value("Enabled", false);
            f.stickiness_duration_seconds = s->value("DurationSeconds", 0);
            if (f.stickiness_enabled &&
                (f.stickiness_duration_seconds < 1 ||
                 f.stickiness_duration_seconds > k_max_stickiness_seconds)) {
                throw errors::validation(
                    "Target group stickiness duration must be from 1 to "
                    "604800 seconds");
            }
        }
    }
    if (single) {
        if (f.target_groups.empty()) {
            f.target_groups.push_back({*single, 1});
        } else if (f.target_groups.size() != 1 ||
                   f.target_groups.front().target_group_arn != *single) {
            throw errors::validation(
                "You cannot specify both a target group ARN and a forward "
                "configuration with different target groups");
        }
    }
    if (f.target_groups.empty()) {
        throw errors::validation("A target group ARN must be specified for a forward action");
    }
    if (f.target_groups.size() > 5) {
        throw errors::validation("A forward action can have at most 5 target groups");
    }
    if (lb.type == model::LoadBalancerType::network && f.target_groups.size() > 1) {
        throw errors::validation("Network load balancers forward to one target group");
    }
    std::set<std::string> seen;
    for (const auto& t : f.target_groups) {
        if (!seen.insert(t.target_group_arn).second) {
            throw errors::validation("Target group '" + t.target_group_arn +
                                     "' is listed twice in a forward action");
        }
        forwardable(p, lb, t.target_group_arn);
    }
    return f;
}

model::FixedResponseAction read_fixed_response(const json& a) {
    auto config = a.find("FixedResponseConfig");
    if (config == a.end()) {
        throw errors::validation("A fixed-response action needs a FixedResponseConfig");
    }
    model::FixedResponseAction r;
    r.status_code = std::stoi(config->at("StatusCode").get<std::string>());  // model: [245]\d\d
    r.content_type = config->value("ContentType", std::string());
    if (auto body = optional_string(*config, "MessageBody")) r.body = *body;
    return r;
}

model::RedirectAction read_redirect(const json& a) {
    auto config = a.find("RedirectConfig");
    if (config == a.end()) throw errors::validation("A redirect action needs a RedirectConfig");
    model::RedirectAction r;
    r.protocol = config->value("Protocol", r.protocol);
    r.host = config->value("Host", r.host);
    r.port = config->value("Port", r.port);
    r.path = config->value("Path", r.path);
    r.query = config->value("Query", r.query);
    r.status = *model::parse<model::RedirectStatus>(config->at("StatusCode").get<std::string>());
    if (r.protocol != "#{protocol}" && r.protocol != "HTTP" && r.protocol != "HTTPS") {
        throw errors::validation("Redirect protocol must be HTTP, HTTPS or #{protocol}");
    }
    model::RedirectAction defaults;
    if (r.protocol == defaults.protocol && r.host == defaults.host && r.port == defaults.port &&
        r.path == defaults.path && r.query == defaults.query) {
        throw errors::invalid_action(
            "The redirect configuration is not valid because it creates "
            "a loop");
    }
    return r;
}

}  // namespace

void check_listener_protocol(model::LoadBalancerType type, model::ElbProtocol protocol) {
    bool application = type == model::LoadBalancerType::application;
    if (protocol == model::ElbProtocol::https || protocol == model::ElbProtocol::tls) {
        throw errors::unsupported_protocol("Berth terminates no TLS: listener protocol '" +
                                           std::string(model::to_string(protocol)) +
                                           "' is not supported");
    }
    auto wanted = application ? model::ElbProtocol::http : model::ElbProtocol::tcp;
    if (protocol != wanted) {
        throw errors::unsupported_protocol(
            "Listener protocol '" + std::string(model::to_string(protocol)) +
            "' is not supported for " + std::string(model::to_string(type)) +
            " load balancers in Berth");
    }
}

std::vector<model::Action> read_actions(const json& actions, const model::LoadBalancerPartition& p,
                                        const model::ElbLoadBalancer& lb) {
    if (actions.empty()) throw errors::validation("At least one action must be specified");
    if (actions.size() > 1) {
        throw errors::invalid_action(
            "Berth's listeners and rules take one forward, "
            "fixed-response or redirect action");
    }
    std::vector<model::Action> out;
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const auto& a = actions[i];
        auto type = a.at("Type").get<std::string>();
        model::Action action;
        action.order = a.value("Order", static_cast<int>(i) + 1);
        if (type == "forward") {
            action.detail = read_forward(a, p, lb);
        } else if (lb.type == model::LoadBalancerType::network) {
            throw errors::invalid_action("Network load balancers take forward actions only");
        } else if (type == "fixed-response") {
            action.detail = read_fixed_response(a);
        } else if (type == "redirect") {
            action.detail = read_redirect(a);
        } else {
            throw errors::invalid_action("Berth does not act on '" + type + "' actions");
        }
        out.push_back(std::move(action));
    }
    return out;
}

}  // namespace berth::api::elbv2

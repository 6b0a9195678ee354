// CreateListener, DescribeListeners, ModifyListener, DeleteListener. Berth's listeners speak
// HTTP (application) and TCP (network); the data plane (edge/lb) binds their ports.
#include <algorithm>

#include "api/elbv2/actions.hpp"
#include "api/elbv2/errors.hpp"
#include "api/elbv2/handlers.hpp"
#include "api/elbv2/request.hpp"
#include "api/elbv2/serialize.hpp"

namespace berth::api::elbv2 {

using nlohmann::json;

namespace {

constexpr std::size_t k_max_listeners = 50;

model::ElbProtocol default_protocol(model::LoadBalancerType type) {
    return type == model::LoadBalancerType::network ? model::ElbProtocol::tcp
                                                    : model::ElbProtocol::http;
}

// The members CreateListener and ModifyListener share, applied over `l`.
void apply_listener(model::Listener& l, const json& input, const model::LoadBalancerPartition& p,
                    const model::ElbLoadBalancer& lb) {
    if (auto protocol = optional_string(input, "Protocol")) {
        l.protocol = *model::parse<model::ElbProtocol>(*protocol);
    }
    check_listener_protocol(lb.type, l.protocol);
    if (auto port = optional_int(input, "Port")) l.port = *port;
    if (auto it = input.find("DefaultActions"); it != input.end()) {
        l.default_actions = read_actions(*it, p, lb);
    }
    if (auto it = input.find("Certificates"); it != input.end()) {
        l.certificate_arns.clear();
        for (const auto& c : *it) l.certificate_arns.push_back(c.value("CertificateArn", ""));
    }
    if (auto policy = optional_string(input, "SslPolicy")) l.ssl_policy = *policy;
    if (input.contains("AlpnPolicy")) l.alpn_policy = strings(input, "AlpnPolicy");
    const auto* taken = p.listener_on(lb.arn, l.port);
    if (taken && taken->arn != l.arn) throw errors::duplicate_listener();
}

model::Listener& existing(model::LoadBalancerPartition& p, const std::string& arn) {
    auto* l = p.find_listener(arn);
    if (!l) throw errors::listener_not_found();
    return *l;
}

}  // namespace

json create_listener(const Environment& env, const protocol::RequestContext& ctx,
                     const json& input) {
    auto lb_arn = input.at("LoadBalancerArn").get<std::string>();
    if (!input.contains("Port")) throw errors::validation("A listener port must be specified");
    auto tags = read_tags(input);
    return env.load_balancers.write(
        partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
            const auto* lb = p.find_load_balancer(lb_arn);
            if (!lb) throw errors::load_balancer_not_found();
            if (p.listeners_of(lb_arn).size() >= k_max_listeners) {
                throw protocol::AwsError("TooManyListeners",
                                         "A load balancer can have at most 50 listeners");
            }
            model::Listener l;
            l.load_balancer_arn = lb_arn;
            l.protocol = default_protocol(lb->type);
            apply_listener(l, input, p, *lb);
            auto id = model::new_elb_id();
            l.arn = model::listener_arn(lb_arn, id);
            l.default_rule_arn = model::rule_arn(l.arn, model::new_elb_id());
            l.tags = std::move(tags);
            auto& stored = p.listeners[l.arn] = std::move(l);
            return json{{"Listeners", json::array({listener_json(stored)})}};
        });
}

json describe_listeners(const Environment& env, const protocol::RequestContext& ctx,
                        const json& input) {
    auto arns = strings(input, "ListenerArns");
    auto lb = optional_string(input, "LoadBalancerArn");
    if (arns.empty() == !lb.has_value()) {
        throw errors::validation("You must specify either listener ARNs or a load balancer ARN");
    }
    auto page_request = read_page(input);
    return env.load_balancers.read(partition_of(ctx), [&](const model::LoadBalancerPartition& p) {
        std::vector<std::string> keys;
        for (const auto& arn : arns) {
            if (!p.find_listener(arn)) throw errors::listener_not_found();
            keys.push_back(arn);
        }
        if (lb) {
            if (!p.find_load_balancer(*lb)) throw errors::load_balancer_not_found();
            for (const auto* l : p.listeners_of(*lb)) keys.push_back(l->arn);
        }
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        auto page = protocol::paginate(std::move(keys), page_request);
        json out{{"Listeners", json::array()}};
        for (const auto& arn : page.items)
            out["Listeners"].push_back(listener_json(*p.find_listener(arn)));
        write_next_marker(out, page);
        return out;
    });
}

json modify_listener(const Environment& env, const protocol::RequestContext& ctx,
                     const json& input) {
    auto arn = input.at("ListenerArn").get<std::string>();
    return env.load_balancers.write(
        partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
            auto changed = existing(p, arn);
            apply_listener(changed, input, p, *p.find_load_balancer(changed.load_balancer_arn));
            auto& l = existing(p, arn) = std::move(changed);
            return json{{"Listeners", json::array({listener_json(l)})}};
        });
}

json delete_listener(const Environment& env, const protocol::RequestContext& ctx,
                     const json& input) {
    auto arn = input.at("ListenerArn").get<std::string>();
    env.load_balancers.write(partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
        existing(p, arn);
        p.remove_listener(arn);
    });
    return json::object();
}

}  // namespace berth::api::elbv2

#include "router.hpp"

#include <algorithm>
#include <charconv>
#include <random>

#include "conditions.hpp"
#include "redirect.hpp"
#include "targets.hpp"

namespace berth::edge::lb {

namespace {

std::uint64_t random_draw() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    return random();
}

// idle_timeout.timeout_seconds: how long a target may take to answer (ALB's 504 after it).
std::chrono::seconds idle_timeout(const model::ElbLoadBalancer& lb) {
    auto it = lb.attributes.find("idle_timeout.timeout_seconds");
    int seconds = 60;
    if (it != lb.attributes.end()) {
        std::from_chars(it->second.data(), it->second.data() + it->second.size(), seconds);
    }
    return std::chrono::seconds(std::max(seconds, 1));
}

// The action that answers: the terminal one, after any with a lower order (Berth acts on no
// non-terminal action, and the API accepts none).
const model::Action* answering_action(const std::vector<model::Action>& actions) {
    const model::Action* best = nullptr;
    for (const auto& a : actions) {
        if (!best || a.order < best->order) best = &a;
    }
    return best;
}

bool older(const ListenerView& a, const ListenerView& b) {
    if (a.load_balancer->created != b.load_balancer->created) {
        return a.load_balancer->created < b.load_balancer->created;
    }
    return a.listener->arn < b.listener->arn;
}

std::string cookie(std::string_view name, const std::string& value, int seconds) {
    return std::string(name) + "=" + value + "; Max-Age=" + std::to_string(seconds) + "; Path=/";
}

}  // namespace

Router::Router(RouterOptions options) : options_(std::move(options)) {
    if (!options_.instance_address) {
        options_.instance_address = [](const std::string&) { return std::string("127.0.0.1"); };
    }
}

unsigned short Router::bound_port(int listener_port) const {
    auto it = options_.port_map.find(listener_port);
    return it != options_.port_map.end() ? it->second : static_cast<unsigned short>(listener_port);
}

std::optional<ListenerView> Router::listener_on_port(const model::LoadBalancerSnapshot& snapshot,
                                                     unsigned short port,
                                                     std::string_view host) const {
    std::optional<ListenerView> chosen;
    for (const auto& [key, partition] : snapshot.partitions) {
        for (const auto& [arn, listener] : partition.listeners) {
            if (bound_port(listener.port) != port) continue;
            const auto* lb = partition.find_load_balancer(listener.load_balancer_arn);
            if (!lb) continue;
            ListenerView view{&partition, lb, &listener};
            if (!host.empty() && lb->dns_name == host) return view;
            if (!chosen || older(view, *chosen)) chosen = view;
        }
    }
    return chosen;
}

std::optional<ListenerView> Router::listener_by_dns(const model::LoadBalancerSnapshot& snapshot,
                                                    std::string_view host) const {
    for (const auto& [key, partition] : snapshot.partitions) {
        for (const auto& [arn, lb] : partition.load_balancers) {
            if (lb.dns_name != host || lb.type != model::LoadBalancerType::application) continue;
            std::optional<ListenerView> chosen;
            for (const auto* listener : partition.listeners_of(arn)) {
                if (listener->protocol != model::ElbProtocol::http) continue;
                if (!chosen || listener->port < chosen->listener->port) {
                    chosen = ListenerView{&partition, &lb, listener};
                }
            }
            return chosen;
        }
    }
    return std::nullopt;
}

std::size_t Router::next(const std::string& group_arn, std::size_t n) {
    std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(turns_[group_arn]++ % n);
}

Endpoint Router::endpoint_of(const model::TargetGroup& group, const model::Target& target) const {
    auto address = group.target_type == model::TargetType::instance
                       ? options_.instance_address(target.id)
                       : target.id;
    return {address, static_cast<unsigned short>(target.port)};
}

Decision Router::forward(const ListenerView& view, const model::ForwardAction& action,
                         const ProxyRequest& request) {
    auto choice = choose_group(action, cookie_value(request, k_group_cookie), random_draw());
    if (!choice) return alb_error_page(503);
    const auto& weighted = action.target_groups[choice->index];
    const auto* group = view.partition->find_target_group(weighted.target_group_arn);
    if (!group) return alb_error_page(503);
    auto targets = routable_targets(*group);
    if (targets.empty()) return alb_error_page(503);

    Forward out;
    const auto& attributes = group->attributes;
    bool target_sticky = attributes.stickiness_enabled &&
                         attributes.stickiness_type == model::StickinessType::lb_cookie;
    const model::Target* target = nullptr;
    if (target_sticky) {
        auto wanted = cookie_value(request, k_target_cookie);
        for (const auto* t : targets) {
            if (!wanted.empty() && sticky_token(t->id + ":" + std::to_string(t->port)) == wanted) {
                target = t;
            }
        }
    }
    if (!target) target = targets[next(group->arn, targets.size())];
    if (target_sticky) {
        out.set_cookies.push_back(
            cookie(k_target_cookie, sticky_token(target->id + ":" + std::to_string(target->port)),
                   attributes.lb_cookie_duration_seconds));
    }
    if (action.stickiness_enabled && action.target_groups.size() > 1) {
        out.set_cookies.push_back(
            cookie(k_group_cookie, sticky_token(group->arn), action.stickiness_duration_seconds));
    }
    out.target = endpoint_of(*group, *target);
    out.timeouts.answer = idle_timeout(*view.load_balancer);
    return out;
}

Decision Router::decide(const ListenerView& view, const ProxyRequest& request,
                        const ClientInfo& client) {
    auto url = split_url(sv(request[boost::beast::http::field::host]), sv(request.target()),
                         client.local_port);
    RequestFacts facts{sv(request.method_string()), url, request, client.address};
    auto rules = view.partition->rules_of(view.listener->arn);
    const auto* action =
        answering_action(actions_for(rules, view.listener->default_actions, facts));
    if (!action) return alb_error_page(503);
    if (const auto* f = std::get_if<model::ForwardAction>(&action->detail)) {
        return forward(view, *f, request);
    }
    if (const auto* fixed = std::get_if<model::FixedResponseAction>(&action->detail)) {
        return LbAnswer{fixed->status_code, fixed->content_type, fixed->body.value_or(""), ""};
    }
    const auto& r = std::get<model::RedirectAction>(action->detail);
    RedirectParts parts{r.protocol, r.host, r.port, r.path, r.query};
    int status = r.status == model::RedirectStatus::http_301 ? 301 : 302;
    return LbAnswer{status, "", "", redirect_location(parts, url)};
}

std::optional<Endpoint> Router::pick_tcp(const ListenerView& view,
                                         const std::string& client_address) {
    const auto* action = answering_action(view.listener->default_actions);
    const auto* f = action ? std::get_if<model::ForwardAction>(&action->detail) : nullptr;
    if (!f) return std::nullopt;
    auto choice = choose_group(*f, {}, random_draw());
    if (!choice) return std::nullopt;
    const auto* group =
        view.partition->find_target_group(f->target_groups[choice->index].target_group_arn);
    if (!group) return std::nullopt;
    auto targets = routable_targets(*group);
    if (targets.empty()) return std::nullopt;
    const auto& attributes = group->attributes;
    // source_ip stickiness: the same client address goes to the same target while the set of
    // targets holds.
    std::size_t index = attributes.stickiness_enabled &&
                                attributes.stickiness_type == model::StickinessType::source_ip
                            ? std::hash<std::string>{}(client_address) % targets.size()
                            : next(group->arn, targets.size());
    return endpoint_of(*group, *targets[index]);
}

}  // namespace berth::edge::lb

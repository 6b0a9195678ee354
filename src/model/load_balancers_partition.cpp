// LoadBalancerPartition: lookups, what uses a target group, and the target bookkeeping ELB
// does on its own (see load_balancers.hpp).
#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "berth/model/load_balancers.hpp"

namespace berth::model {

namespace {

template <class Map>
auto* find_in(Map& map, std::string_view key) {
    auto it = map.find(std::string(key));
    return it == map.end() ? nullptr : &it->second;
}

template <class Map>
auto* find_by_name(Map& map, std::string_view name) {
    for (auto& [arn, value] : map) {
        if (value.name == name) return &value;
    }
    return static_cast<decltype(&map.begin()->second)>(nullptr);
}

bool is_instance_id(std::string_view id) {
    if (!id.starts_with("i-")) return false;
    auto hex = id.substr(2);
    if (hex.size() != 8 && hex.size() != 17) return false;
    return std::all_of(hex.begin(), hex.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool is_ip_address(std::string_view id, bool ipv6) {
    std::string text(id);
    unsigned char buffer[16];
    return inet_pton(ipv6 ? AF_INET6 : AF_INET, text.c_str(), buffer) == 1;
}

std::string describe(std::string_view id, int port) {
    return "Id=" + std::string(id) + ",Port=" + std::to_string(port);
}

// Every target group some listener or rule forwards to.
std::set<std::string> groups_in_use(const LoadBalancerPartition& p) {
    std::set<std::string> used;
    for (const auto& [arn, listener] : p.listeners) {
        for (auto& g : forwarded_target_groups(listener.default_actions)) used.insert(g);
    }
    for (const auto& [arn, rule] : p.rules) {
        for (auto& g : forwarded_target_groups(rule.actions)) used.insert(g);
    }
    return used;
}

TargetHealth fresh_health(bool in_use) {
    return in_use ? make_target_health(TargetHealthState::initial,
                                       TargetHealthReason::registration_in_progress)
                  : make_target_health(TargetHealthState::unused, TargetHealthReason::not_in_use);
}

bool is_draining(const Target& t) {
    return t.draining_until.has_value();
}

}  // namespace

TargetHealth make_target_health(TargetHealthState state, std::optional<TargetHealthReason> reason,
                                std::string description) {
    if (description.empty() && reason) description = std::string(default_description(*reason));
    return {state, reason, std::move(description)};
}

TargetCheck check_registration(const TargetGroup& group, const std::vector<TargetRef>& targets) {
    for (const auto& ref : targets) {
        int port = group.port_of(ref);
        if (port < 1 || port > 65535) {
            return {TargetProblem::validation,
                    port == 0 ? "A port must be specified for target '" + ref.id + "'"
                              : "Port " + std::to_string(port) + " of target '" + ref.id +
                                    "' is not in the range 1-65535"};
        }
        if (group.target_type == TargetType::instance && !is_instance_id(ref.id)) {
            return {TargetProblem::invalid_target,
                    "The following targets are not valid instance IDs: '" + ref.id + "'"};
        }
        if (group.target_type == TargetType::ip &&
            !is_ip_address(ref.id, group.ip_address_type == "ipv6")) {
            return {TargetProblem::invalid_target,
                    "The following targets are not valid " +
                        std::string(group.ip_address_type == "ipv6" ? "IPv6" : "IPv4") +
                        " addresses: '" + ref.id + "'"};
        }
    }
    return {};
}

const ElbLoadBalancer* LoadBalancerPartition::find_load_balancer(std::string_view arn) const {
    return find_in(load_balancers, arn);
}
ElbLoadBalancer* LoadBalancerPartition::find_load_balancer(std::string_view arn) {
    return find_in(load_balancers, arn);
}
const ElbLoadBalancer* LoadBalancerPartition::find_load_balancer_by_name(
    std::string_view name) const {
    return find_by_name(load_balancers, name);
}
const TargetGroup* LoadBalancerPartition::find_target_group(std::string_view arn) const {
    return find_in(target_groups, arn);
}
TargetGroup* LoadBalancerPartition::find_target_group(std::string_view arn) {
    return find_in(target_groups, arn);
}
const TargetGroup* LoadBalancerPartition::find_target_group_by_name(std::string_view name) const {
    return find_by_name(target_groups, name);
}
const Listener* LoadBalancerPartition::find_listener(std::string_view arn) const {
    return find_in(listeners, arn);
}
Listener* LoadBalancerPartition::find_listener(std::string_view arn) {
    return find_in(listeners, arn);
}
const Rule* LoadBalancerPartition::find_rule(std::string_view arn) const {
    return find_in(rules, arn);
}
Rule* LoadBalancerPartition::find_rule(std::string_view arn) {
    return find_in(rules, arn);
}

const Listener* LoadBalancerPartition::listener_on(std::string_view load_balancer_arn,
                                                   int port) const {
    for (const auto* l : listeners_of(load_balancer_arn)) {
        if (l->port == port) return l;
    }
    return nullptr;
}

std::vector<const Listener*> LoadBalancerPartition::listeners_of(
    std::string_view load_balancer_arn) const {
    std::vector<const Listener*> out;
    for (const auto& [arn, l] : listeners) {
        if (l.load_balancer_arn == load_balancer_arn) out.push_back(&l);
    }
    return out;
}

std::vector<const Rule*> LoadBalancerPartition::rules_of(std::string_view listener_arn) const {
    std::vector<const Rule*> out;
    for (const auto& [arn, r] : rules) {
        if (r.listener_arn == listener_arn) out.push_back(&r);
    }
    std::sort(out.begin(), out.end(),
              [](const Rule* a, const Rule* b) { return a->priority < b->priority; });
    return out;
}

std::vector<std::string> LoadBalancerPartition::load_balancers_of(
    std::string_view target_group_arn) const {
    std::set<std::string> out;
    auto forwards = [&](const std::vector<Action>& actions) {
        auto groups = forwarded_target_groups(actions);
        return std::find(groups.begin(), groups.end(), target_group_arn) != groups.end();
    };
    for (const auto& [arn, l] : listeners) {
        if (forwards(l.default_actions)) out.insert(l.load_balancer_arn);
    }
    for (const auto& [arn, r] : rules) {
        const auto* l = find_listener(r.listener_arn);
        if (l && forwards(r.actions)) out.insert(l->load_balancer_arn);
    }
    return {out.begin(), out.end()};
}

void LoadBalancerPartition::remove_listener(std::string_view arn) {
    std::erase_if(rules, [&](const auto& entry) { return entry.second.listener_arn == arn; });
    listeners.erase(std::string(arn));
}

void LoadBalancerPartition::remove_load_balancer(std::string_view arn) {
    for (const auto* l : listeners_of(arn)) {
        std::string listener_arn = l->arn;
        std::erase_if(rules, [&](const auto& e) { return e.second.listener_arn == listener_arn; });
    }
    std::erase_if(listeners, [&](const auto& e) { return e.second.load_balancer_arn == arn; });
    load_balancers.erase(std::string(arn));
}

void LoadBalancerPartition::register_targets(TargetGroup& group,
                                             const std::vector<TargetRef>& targets, TimePoint now) {
    bool used = in_use(group.arn);
    for (const auto& ref : targets) {
        int port = group.port_of(ref);
        if (auto* existing = group.find_target(ref.id, port)) {
            if (is_draining(*existing)) {  // registered again while draining: back in service
                existing->draining_until.reset();
                existing->health = fresh_health(used);
                existing->registered_at = now;
            }
            continue;
        }
        Target t;
        t.id = ref.id;
        t.port = port;
        t.availability_zone = ref.availability_zone;
        t.health = fresh_health(used);
        t.registered_at = now;
        group.targets.push_back(std::move(t));
    }
}

TargetCheck LoadBalancerPartition::check_deregistration(
    const TargetGroup& group, const std::vector<TargetRef>& targets) const {
    for (const auto& ref : targets) {
        int port = group.port_of(ref);
        if (!group.find_target(ref.id, port)) {
            return {TargetProblem::invalid_target,
                    "The following targets are not registered in target group '" + group.arn +
                        "': '" + describe(ref.id, port) + "'"};
        }
    }
    return {};
}

void LoadBalancerPartition::deregister_targets(TargetGroup& group,
                                               const std::vector<TargetRef>& targets,
                                               TimePoint now) {
    bool used = in_use(group.arn);
    auto delay = std::chrono::seconds(group.attributes.deregistration_delay_seconds);
    for (const auto& ref : targets) {
        int port = group.port_of(ref);
        auto* t = group.find_target(ref.id, port);
        if (!t || is_draining(*t)) continue;
        if (!used || delay.count() == 0) {
            std::erase_if(group.targets,
                          [&](const Target& x) { return x.id == ref.id && x.port == port; });
            continue;
        }
        t->health = make_target_health(TargetHealthState::draining,
                                       TargetHealthReason::deregistration_in_progress);
        t->draining_until = now + delay;
    }
}

void LoadBalancerPartition::settle(TimePoint) {
    auto used = groups_in_use(*this);
    for (auto& [arn, group] : target_groups) {
        bool in = used.contains(arn);
        if (!in) std::erase_if(group.targets, is_draining);
        for (auto& t : group.targets) {
            bool unused = t.health.state == TargetHealthState::unused;
            if (in == unused && !is_draining(t)) t.health = fresh_health(in);
        }
    }
}

std::size_t LoadBalancerPartition::expire_draining(TimePoint now) {
    std::size_t removed = 0;
    for (auto& [arn, group] : target_groups) {
        removed += std::erase_if(group.targets, [&](const Target& t) {
            return t.draining_until && *t.draining_until <= now;
        });
    }
    return removed;
}

const LoadBalancerPartition* LoadBalancerSnapshot::find(const PartitionKey& key) const {
    auto it = partitions.find(key);
    return it == partitions.end() ? nullptr : &it->second;
}

}  // namespace berth::model

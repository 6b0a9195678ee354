// CreateRule, DescribeRules, ModifyRule, DeleteRule, SetRulePriorities. A listener's default
// actions are its default rule: DescribeRules shows them with priority "default", ModifyRule
// changes them, DeleteRule and SetRulePriorities refuse them.
#include <algorithm>
#include <cstdio>
#include <map>

#include "api/elbv2/actions.hpp"
#include "api/elbv2/conditions.hpp"
#include "api/elbv2/errors.hpp"
#include "api/elbv2/handlers.hpp"
#include "api/elbv2/request.hpp"
#include "api/elbv2/serialize.hpp"

namespace berth::api::elbv2 {

using nlohmann::json;

namespace {

constexpr std::size_t k_max_rules = 100;  // per listener, the default rule apart

// The listener whose default rule `arn` is, if any.
template <class Partition>
auto* default_rule_owner(Partition& p, const std::string& arn) {
    decltype(&p.listeners.begin()->second) owner = nullptr;
    for (auto& [listener_arn, l] : p.listeners) {
        if (l.default_rule_arn == arn) owner = &l;
    }
    return owner;
}

const model::ElbLoadBalancer& load_balancer_of(const model::LoadBalancerPartition& p,
                                            const model::Listener& l) {
    const auto* lb = p.find_load_balancer(l.load_balancer_arn);
    if (lb->type != model::LoadBalancerType::application) {
        throw errors::invalid_configuration(
            "Rules are supported only by the listeners of "
            "application load balancers");
    }
    return *lb;
}

void check_priority_free(const model::LoadBalancerPartition& p, const std::string& listener_arn,
                         int priority, const std::string& except = {}) {
    for (const auto* r : p.rules_of(listener_arn)) {
        if (r->priority == priority && r->arn != except) throw errors::priority_in_use(priority);
    }
}

// Sorts rules by priority, each listener's default rule last.
std::string order_key(int priority, const std::string& arn) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%06d|", priority);
    return buffer + arn;
}

}  // namespace

json create_rule(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    auto listener_arn = input.at("ListenerArn").get<std::string>();
    int priority = input.at("Priority").get<int>();
    auto conditions = read_conditions(input.at("Conditions"));
    auto tags = read_tags(input);
    return env.load_balancers.write(
        partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
            const auto* l = p.find_listener(listener_arn);
            if (!l) throw errors::listener_not_found();
            const auto& lb = load_balancer_of(p, *l);
            check_priority_free(p, listener_arn, priority);
            if (p.rules_of(listener_arn).size() >= k_max_rules) {
                throw protocol::AwsError("TooManyRules", "A listener can have at most 100 rules");
            }
            model::Rule r;
            r.listener_arn = listener_arn;
            r.priority = priority;
            r.conditions = std::move(conditions);
            r.actions = read_actions(input.at("Actions"), p, lb);
            r.arn = model::rule_arn(listener_arn, model::new_elb_id());
            r.tags = std::move(tags);
            auto& stored = p.rules[r.arn] = std::move(r);
            return json{{"Rules", json::array({rule_json(stored)})}};
        });
}

json describe_rules(const Environment& env, const protocol::RequestContext& ctx,
                    const json& input) {
    auto arns = strings(input, "RuleArns");
    auto listener_arn = optional_string(input, "ListenerArn");
    if (arns.empty() == !listener_arn.has_value()) {
        throw errors::validation("You must specify either listener rule ARNs or a listener ARN");
    }
    auto page_request = read_page(input);
    return env.load_balancers.read(partition_of(ctx), [&](const model::LoadBalancerPartition& p) {
        std::map<std::string, json> rules;  // by order_key
        auto add_default = [&](const model::Listener& l) {
            rules[order_key(999999, l.default_rule_arn)] = default_rule_json(l);
        };
        for (const auto& arn : arns) {
            if (const auto* r = p.find_rule(arn)) {
                rules[order_key(r->priority, arn)] = rule_json(*r);
            } else if (const auto* l = default_rule_owner(p, arn)) {
                add_default(*l);
            } else {
                throw errors::rule_not_found();
            }
        }
        if (listener_arn) {
            const auto* l = p.find_listener(*listener_arn);
            if (!l) throw errors::listener_not_found();
            for (const auto* r : p.rules_of(*listener_arn)) {
                rules[order_key(r->priority, r->arn)] = rule_json(*r);
            }
            add_default(*l);
        }
        std::vector<std::string> keys;
        for (const auto& [k, v] : rules) keys.push_back(k);
        auto page = protocol::paginate(std::move(keys), page_request);
        json out{{"Rules", json::array()}};
        for (const auto& k : page.items) out["Rules"].push_back(rules.at(k));
        write_next_marker(out, page);
        return out;
    });
}

json modify_rule(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    auto arn = input.at("RuleArn").get<std::string>();
    return env.load_balancers.write(
        partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
            if (auto* l = default_rule_owner(p, arn)) {
                if (input.contains("Conditions")) {
                    throw errors::operation_not_permitted(
                        "The conditions of a default rule cannot be "
                        "modified");
                }
                if (auto it = input.find("Actions"); it != input.end()) {
                    l->default_actions =
                        read_actions(*it, p, *p.find_load_balancer(l->load_balancer_arn));
                }
                return json{{"Rules", json::array({default_rule_json(*l)})}};
            }
            auto* r = p.find_rule(arn);
            if (!r) throw errors::rule_not_found();
            const auto& lb = load_balancer_of(p, *p.find_listener(r->listener_arn));
            auto changed = *r;
            if (auto it = input.find("Conditions"); it != input.end()) {
                changed.conditions = read_conditions(*it);
            }
            if (auto it = input.find("Actions"); it != input.end()) {
                changed.actions = read_actions(*it, p, lb);
            }
            *r = std::move(changed);
            return json{{"Rules", json::array({rule_json(*r)})}};
        });
}

json delete_rule(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    auto arn = input.at("RuleArn").get<std::string>();
    env.load_balancers.write(partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
        if (default_rule_owner(p, arn)) {
            throw errors::operation_not_permitted("Default rule '" + arn + "' cannot be deleted");
        }
        if (!p.rules.erase(arn)) throw errors::rule_not_found();
    });
    return json::object();
}

json set_rule_priorities(const Environment& env, const protocol::RequestContext& ctx,
                         const json& input) {
    return env.load_balancers.write(
        partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
            std::map<std::string, int> wanted;  // rule ARN → priority
            for (const auto& pair : input.at("RulePriorities")) {
                auto arn = pair.value("RuleArn", std::string());
                if (default_rule_owner(p, arn)) {
                    throw errors::operation_not_permitted(
                        "The priority of a default rule cannot be "
                        "changed");
                }
                if (!p.find_rule(arn)) throw errors::rule_not_found();
                wanted[arn] = pair.value("Priority", 0);
            }
            // Priorities must be unique per listener once every change is made.
            std::map<std::pair<std::string, int>, std::string> taken;
            for (const auto& [arn, r] : p.rules) {
                auto it = wanted.find(arn);
                int priority = it == wanted.end() ? r.priority : it->second;
                if (!taken.emplace(std::pair{r.listener_arn, priority}, arn).second) {
                    throw errors::priority_in_use(priority);
                }
            }
            json out = json::array();
            for (const auto& [arn, priority] : wanted) {
                auto* r = p.find_rule(arn);
                r->priority = priority;
                out.push_back(rule_json(*r));
            }
            return json{{"Rules", out}};
        });
}

}  // namespace berth::api::elbv2

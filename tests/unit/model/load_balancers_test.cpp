#include "berth/model/load_balancers.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace berth::model {
namespace {

using std::chrono::seconds;

const PartitionKey k_east{"123456789012", "us-east-1"};
const PartitionKey k_west{"123456789012", "eu-west-1"};
const TimePoint k_t0 = TimePoint{} + std::chrono::hours(1000);

// A partition with one ALB, one ip target group on port 80 and, when `attached`, a listener
// forwarding to it. Returns the group's ARN.
std::string seed(LoadBalancerStore& store, const PartitionKey& key, bool attached,
                 int delay_seconds = 300) {
    return store.write(key, k_t0, [&](LoadBalancerPartition& p) {
        ElbLoadBalancer lb;
        lb.name = "web";
        lb.arn = load_balancer_arn(key, LoadBalancerType::application, lb.name, "a1b2");
        p.load_balancers[lb.arn] = lb;
        TargetGroup g;
        g.name = "web-tg";
        g.arn = target_group_arn(key, g.name, "c3d4");
        g.protocol = ElbProtocol::http;
        g.port = 80;
        g.target_type = TargetType::ip;
        g.attributes.deregistration_delay_seconds = delay_seconds;
        p.target_groups[g.arn] = g;
        if (attached) {
            Listener l;
            l.arn = listener_arn(lb.arn, "e5f6");
            l.load_balancer_arn = lb.arn;
            l.default_actions.push_back({1, ForwardAction{{{g.arn, 1}}, false, 0}});
            p.listeners[l.arn] = l;
        }
        return g.arn;
    });
}

TargetHealthState state_of(const LoadBalancerStore& store, const std::string& group,
                           const std::string& id, int port = 80) {
    auto health = store.target_health(k_east, group, {{id, port, {}}});
    return health->at(0).health.state;
}

TEST(LoadBalancerArns, FollowElbsShapes) {
    auto lb = load_balancer_arn(k_east, LoadBalancerType::network, "nlb", "0123");
    EXPECT_EQ(lb, "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/nlb/0123");
    auto l = listener_arn(lb, "aa");
    EXPECT_EQ(l, "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/nlb/0123/aa");
    EXPECT_EQ(
        rule_arn(l, "bb"),
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/net/nlb/0123/aa/bb");
    EXPECT_EQ(target_group_arn(k_east, "tg", "cc"),
              "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/cc");
    EXPECT_EQ(load_balancer_dns_name("web", "0123", "us-east-1"),
              "web-0123.us-east-1.elb.localhost");
    EXPECT_EQ(new_elb_id().size(), 16u);
}

TEST(LoadBalancerNames, ReasonCodesAreElbs) {
    EXPECT_EQ(to_string(TargetHealthReason::registration_in_progress),
              "Elb.RegistrationInProgress");
    EXPECT_EQ(to_string(TargetHealthReason::deregistration_in_progress),
              "Target.DeregistrationInProgress");
    EXPECT_EQ(parse<TargetHealthState>("unhealthy.draining"),
              TargetHealthState::unhealthy_draining);
    for (auto reason : all_values<TargetHealthReason>()) {
        EXPECT_FALSE(default_description(reason).empty()) << to_string(reason);
    }
    EXPECT_EQ(parse<ConditionField>("http-request-method"), ConditionField::http_request_method);
}

TEST(HealthCheckDefaults, DependOnTheProtocols) {
    auto alb = default_health_check(ElbProtocol::http, ElbProtocol::http);
    EXPECT_EQ(alb.timeout_seconds, 6);
    EXPECT_EQ(alb.path, "/");
    EXPECT_EQ(alb.matcher_http_code, "200");
    auto nlb = default_health_check(ElbProtocol::tcp, ElbProtocol::tcp);
    EXPECT_EQ(nlb.timeout_seconds, 10);
    EXPECT_TRUE(nlb.path.empty());
    EXPECT_TRUE(nlb.matcher_http_code.empty());
    EXPECT_EQ(default_health_check(ElbProtocol::tcp, ElbProtocol::http).matcher_http_code,
              "200-399");
    EXPECT_EQ(nlb.healthy_threshold, 5);
    EXPECT_EQ(nlb.unhealthy_threshold, 2);
}

TEST(LoadBalancerStore, TargetsOfAGroupNotInUseAreUnused) {
    LoadBalancerStore store;
    auto group = seed(store, k_east, false);
    ASSERT_TRUE(store.register_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0));
    auto health = store.target_health(k_east, group);
    ASSERT_EQ(health->size(), 1u);
    EXPECT_EQ(health->at(0).port, 80);  // the group's port
    EXPECT_EQ(health->at(0).health.state, TargetHealthState::unused);
    EXPECT_EQ(health->at(0).health.reason, TargetHealthReason::not_in_use);
    EXPECT_FALSE(store.find_target_group(k_east, group)->in_use());
}

TEST(LoadBalancerStore, AttachingAGroupMakesItsTargetsInitial) {
    LoadBalancerStore store;
    auto group = seed(store, k_east, false);
    store.register_targets(k_east, group, {{"10.0.0.5", 8080, {}}}, k_t0);
    store.write(k_east, k_t0, [&](LoadBalancerPartition& p) {
        Listener l;
        l.arn = "listener-1";
        l.load_balancer_arn = p.load_balancers.begin()->first;
        l.default_actions.push_back({1, ForwardAction{{{group, 1}}, false, 0}});
        p.listeners[l.arn] = l;
    });
    auto health = store.target_health(k_east, group)->at(0).health;
    EXPECT_EQ(health.state, TargetHealthState::initial);
    EXPECT_EQ(health.reason, TargetHealthReason::registration_in_progress);
    EXPECT_EQ(health.description, "Target registration is in progress");
    auto summary = store.find_target_group(k_east, group);
    ASSERT_EQ(summary->load_balancer_arns.size(), 1u);
    // Deleting the listener detaches the group: back to unused.
    store.write(k_east, k_t0, [](LoadBalancerPartition& p) { p.remove_listener("listener-1"); });
    EXPECT_EQ(state_of(store, group, "10.0.0.5", 8080), TargetHealthState::unused);
}

TEST(LoadBalancerStore, HealthChecksWriteHealthAndBumpTheVersion) {
    LoadBalancerStore store;
    auto group = seed(store, k_east, true);
    store.register_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0);
    std::uint64_t seen = 0;
    store.on_change([&](std::uint64_t v) { seen = v; });
    auto before = store.snapshot();
    EXPECT_TRUE(store.set_target_health(k_east, group, "10.0.0.5", 80, TargetHealthState::healthy,
                                        std::nullopt));
    EXPECT_EQ(seen, store.version());
    EXPECT_GT(store.version(), before->version);
    EXPECT_EQ(state_of(store, group, "10.0.0.5"), TargetHealthState::healthy);
    // The old snapshot is frozen; a new one sees the health.
    const auto& old_target = before->find(k_east)->find_target_group(group)->targets.at(0);
    EXPECT_EQ(old_target.health.state, TargetHealthState::initial);
    auto after = store.snapshot();
    EXPECT_EQ(after->find(k_east)->find_target_group(group)->targets.at(0).health.state,
              TargetHealthState::healthy);
    EXPECT_EQ(store.snapshot(), after);  // nothing changed: the same snapshot
    // The same health again changes nothing.
    auto version = store.version();
    store.set_target_health(k_east, group, "10.0.0.5", 80, TargetHealthState::healthy,
                            std::nullopt);
    EXPECT_EQ(store.version(), version);
    // Unknown targets are not invented.
    EXPECT_FALSE(store.set_target_health(k_east, group, "10.0.0.6", 80, TargetHealthState::healthy,
                                         std::nullopt));
}

TEST(LoadBalancerStore, UnhealthyCarriesAReasonAndDescription) {
    LoadBalancerStore store;
    auto group = seed(store, k_east, true);
    store.register_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0);
    store.set_target_health(k_east, group, "10.0.0.5", 80, TargetHealthState::unhealthy,
                            TargetHealthReason::response_code_mismatch,
                            "Health checks failed with these codes: [404]");
    auto health = store.target_health(k_east, group)->at(0).health;
    EXPECT_EQ(health.reason, TargetHealthReason::response_code_mismatch);
    EXPECT_EQ(health.description, "Health checks failed with these codes: [404]");
}

TEST(LoadBalancerStore, DeregisteredTargetsDrainForTheDelayThenGo) {
    LoadBalancerStore store;
    auto group = seed(store, k_east, true, 30);
    store.register_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0);
    store.set_target_health(k_east, group, "10.0.0.5", 80, TargetHealthState::healthy,
                            std::nullopt);
    ASSERT_TRUE(store.deregister_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0));
    auto health = store.target_health(k_east, group)->at(0).health;
    EXPECT_EQ(health.state, TargetHealthState::draining);
    EXPECT_EQ(health.reason, TargetHealthReason::deregistration_in_progress);
    // Health checks do not override draining.
    EXPECT_FALSE(store.set_target_health(k_east, group, "10.0.0.5", 80, TargetHealthState::healthy,
                                         std::nullopt));
    EXPECT_EQ(store.expire_draining(k_t0 + seconds(29)), 0u);
    EXPECT_EQ(store.target_health(k_east, group)->size(), 1u);
    EXPECT_EQ(store.expire_draining(k_t0 + seconds(30)), 1u);
    EXPECT_TRUE(store.target_health(k_east, group)->empty());
    EXPECT_EQ(state_of(store, group, "10.0.0.5"), TargetHealthState::unused);
    auto asked = store.target_health(k_east, group, {{"10.0.0.5", {}, {}}})->at(0);
    EXPECT_EQ(asked.health.reason, TargetHealthReason::not_registered);
}

TEST(LoadBalancerStore, RegisteringADrainingTargetBringsItBack) {
    LoadBalancerStore store;
    auto group = seed(store, k_east, true);
    store.register_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0);
    store.deregister_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0);
    store.register_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0 + seconds(5));
    EXPECT_EQ(state_of(store, group, "10.0.0.5"), TargetHealthState::initial);
    EXPECT_EQ(store.expire_draining(k_t0 + seconds(400)), 0u);
}

TEST(LoadBalancerStore, DeregisteringFromAGroupNotInUseRemovesAtOnce) {
    LoadBalancerStore store;
    auto group = seed(store, k_east, false);
    store.register_targets(k_east, group, {{"10.0.0.5", {}, {}}, {"10.0.0.6", {}, {}}}, k_t0);
    store.deregister_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0);
    auto health = store.target_health(k_east, group);
    ASSERT_EQ(health->size(), 1u);
    EXPECT_EQ(health->at(0).id, "10.0.0.6");
}

TEST(LoadBalancerStore, DetachingAGroupEndsItsDraining) {
    LoadBalancerStore store;
    auto group = seed(store, k_east, true);
    store.register_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0);
    store.deregister_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0);
    store.write(k_east, k_t0, [](LoadBalancerPartition& p) {
        p.remove_load_balancer(p.load_balancers.begin()->first);
    });
    EXPECT_TRUE(store.target_health(k_east, group)->empty());
}

TEST(LoadBalancerStore, RegistrationFollowsElbsRules) {
    LoadBalancerStore store;
    auto group = seed(store, k_east, true);
    EXPECT_EQ(
        store.register_targets(k_east, group, {{"i-0123456789abcdef0", {}, {}}}, k_t0).problem,
        TargetProblem::invalid_target);
    EXPECT_EQ(store.register_targets(k_east, group, {{"10.0.0.5", 70000, {}}}, k_t0).problem,
              TargetProblem::validation);
    EXPECT_EQ(store.register_targets(k_east, "arn:nope", {{"10.0.0.5", {}, {}}}, k_t0).problem,
              TargetProblem::target_group_not_found);
    EXPECT_EQ(store.deregister_targets(k_east, group, {{"10.0.0.9", {}, {}}}, k_t0).problem,
              TargetProblem::invalid_target);
    EXPECT_TRUE(store.target_health(k_east, group)->empty());
    // Registering twice keeps one target.
    store.register_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0);
    store.register_targets(k_east, group, {{"10.0.0.5", {}, {}}}, k_t0);
    EXPECT_EQ(store.target_health(k_east, group)->size(), 1u);

    TargetGroup instances;
    instances.target_type = TargetType::instance;
    instances.port = 80;
    EXPECT_TRUE(check_registration(instances, {{"i-0123456789abcdef0", {}, {}}}));
    EXPECT_TRUE(check_registration(instances, {{"i-01234567", {}, {}}}));
    EXPECT_FALSE(check_registration(instances, {{"10.0.0.5", {}, {}}}));
    instances.port.reset();
    EXPECT_EQ(check_registration(instances, {{"i-01234567", {}, {}}}).problem,
              TargetProblem::validation);
}

TEST(LoadBalancerStore, PartitionsAreApart) {
    LoadBalancerStore store;
    auto group = seed(store, k_east, true);
    EXPECT_FALSE(store.find_target_group(k_west, group));
    EXPECT_EQ(store.register_targets(k_west, group, {{"10.0.0.5", {}, {}}}, k_t0).problem,
              TargetProblem::target_group_not_found);
    EXPECT_FALSE(store.set_target_health(k_west, group, "10.0.0.5", 80, TargetHealthState::healthy,
                                         std::nullopt));
}

TEST(LoadBalancerPartition, RulesAttachGroupsAndSortByPriority) {
    LoadBalancerStore store;
    auto group = seed(store, k_east, true);
    std::string other = store.write(k_east, k_t0, [&](LoadBalancerPartition& p) {
        TargetGroup g;
        g.name = "api";
        g.arn = target_group_arn(k_east, g.name, "ff");
        g.port = 8080;
        g.target_type = TargetType::ip;
        p.target_groups[g.arn] = g;
        const auto& listener = p.listeners.begin()->second;
        for (int priority : {20, 10}) {
            Rule r;
            r.arn = rule_arn(listener.arn, std::to_string(priority));
            r.listener_arn = listener.arn;
            r.priority = priority;
            r.conditions.push_back({ConditionField::path_pattern, {}, {"/api/*"}, {}});
            r.actions.push_back({1, ForwardAction{{{g.arn, 1}}, false, 0}});
            p.rules[r.arn] = r;
        }
        return g.arn;
    });
    store.register_targets(k_east, other, {{"10.0.0.7", {}, {}}}, k_t0);
    EXPECT_EQ(state_of(store, other, "10.0.0.7", 8080), TargetHealthState::initial);
    store.read(k_east, [&](const LoadBalancerPartition& p) {
        const auto& listener = p.listeners.begin()->second;
        auto rules = p.rules_of(listener.arn);
        ASSERT_EQ(rules.size(), 2u);
        EXPECT_EQ(rules[0]->priority, 10);
        EXPECT_EQ(p.load_balancers_of(other), p.load_balancers_of(group));
    });
    // Removing the load balancer takes its listener and rules with it.
    store.write(k_east, k_t0, [](LoadBalancerPartition& p) {
        p.remove_load_balancer(p.load_balancers.begin()->first);
        EXPECT_TRUE(p.listeners.empty());
        EXPECT_TRUE(p.rules.empty());
    });
    EXPECT_EQ(state_of(store, other, "10.0.0.7", 8080), TargetHealthState::unused);
}

TEST(LoadBalancerActions, NameTheirTypeAndTargetGroups) {
    std::vector<Action> actions{{1, FixedResponseAction{404, "text/plain", "no"}},
                                {2, ForwardAction{{{"a", 1}, {"b", 3}}, true, 60}}};
    EXPECT_EQ(action_type_name(actions[0]), "fixed-response");
    EXPECT_EQ(action_type_name(actions[1]), "forward");
    EXPECT_EQ(action_type_name({1, RedirectAction{}}), "redirect");
    EXPECT_EQ(forwarded_target_groups(actions), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace berth::model

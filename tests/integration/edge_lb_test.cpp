// The load balancers' data plane against real sockets: Beast target servers on loopback, load
// balancers, target groups, listeners and rules written into the LoadBalancerStore as the ELBv2
// API writes them, and requests through the bound listener ports.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "berth/edge/load_balancers.hpp"
#include "berth/model/load_balancers.hpp"
#include "integration/support/lb_client.hpp"
#include "integration/support/target_server.hpp"

namespace berth {
namespace {

using namespace std::chrono_literals;
using model::TargetHealthState;

class EdgeLb : public ::testing::Test {
  protected:
    void SetUp() override { start({}); }
    void TearDown() override { lbs_->stop(); }

    void start(std::map<int, unsigned short> port_map) {
        if (lbs_) lbs_->stop();
        edge::LoadBalancersOptions options;
        options.tick = 50ms;
        options.port_map = std::move(port_map);
        lbs_ = std::make_unique<edge::LoadBalancers>(store_, options);
        lbs_->start(4566);
    }

    model::TimePoint now() const { return model::Clock::now(); }

    std::string add_load_balancer(const std::string& name, model::LoadBalancerType type,
                                  std::map<std::string, std::string> attributes = {}) {
        model::ElbLoadBalancer lb;
        lb.name = name;
        lb.type = type;
        auto id = model::new_elb_id();
        lb.arn = model::load_balancer_arn(key_, type, name, id);
        lb.dns_name = model::load_balancer_dns_name(name, id, key_.region);
        lb.state = model::LoadBalancerState::active;
        lb.created = now();
        lb.attributes = std::move(attributes);
        store_.write(key_, now(), [&](auto& p) { p.load_balancers[lb.arn] = lb; });
        return lb.arn;
    }

    std::string add_group(const std::string& name, model::ElbProtocol protocol,
                          int deregistration_delay = 300) {
        model::TargetGroup g;
        g.name = name;
        g.arn = model::target_group_arn(key_, name, model::new_elb_id());
        g.protocol = protocol;
        g.port = 80;
        g.target_type = model::TargetType::ip;
        g.health_check = model::default_health_check(protocol, protocol);
        if (protocol == model::ElbProtocol::http) g.health_check.path = "/health";
        g.health_check.interval_seconds = 1;
        g.health_check.timeout_seconds = 1;
        g.health_check.healthy_threshold = 2;
        g.health_check.unhealthy_threshold = 2;
        g.attributes.deregistration_delay_seconds = deregistration_delay;
        g.created = now();
        store_.write(key_, now(), [&](auto& p) { p.target_groups[g.arn] = g; });
        return g.arn;
    }

    static model::Action forward_to(const std::string& group) {
        model::ForwardAction f;
        f.target_groups.push_back({group, 1});
        return {1, f};
    }
    static model::Action fixed(int status, const std::string& body) {
        model::FixedResponseAction f;
        f.status_code = status;
        f.content_type = "text/plain";
        f.body = body;
        return {1, f};
    }

    std::string add_listener(const std::string& lb, int port, model::ElbProtocol protocol,
                             model::Action action) {
        model::Listener l;
        l.load_balancer_arn = lb;
        l.arn = model::listener_arn(lb, model::new_elb_id());
        l.port = port;
        l.protocol = protocol;
        l.default_actions.push_back(std::move(action));
        store_.write(key_, now(), [&](auto& p) { p.listeners[l.arn] = l; });
        return l.arn;
    }

    void add_rule(const std::string& listener, int priority, model::RuleCondition condition,
                  model::Action action) {
        model::Rule r;
        r.listener_arn = listener;
        r.arn = model::rule_arn(listener, model::new_elb_id());
        r.priority = priority;
        r.conditions.push_back(std::move(condition));
        r.actions.push_back(std::move(action));
        store_.write(key_, now(), [&](auto& p) { p.rules[r.arn] = r; });
    }

    void register_target(const std::string& group, unsigned short port) {
        auto check = store_.register_targets(key_, group, {{"127.0.0.1", port, ""}}, now());
        ASSERT_TRUE(check) << check.message;
    }

    // Registers the targets and waits until each has passed its first check.
    void register_healthy(const std::string& group,
                          std::initializer_list<const test::TargetServer*> targets) {
        for (const auto* t : targets) register_target(group, t->port());
        for (const auto* t : targets) {
            ASSERT_TRUE(wait_for(group, t->port(), TargetHealthState::healthy)) << t->name();
        }
    }

    model::TargetHealth health(const std::string& group, unsigned short port) {
        auto entries = store_.target_health(key_, group, {{"127.0.0.1", port, ""}});
        if (!entries || entries->empty()) return {};
        return entries->front().health;
    }

    // Waits until the target's state is `state`; false after `wait`.
    bool wait_for(const std::string& group, unsigned short port, TargetHealthState state,
                  std::chrono::milliseconds wait = 8000ms) {
        auto until = std::chrono::steady_clock::now() + wait;
        while (std::chrono::steady_clock::now() < until) {
            if (health(group, port).state == state) return true;
            std::this_thread::sleep_for(50ms);
        }
        return false;
    }

    // A load balancer with one HTTP listener forwarding to one group, returned as (group,
    // listener port).
    std::pair<std::string, unsigned short> simple_alb(
        std::map<std::string, std::string> attributes = {}) {
        auto lb =
            add_load_balancer("web", model::LoadBalancerType::application, std::move(attributes));
        auto group = add_group("web-targets", model::ElbProtocol::http);
        auto port = test::free_port();
        listener_ = add_listener(lb, port, model::ElbProtocol::http, forward_to(group));
        return {group, port};
    }

    model::PartitionKey key_{"000000000000", "us-east-1"};
    model::LoadBalancerStore store_;
    std::unique_ptr<edge::LoadBalancers> lbs_;
    std::string listener_;
};

TEST_F(EdgeLb, ForwardsRoundRobinToHealthyTargetsWithAlbHeaders) {
    test::TargetServer a("a"), b("b");
    auto [group, port] = simple_alb();
    ASSERT_NO_FATAL_FAILURE(register_healthy(group, {&a, &b}));

    std::multiset<std::string> answers;
    for (int i = 0; i < 6; ++i) {
        auto reply = test::http_get(port, "/hello?x=1", {{"X-Forwarded-For", "10.9.8.7"}});
        ASSERT_EQ(reply.status, 200);
        answers.insert(reply.body);
    }
    EXPECT_EQ(answers.count("a"), 3u);
    EXPECT_EQ(answers.count("b"), 3u);

    auto seen = a.requests().front();
    EXPECT_EQ(seen.target, "/hello?x=1");
    EXPECT_EQ(seen.headers["x-forwarded-for"], "10.9.8.7, 127.0.0.1");
    EXPECT_EQ(seen.headers["x-forwarded-proto"], "http");
    EXPECT_EQ(seen.headers["x-forwarded-port"], std::to_string(port));
    EXPECT_TRUE(seen.headers["x-amzn-trace-id"].starts_with("Root=1-"));
    EXPECT_EQ(seen.headers["host"], "127.0.0.1:" + std::to_string(port));
}

TEST_F(EdgeLb, KeepsConnectionsToTargetsAlive) {
    test::TargetServer a("a");
    auto [group, port] = simple_alb();
    register_target(group, a.port());
    ASSERT_TRUE(wait_for(group, a.port(), TargetHealthState::healthy));
    int before = a.connections();
    for (int i = 0; i < 10; ++i) ASSERT_EQ(test::http_get(port, "/").status, 200);
    // Ten client connections, one (or very few) to the target: health checks aside.
    EXPECT_LE(a.connections() - before, 3);
}

TEST_F(EdgeLb, RulesByPriorityWithEachCondition) {
    test::TargetServer api("api");
    auto lb = add_load_balancer("rules", model::LoadBalancerType::application);
    auto group = add_group("api", model::ElbProtocol::http);
    auto port = test::free_port();
    auto listener = add_listener(lb, port, model::ElbProtocol::http, fixed(404, "no route"));
    model::RuleCondition path{model::ConditionField::path_pattern, "", {"/api/*"}, {}};
    add_rule(listener, 10, path, forward_to(group));
    model::RuleCondition header{model::ConditionField::http_header, "X-Canary", {"y?s"}, {}};
    add_rule(listener, 5, header, fixed(200, "canary"));
    model::RuleCondition query{model::ConditionField::query_string, "", {}, {{"v", "2"}}};
    add_rule(listener, 6, query, fixed(200, "v2"));
    model::RuleCondition method{model::ConditionField::http_request_method, "", {"DELETE"}, {}};
    add_rule(listener, 7, method, fixed(405, "no deletes"));
    model::RuleCondition source{model::ConditionField::source_ip, "", {"10.0.0.0/8"}, {}};
    add_rule(listener, 8, source, fixed(200, "internal"));
    model::RuleCondition host{model::ConditionField::host_header, "", {"old.*"}, {}};
    model::RedirectAction redirect;
    redirect.protocol = "HTTPS";
    redirect.host = "new.example.com";
    redirect.port = "443";
    redirect.status = model::RedirectStatus::http_302;
    add_rule(listener, 9, host, {1, redirect});
    register_target(group, api.port());
    ASSERT_TRUE(wait_for(group, api.port(), TargetHealthState::healthy));

    EXPECT_EQ(test::http_get(port, "/api/users").body, "api");
    auto miss = test::http_get(port, "/other");
    EXPECT_EQ(miss.status, 404);
    EXPECT_EQ(miss.body, "no route");
    EXPECT_EQ(miss.headers["content-type"], "text/plain");
    EXPECT_EQ(miss.headers["server"], "awselb/2.0");
    // Priority 5 beats 10 for a request both match.
    EXPECT_EQ(test::http_get(port, "/api/x", {{"x-canary", "YES"}}).body, "canary");
    EXPECT_EQ(test::http_get(port, "/q?a=1&v=2").body, "v2");
    EXPECT_EQ(test::http_request(port, "DELETE", "/api/x").status, 405);
    EXPECT_EQ(test::http_get(port, "/x").body, "no route");  // 127.0.0.1 is not in 10/8
    auto moved = test::http_get(port, "/old/page?a=b", {{"Host", "old.example.com"}});
    EXPECT_EQ(moved.status, 302);
    EXPECT_EQ(moved.headers["location"], "https://new.example.com:443/old/page?a=b");
}

TEST_F(EdgeLb, NoRegisteredTargetIs503) {
    auto [group, port] = simple_alb();
    auto reply = test::http_get(port, "/");
    EXPECT_EQ(reply.status, 503);
    EXPECT_NE(reply.body.find("503 Service Temporarily Unavailable"), std::string::npos);
    EXPECT_EQ(reply.headers["server"], "awselb/2.0");
}

TEST_F(EdgeLb, DeadTargetIs502AndFailsItsChecks) {
    unsigned short dead = test::free_port();
    auto [group, port] = simple_alb();
    register_target(group, dead);
    ASSERT_TRUE(wait_for(group, dead, TargetHealthState::unhealthy));
    EXPECT_EQ(health(group, dead).reason, model::TargetHealthReason::failed_health_checks);
    // Fails open: the only target is unhealthy, so it still gets the request, and it is dead.
    auto reply = test::http_get(port, "/");
    EXPECT_EQ(reply.status, 502);
    EXPECT_NE(reply.body.find("502 Bad Gateway"), std::string::npos);
}

TEST_F(EdgeLb, TargetClosingWithoutAnswerIs502) {
    test::TargetServer a("a");
    auto [group, port] = simple_alb();
    register_target(group, a.port());
    ASSERT_TRUE(wait_for(group, a.port(), TargetHealthState::healthy));
    a.reset = true;
    EXPECT_EQ(test::http_get(port, "/").status, 502);
}

TEST_F(EdgeLb, SlowTargetIs504AfterTheIdleTimeout) {
    test::TargetServer a("a");
    auto [group, port] = simple_alb({{"idle_timeout.timeout_seconds", "1"}});
    register_target(group, a.port());
    ASSERT_TRUE(wait_for(group, a.port(), TargetHealthState::healthy));
    a.delay_ms = 2500;
    auto reply = test::http_get(port, "/");
    EXPECT_EQ(reply.status, 504);
    EXPECT_NE(reply.body.find("504 Gateway Time-out"), std::string::npos);
}

TEST_F(EdgeLb, FailsOverWhenATargetFailsItsChecksAndFailsOpenWhenAllDo) {
    test::TargetServer a("a"), b("b");
    auto [group, port] = simple_alb();
    ASSERT_NO_FATAL_FAILURE(register_healthy(group, {&a, &b}));

    a.health_status = 500;
    ASSERT_TRUE(wait_for(group, a.port(), TargetHealthState::unhealthy));
    auto h = health(group, a.port());
    EXPECT_EQ(h.reason, model::TargetHealthReason::response_code_mismatch);
    EXPECT_EQ(h.description, "Health checks failed with these codes: [500]");
    for (int i = 0; i < 4; ++i) EXPECT_EQ(test::http_get(port, "/").body, "b");

    b.health_status = 500;
    ASSERT_TRUE(wait_for(group, b.port(), TargetHealthState::unhealthy));
    std::set<std::string> answers;
    for (int i = 0; i < 4; ++i) answers.insert(test::http_get(port, "/").body);
    EXPECT_EQ(answers, (std::set<std::string>{"a", "b"}));

    a.health_status = 200;  // two passes (the healthy threshold) bring it back
    ASSERT_TRUE(wait_for(group, a.port(), TargetHealthState::healthy));
    for (int i = 0; i < 4; ++i) EXPECT_EQ(test::http_get(port, "/").body, "a");
}

TEST_F(EdgeLb, DrainingTargetsGetNoNewRequestsAndGoAfterTheDelay) {
    test::TargetServer a("a"), b("b");
    auto lb = add_load_balancer("drain", model::LoadBalancerType::application);
    auto group = add_group("drain", model::ElbProtocol::http, 2);
    auto port = test::free_port();
    add_listener(lb, port, model::ElbProtocol::http, forward_to(group));
    ASSERT_NO_FATAL_FAILURE(register_healthy(group, {&a, &b}));

    auto check = store_.deregister_targets(key_, group, {{"127.0.0.1", a.port(), ""}}, now());
    ASSERT_TRUE(check) << check.message;
    EXPECT_EQ(health(group, a.port()).state, TargetHealthState::draining);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(test::http_get(port, "/").body, "b");
    // Gone once the two seconds are over: DescribeTargetHealth says it is not registered.
    auto until = std::chrono::steady_clock::now() + 5s;
    while (health(group, a.port()).state == TargetHealthState::draining &&
           std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(100ms);
    }
    EXPECT_EQ(health(group, a.port()).reason, model::TargetHealthReason::not_registered);
}

TEST_F(EdgeLb, WeightsSplitTrafficAcrossGroups) {
    test::TargetServer blue("blue"), green("green");
    auto lb = add_load_balancer("weights", model::LoadBalancerType::application);
    auto g1 = add_group("blue", model::ElbProtocol::http);
    auto g2 = add_group("green", model::ElbProtocol::http);
    model::ForwardAction f;
    f.target_groups = {{g1, 0}, {g2, 5}};
    auto port = test::free_port();
    add_listener(lb, port, model::ElbProtocol::http, {1, f});
    register_target(g1, blue.port());
    register_target(g2, green.port());
    ASSERT_TRUE(wait_for(g2, green.port(), TargetHealthState::healthy));
    for (int i = 0; i < 5; ++i) EXPECT_EQ(test::http_get(port, "/").body, "green");
}

TEST_F(EdgeLb, NetworkLoadBalancerForwardsTcp) {
    test::TargetServer a("a");
    auto lb = add_load_balancer("tcp", model::LoadBalancerType::network);
    auto group = add_group("tcp", model::ElbProtocol::tcp);
    auto port = test::free_port();
    add_listener(lb, port, model::ElbProtocol::tcp, forward_to(group));
    register_target(group, a.port());
    ASSERT_TRUE(wait_for(group, a.port(), TargetHealthState::healthy));
    auto out =
        test::tcp_exchange(port, "GET /raw HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(out.starts_with("HTTP/1.1 200")) << out;
    EXPECT_TRUE(out.ends_with("a")) << out;
    EXPECT_EQ(a.requests().back().headers.count("x-forwarded-for"), 0u);  // bytes, untouched
}

TEST_F(EdgeLb, FollowsListenersAndMapsPorts) {
    test::TargetServer a("a");
    auto bound = test::free_port();
    start({{80, bound}});
    EXPECT_EQ(lbs_->bound_port(80), bound);
    auto lb = add_load_balancer("mapped", model::LoadBalancerType::application);
    auto listener = add_listener(lb, 80, model::ElbProtocol::http, fixed(200, "on 80"));
    EXPECT_EQ(test::http_get(bound, "/").body, "on 80");
    store_.write(key_, now(), [&](auto& p) { p.remove_listener(listener); });
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(test::http_get(bound, "/").status, 0);  // closed
}

TEST_F(EdgeLb, MainPortRoutesByHostHeader) {
    auto lb = add_load_balancer("byhost", model::LoadBalancerType::application);
    add_listener(lb, test::free_port(), model::ElbProtocol::http, fixed(200, "by host"));
    std::string dns;
    store_.read(key_, [&](const auto& p) { dns = p.find_load_balancer(lb)->dns_name; });
    http::Request request;
    request.method = "GET";
    request.target = "/";
    request.headers["host"] = dns + ":4566";
    ASSERT_TRUE(lbs_->serves(request));
    auto response = lbs_->handle(std::move(request));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "by host");
    http::Request other;
    other.headers["host"] = "localhost:4566";
    EXPECT_FALSE(lbs_->serves(other));
}

}  // namespace
}  // namespace berth

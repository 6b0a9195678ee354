// A listener's rules over the store's typed conditions, and the targets and groups a request
// may go to.
#include <gtest/gtest.h>

#include <boost/beast/http/fields.hpp>

#include "edge/lb/conditions.hpp"
#include "edge/lb/targets.hpp"

namespace berth::edge::lb {
namespace {

using model::ConditionField;
using model::RuleCondition;

struct Request {
    std::string method = "GET";
    RequestUrl url;
    boost::beast::http::fields headers;
    std::string client = "127.0.0.1";
    RequestFacts facts() const { return {method, url, headers, client}; }
};

Request request(const std::string& host, const std::string& target) {
    Request r;
    r.url = split_url(host, target, 80);
    r.headers.set(boost::beast::http::field::host, host);
    return r;
}

model::Rule rule(int priority, std::vector<RuleCondition> conditions, int status) {
    model::Rule r;
    r.priority = priority;
    r.conditions = std::move(conditions);
    model::FixedResponseAction f;
    f.status_code = status;
    r.actions.push_back({1, f});
    return r;
}

TEST(LbRules, EachConditionField) {
    auto r = request("API.example.com:8080", "/v1/items?Color=Blue&size=10");
    r.headers.set("User-Agent", "curl/8.1");
    const std::pair<RuleCondition, bool> cases[] = {
        {{ConditionField::host_header, "", {"api.*"}, {}}, true},
        {{ConditionField::host_header, "", {"www.example.com"}, {}}, false},
        {{ConditionField::path_pattern, "", {"/v1/*"}, {}}, true},
        {{ConditionField::path_pattern, "", {"/V1/*"}, {}}, false},             // case-sensitive
        {{ConditionField::path_pattern, "", {"/v1/items?Color*"}, {}}, false},  // no query
        {{ConditionField::http_header, "user-agent", {"CURL/*"}, {}}, true},
        {{ConditionField::http_header, "x-missing", {"*"}, {}}, false},
        {{ConditionField::http_request_method, "", {"GET", "HEAD"}, {}}, true},
        {{ConditionField::http_request_method, "", {"get"}, {}}, false},
        {{ConditionField::query_string, "", {}, {{"color", "blue"}}}, true},
        {{ConditionField::query_string, "", {}, {{std::nullopt, "1?"}}}, true},
        {{ConditionField::query_string, "", {}, {{"size", "2*"}}}, false},
        {{ConditionField::source_ip, "", {"127.0.0.0/8"}, {}}, true},
        {{ConditionField::source_ip, "", {"10.0.0.0/8", "192.168.0.0/16"}, {}}, false},
    };
    for (const auto& [condition, expected] : cases) {
        EXPECT_EQ(condition_matches(condition, r.facts()), expected)
            << model::to_string(condition.field) << " " << condition.values.size();
    }
}

TEST(LbRules, AllConditionsMustMatchAndTheFirstRuleByPriorityWins) {
    auto r = request("example.com", "/api/x");
    auto both = rule(5,
                     {{ConditionField::path_pattern, "", {"/api/*"}, {}},
                      {ConditionField::http_request_method, "", {"POST"}, {}}},
                     201);
    auto path = rule(10, {{ConditionField::path_pattern, "", {"/api/*"}, {}}}, 202);
    auto any = rule(20, {{ConditionField::host_header, "", {"*"}, {}}}, 203);
    std::vector<model::Action> defaults{{1, model::FixedResponseAction{404, "", {}}}};
    std::vector<const model::Rule*> rules{&both, &path, &any};
    auto status = [&](const Request& req) {
        return std::get<model::FixedResponseAction>(
                   actions_for(rules, defaults, req.facts()).front().detail)
            .status_code;
    };
    EXPECT_EQ(status(r), 202);
    r.method = "POST";
    EXPECT_EQ(status(r), 201);
    std::vector<const model::Rule*> none;
    EXPECT_EQ(
        std::get<model::FixedResponseAction>(actions_for(none, defaults, r.facts()).front().detail)
            .status_code,
        404);
}

model::Target target(const std::string& ip, model::TargetHealthState state) {
    model::Target t;
    t.id = ip;
    t.port = 80;
    t.health.state = state;
    return t;
}

TEST(LbTargets, HealthyOnlyElseFailOpenNeverDraining) {
    using S = model::TargetHealthState;
    model::TargetGroup g;
    g.targets = {target("10.0.0.1", S::healthy), target("10.0.0.2", S::unhealthy),
                 target("10.0.0.3", S::draining)};
    auto routable = routable_targets(g);
    ASSERT_EQ(routable.size(), 1u);
    EXPECT_EQ(routable[0]->id, "10.0.0.1");
    g.targets[0].health.state = S::unhealthy;
    routable = routable_targets(g);
    ASSERT_EQ(routable.size(), 2u);  // fails open, but not to the draining one
    g.targets = {target("10.0.0.3", S::draining)};
    EXPECT_TRUE(routable_targets(g).empty());
}

TEST(LbTargets, GroupStickinessCookieWinsOverWeights) {
    model::ForwardAction f;
    f.target_groups = {{"arn:blue", 1}, {"arn:green", 1}};
    f.stickiness_enabled = true;
    auto choice = choose_group(f, sticky_token("arn:green"), 0);
    ASSERT_TRUE(choice);
    EXPECT_EQ(choice->index, 1u);
    EXPECT_TRUE(choice->from_cookie);
    EXPECT_EQ(choose_group(f, "unknown", 0)->index, 0u);
    f.target_groups[1].weight = 0;  // a group taking no traffic no longer holds its clients
    EXPECT_EQ(choose_group(f, sticky_token("arn:green"), 1)->index, 0u);
    f.target_groups[0].weight = 0;
    EXPECT_FALSE(choose_group(f, "", 0));
}

TEST(LbTargets, CookieValueAmongCookieHeaders) {
    boost::beast::http::fields headers;
    headers.insert(boost::beast::http::field::cookie, "a=1; AWSALBTG=xyz; b=2");
    EXPECT_EQ(cookie_value(headers, "AWSALBTG"), "xyz");
    EXPECT_EQ(cookie_value(headers, "b"), "2");
    EXPECT_EQ(cookie_value(headers, "AWSALB"), "");
}

}  // namespace
}  // namespace berth::edge::lb

// The cluster query language of memberOf constraints.
#include "berth/model/query.hpp"

#include <gtest/gtest.h>

#include <map>

namespace berth::model {
namespace {

using Facts = std::map<std::string, std::vector<std::string>>;

bool eval(const std::string& text, const Facts& facts) {
    auto parsed = parse_query(text);
    EXPECT_TRUE(parsed.query) << text << ": " << parsed.error;
    if (!parsed.query) return false;
    return parsed.query->matches([&](std::string_view subject) {
        auto it = facts.find(std::string(subject));
        return it == facts.end() ? std::vector<std::string>{} : it->second;
    });
}

const Facts k_instance = {
    {"attribute:ecs.instance-type", {"t2.micro"}},
    {"attribute:ecs.availability-zone", {"us-east-1a"}},
    {"attribute:ecs.os-type", {"linux"}},
    {"attribute:stack", {"prod"}},
    {"agentVersion", {"1.70.2"}},
    {"registeredAt", {"2024-03-01T10:00:00Z"}},
    {"runningTasksCount", {"7"}},
    {"task:group", {"service:web", "family:batch"}},
};

struct Case {
    std::string expression;
    bool matches;
};

TEST(Query, EvaluatesEcsExpressions) {
    const std::vector<Case> cases = {
        {"attribute:ecs.instance-type == t2.micro", true},
        {"attribute:ecs.instance-type equals t2.small", false},
        {"attribute:ecs.instance-type != t2.small", true},
        {"attribute:ecs.instance-type not_equals t2.micro", false},
        {"attribute:ecs.instance-type =~ t2.*", true},
        {"attribute:ecs.instance-type matches m5.*", false},
        {"attribute:ecs.instance-type !~ m5.*", true},
        {"attribute:ecs.instance-type =~ (t2|m5)\\.(micro|large)", true},
        {"attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", true},
        {"attribute:ecs.availability-zone in ['us-east-1c', \"us-east-1d\"]", false},
        {"attribute:ecs.availability-zone !in [us-east-1c]", true},
        {"attribute:ecs.availability-zone not_in [us-east-1a]", false},
        {"attribute:stack exists", true},
        {"attribute:missing exists", false},
        {"attribute:missing !exists", true},
        {"attribute:stack not_exists", false},
        {"attribute:missing == x", false},
        {"attribute:missing != x", true},
        {"runningTasksCount > 5", true},
        {"runningTasksCount greater_than 10", false},
        {"runningTasksCount <= 7", true},
        {"agentVersion >= 1.9.0", true},  // versions compare part by part, not as text
        {"agentVersion less_than 1.70.10", true},
        {"registeredAt > 2024-01-01", true},
        {"registeredAt < 2023-12-31", false},
        {"task:group == service:web", true},
        {"task:group != service:web", false},  // any task of the group counts
        {"task:group == service:db", false},
        {"attribute:ecs.os-type == linux and attribute:stack == prod", true},
        {"attribute:ecs.os-type == linux && attribute:stack == dev", false},
        {"attribute:stack == dev or attribute:ecs.os-type == linux", true},
        {"attribute:stack == dev || attribute:stack == qa", false},
        {"not(task:group == service:db)", true},
        {"!(attribute:ecs.os-type == linux)", false},
        {"not attribute:stack exists", false},
        {"(attribute:stack == dev or attribute:stack == prod) and attribute:ecs.os-type == linux",
         true},
        {"attribute:stack == dev or attribute:stack == prod and attribute:ecs.os-type == windows",
         false},  // and binds tighter than or
        {"attribute:stack == dev or (attribute:stack == prod and attribute:ecs.os-type == linux)",
         true},
    };
    for (const auto& c : cases)
        EXPECT_EQ(eval(c.expression, k_instance), c.matches) << c.expression;
}

TEST(Query, RejectsMalformedExpressions) {
    for (const char* bad :
         {"", "attribute:x", "attribute:x ==", "attribute:x in a, b", "attribute:x in [a",
          "(attribute:x == a", "attribute:x == a)", "attribute:x =~ (", "== a", "attribute:x ~~ a",
          "attribute:x == 'unterminated"}) {
        auto parsed = parse_query(bad);
        EXPECT_FALSE(parsed.query) << bad;
        EXPECT_FALSE(parsed.error.empty()) << bad;
    }
}

}  // namespace
}  // namespace berth::model

#include "api/logs/filter_pattern.hpp"

#include <gtest/gtest.h>

#include "api/logs/filter_json.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::logs {
namespace {

struct Case {
    const char* pattern;
    const char* message;
    bool matches;
};

const Case k_cases[] = {
    {"", "anything", true},
    {"   ", "anything", true},
    {"ERROR", "an ERROR here", true},
    {"ERROR", "an error here", false},  // case-sensitive
    {"ERROR timeout", "ERROR: db timeout", true},
    {"ERROR timeout", "ERROR: db refused", false},
    {"\"db timeout\"", "ERROR: db timeout", true},
    {"\"db timeout\"", "timeout db", false},
    {"ERROR -retry", "ERROR final", true},
    {"ERROR -retry", "ERROR will retry", false},
    {"?ERROR ?WARN", "WARN low disk", true},
    {"?ERROR ?WARN", "INFO ok", false},
    {"disk ?ERROR ?WARN", "WARN low disk", true},
    {"disk ?ERROR ?WARN", "WARN low memory", false},
    {"-\"no such\"", "file: no such file", false},
    {"{ $.level = \"error\" }", R"({"level":"error"})", true},
    {"{ $.level = \"error\" }", R"({"level":"info"})", false},
    {"{ $.level = error }", R"({"level":"error"})", true},
    {"{ $.level = err* }", R"({"level":"error"})", true},
    {"{ $.level != \"error\" }", R"({"level":"info"})", true},
    {"{ $.level != \"error\" }", R"({"other":1})", false},  // nothing to compare
    {"{ $.status = 200 }", R"({"status":200})", true},
    {"{ $.status = 200 }", R"({"status":"200"})", false},
    {"{ $.latency > 1.5 }", R"({"latency":2})", true},
    {"{ $.latency > 1.5 }", R"({"latency":1.5})", false},
    {"{ $.latency >= 1.5 }", R"({"latency":1.5})", true},
    {"{ $.latency < 10 }", R"({"latency":"fast"})", false},
    {"{ $.latency <= 10 }", R"({"latency":10})", true},
    {"{ $.a.b[1] = 7 }", R"({"a":{"b":[6,7]}})", true},
    {"{ $.a.b[2] = 7 }", R"({"a":{"b":[6,7]}})", false},
    {"{ $.ok IS TRUE }", R"({"ok":true})", true},
    {"{ $.ok IS FALSE }", R"({"ok":true})", false},
    {"{ $.gone IS NULL }", R"({"gone":null})", true},
    {"{ $.gone NOT EXISTS }", R"({"x":1})", true},
    {"{ $.gone NOT EXISTS }", R"({"gone":1})", false},
    {"{ $.a = 1 && $.b = 2 }", R"({"a":1,"b":2})", true},
    {"{ $.a = 1 && $.b = 2 }", R"({"a":1,"b":3})", false},
    {"{ $.a = 1 || $.b = 2 }", R"({"a":0,"b":2})", true},
    {"{ ($.a = 1 || $.a = 2) && $.b = 3 }", R"({"a":2,"b":3})", true},
    {"{ ($.a = 1 || $.a = 2) && $.b = 3 }", R"({"a":3,"b":3})", false},
    {"{ $.level = \"error\" }", "not json at all", false},
    // Escaped text is parsed, not looked for verbatim.
    {"{ $.level = \"error\" }", R"({"level":"err\u006fr"})", true},
    {"{ $.level = \"error\" && $.n = 1 }", R"({"n":1,"level":"warn"})", false},
    {"{ $.level = \"error\" }", "[1,2]", false},
};

TEST(FilterPattern, MatchesAsTheTableSays) {
    for (const auto& c : k_cases) {
        EXPECT_EQ(FilterPattern::parse(c.pattern).matches(c.message), c.matches)
            << "pattern " << c.pattern << " on " << c.message;
    }
}

TEST(FilterPattern, RefusesWhatDoesNotParse) {
    for (const char* bad : {"\"unterminated", "-", "?", "{ $.a = 1", "{ a = 1 }", "{ $. = 1 }",
                            "{ $.a }", "{ $.a = }", "{ $.a > \"x\" }", "{ $.a IS MAYBE }",
                            "{ $.a = 1 } trailing", "{ $.a[x] = 1 }", "[ip, user]", "%ERR.*%"}) {
        EXPECT_THROW(FilterPattern::parse(bad), protocol::AwsError) << bad;
    }
}

TEST(FilterPattern, LiteralsAJsonPatternRequires) {
    auto literals = [](const char* pattern) {
        return required_literals(*parse_json_pattern(pattern));
    };
    EXPECT_EQ(literals("{ $.a = \"x y\" && $.b = z && $.c = 1 }"),
              (std::vector<std::string>{"x y", "z"}));
    EXPECT_TRUE(literals("{ $.a = \"x\" || $.b = \"y\" }").empty());  // either will do
    EXPECT_TRUE(literals("{ $.a = x* }").empty());
    EXPECT_TRUE(literals("{ $.a != \"x\" }").empty());
    EXPECT_TRUE(literals("{ $.a = \"a/b\" }").empty());  // JSON may write / as \/
}

TEST(FilterPattern, GlobStars) {
    EXPECT_TRUE(glob_match("*", ""));
    EXPECT_TRUE(glob_match("a*c", "abbbc"));
    EXPECT_TRUE(glob_match("*b*", "abc"));
    EXPECT_FALSE(glob_match("a*c", "abcd"));
    EXPECT_FALSE(glob_match("abc", "ab"));
}

}  // namespace
}  // namespace berth::api::logs

// The pure pieces ALB rules are made of: wildcards, URLs and queries, source addresses.
#include <gtest/gtest.h>

#include "edge/lb/request_url.hpp"
#include "edge/lb/source_ip.hpp"
#include "edge/lb/wildcard.hpp"

namespace berth::edge::lb {
namespace {

struct WildcardCase {
    const char* pattern;
    const char* text;
    Case mode;
    bool matches;
};

TEST(LbWildcard, MatchesAsAlbDoes) {
    const WildcardCase cases[] = {
        {"/api/*", "/api/users", Case::sensitive, true},
        {"/api/*", "/api/", Case::sensitive, true},
        {"/api/*", "/api", Case::sensitive, false},
        {"/API/*", "/api/x", Case::sensitive, false},
        {"*.example.com", "www.Example.COM", Case::insensitive, true},
        {"*.example.com", "example.com", Case::insensitive, false},
        {"img?.png", "img1.png", Case::sensitive, true},
        {"img?.png", "img.png", Case::sensitive, false},
        {"img?.png", "img12.png", Case::sensitive, false},
        {"*a*b*c*", "xxaxxbxxcxx", Case::sensitive, true},
        {"*a*b*c*", "xxaxxcxxbxx", Case::sensitive, false},
        {"*", "", Case::sensitive, true},
        {"", "", Case::sensitive, true},
        {"", "x", Case::sensitive, false},
        {"exact", "exact", Case::sensitive, true},
        {"exact", "exactly", Case::sensitive, false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(wildcard_match(c.pattern, c.text, c.mode), c.matches)
            << c.pattern << " vs " << c.text;
    }
}

TEST(LbWildcard, StaysLinearOnPathologicalPatterns) {
    std::string text(5000, 'a');
    EXPECT_FALSE(wildcard_match("*a*a*a*a*a*a*a*a*b", text, Case::sensitive));
}

TEST(LbRequestUrl, SplitsHostPortPathAndQuery) {
    auto url = split_url("Example.com:8080", "/a/b?x=1&y", 8080);
    EXPECT_EQ(url.host, "Example.com");
    EXPECT_EQ(url.port, 8080);
    EXPECT_EQ(url.path, "/a/b");
    EXPECT_EQ(url.query, "x=1&y");
    EXPECT_EQ(host_without_port("[::1]:80"), "[::1]");
    EXPECT_EQ(host_without_port("plain"), "plain");
    EXPECT_EQ(split_url("h", "/", 80).query, "");
}

TEST(LbRequestUrl, DecodesQueryPairs) {
    auto pairs = query_pairs("a=1&b=hello%20world&c&&d=x+y&e=%zz");
    ASSERT_EQ(pairs.size(), 5u);
    EXPECT_EQ(pairs[0], (std::pair<std::string, std::string>{"a", "1"}));
    EXPECT_EQ(pairs[1].second, "hello world");
    EXPECT_EQ(pairs[2], (std::pair<std::string, std::string>{"c", ""}));
    EXPECT_EQ(pairs[3].second, "x y");
    EXPECT_EQ(pairs[4].second, "%zz");
}

TEST(LbSourceIp, ContainsByPrefix) {
    EXPECT_TRUE(cidr_contains("10.0.0.0/8", "10.1.2.3"));
    EXPECT_FALSE(cidr_contains("10.0.0.0/8", "11.1.2.3"));
    EXPECT_TRUE(cidr_contains("127.0.0.1/32", "127.0.0.1"));
    EXPECT_TRUE(cidr_contains("127.0.0.1/32", "::ffff:127.0.0.1"));
    EXPECT_TRUE(cidr_contains("::1/128", "::1"));
    EXPECT_TRUE(cidr_contains("2001:db8::/32", "2001:db8::5"));
    EXPECT_FALSE(cidr_contains("10.0.0.0/8", "::1"));
    EXPECT_FALSE(cidr_contains("banana", "10.0.0.1"));
    EXPECT_FALSE(cidr_contains("10.0.0.0/8", "not-an-ip"));
}

}  // namespace
}  // namespace berth::edge::lb

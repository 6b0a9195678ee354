// The pure pieces of ALB's answers: weights, matchers, redirects, forwarded headers, pages.
#include <gtest/gtest.h>

#include <array>
#include <map>

#include "edge/lb/alb_pages.hpp"
#include "edge/lb/codes_matcher.hpp"
#include "edge/lb/forwarded.hpp"
#include "edge/lb/redirect.hpp"
#include "edge/lb/weighted.hpp"

namespace berth::edge::lb {
namespace {

TEST(LbWeighted, SharesFollowWeights) {
    std::array<int, 3> weights{1, 0, 3};
    std::map<std::size_t, int> hits;
    for (std::uint64_t draw = 0; draw < 400; ++draw) ++hits[*weighted_pick(weights, draw)];
    EXPECT_EQ(hits[0], 100);
    EXPECT_EQ(hits.count(1), 0u);
    EXPECT_EQ(hits[2], 300);
}

TEST(LbWeighted, AllZeroPicksNothing) {
    std::array<int, 2> weights{0, 0};
    EXPECT_FALSE(weighted_pick(weights, 7));
    EXPECT_FALSE(weighted_pick({}, 0));
}

TEST(LbCodes, ListsAndRanges) {
    EXPECT_TRUE(http_code_accepted("200", 200));
    EXPECT_FALSE(http_code_accepted("200", 204));
    EXPECT_TRUE(http_code_accepted("200,204", 204));
    EXPECT_TRUE(http_code_accepted("200-299", 250));
    EXPECT_FALSE(http_code_accepted("200-299", 301));
    EXPECT_TRUE(http_code_accepted("200-299,404", 404));
    EXPECT_FALSE(http_code_accepted("", 200));
    EXPECT_FALSE(http_code_accepted("abc", 200));
}

TEST(LbRedirect, DefaultsKeepTheRequest) {
    RequestUrl url{"http", "example.com", 8080, "/a/b", "x=1"};
    EXPECT_EQ(redirect_location({}, url), "http://example.com:8080/a/b?x=1");
    url.query.clear();
    EXPECT_EQ(redirect_location({}, url), "http://example.com:8080/a/b");
}

TEST(LbRedirect, PlaceholdersInEachPart) {
    RequestUrl url{"http", "example.com", 80, "/old/page", "q=2"};
    RedirectParts parts;
    parts.protocol = "HTTPS";
    parts.port = "443";
    parts.host = "new.#{host}";
    parts.path = "/new/#{path}";
    parts.query = "from=#{port}&#{query}";
    EXPECT_EQ(redirect_location(parts, url),
              "https://new.example.com:443/new/old/page?from=80&q=2");
    parts.path = "#{path}";  // no leading '/' given: one is added
    parts.query = "";
    EXPECT_EQ(redirect_location(parts, url), "https://new.example.com:443/old/page");
}

TEST(LbForwarded, AppendsTheClient) {
    EXPECT_EQ(forwarded_for("", "10.0.0.1"), "10.0.0.1");
    EXPECT_EQ(forwarded_for("1.2.3.4", "10.0.0.1"), "1.2.3.4, 10.0.0.1");
}

TEST(LbForwarded, TraceIdRootOrSelf) {
    EXPECT_EQ(trace_id("", 0x5f000000, 0x1234, 0xabcdef),
              "Root=1-5f000000-000012340000000000abcdef");
    auto kept = trace_id("Root=1-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbb", 1, 2, 3);
    EXPECT_TRUE(kept.starts_with("Self=1-00000001-"));
    EXPECT_TRUE(kept.ends_with(";Root=1-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbb"));
}

TEST(LbPages, AlbErrorBodies) {
    auto page = alb_error_page(503);
    EXPECT_EQ(page.status, 503);
    EXPECT_EQ(page.content_type, "text/html");
    EXPECT_NE(page.body.find("<h1>503 Service Temporarily Unavailable</h1>"), std::string::npos);
    EXPECT_NE(alb_error_page(502).body.find("502 Bad Gateway"), std::string::npos);
    EXPECT_NE(alb_error_page(504).body.find("504 Gateway Time-out"), std::string::npos);
    EXPECT_EQ(alb_error_page(418).status, 500);
}

}  // namespace
}  // namespace berth::edge::lb

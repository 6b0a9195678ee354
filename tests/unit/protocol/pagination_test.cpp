#include "berth/protocol/pagination.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "berth/protocol/aws_error.hpp"

namespace berth::protocol {
namespace {

using nlohmann::json;

std::vector<std::string> letters(char from, char to) {
    std::vector<std::string> out;
    for (char c = from; c <= to; ++c) out.emplace_back(1, c);
    return out;
}

std::string error_type(const std::function<void()>& f) {
    try {
        f();
    } catch (const AwsError& e) {
        return e.type();
    }
    return "no error";
}

TEST(Pagination, DefaultsToOneHundredAndNoToken) {
    auto request = read_page_request(json::object());
    EXPECT_EQ(request.max_results, 100u);
    EXPECT_FALSE(request.after_key);
    auto page = paginate(letters('a', 'e'), request);
    EXPECT_EQ(page.items, letters('a', 'e'));
    EXPECT_FALSE(page.next_token);
    json out = json::object();
    page.write_next_token(out);
    EXPECT_FALSE(out.contains("nextToken"));
}

TEST(Pagination, WalksAllPagesWithTokens) {
    const auto all = letters('a', 'g');
    std::vector<std::string> seen;
    json input{{"maxResults", 3}};
    int pages = 0;
    for (;;) {
        auto page = paginate(all, read_page_request(input));
        ++pages;
        seen.insert(seen.end(), page.items.begin(), page.items.end());
        json out = json::object();
        page.write_next_token(out);
        if (!out.contains("nextToken")) break;
        input["nextToken"] = out["nextToken"];
    }
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen, all);
}

TEST(Pagination, ExactMultipleHasNoTrailingEmptyPage) {
    auto page = paginate(letters('a', 'd'), PageRequest{.max_results = 4, .after_key = {}});
    EXPECT_EQ(page.items.size(), 4u);
    EXPECT_FALSE(page.next_token);
}

TEST(Pagination, TokenSurvivesDeletionOfItsKey) {
    auto first = paginate(letters('a', 'f'), PageRequest{.max_results = 2, .after_key = {}});
    ASSERT_TRUE(first.next_token);
    std::vector<std::string> after_delete{"a", "c", "d", "e", "f"};  // "b" deleted
    json input{{"maxResults", 2}, {"nextToken", *first.next_token}};
    auto second = paginate(after_delete, read_page_request(input));
    EXPECT_EQ(second.items, (std::vector<std::string>{"c", "d"}));
}

TEST(Pagination, DescendingOrderWithCustomKey) {
    struct Item {
        int revision;
        std::string key;
    };
    std::vector<Item> items{{3, "r3"}, {2, "r2"}, {1, "r1"}};
    auto key = [](const Item& i) { return i.key; };
    auto first =
        paginate(items, PageRequest{.max_results = 2, .after_key = {}}, key, std::greater<>());
    ASSERT_EQ(first.items.size(), 2u);
    ASSERT_TRUE(first.next_token);
    auto second =
        paginate(items, PageRequest{.max_results = 2, .after_key = "r2"}, key, std::greater<>());
    ASSERT_EQ(second.items.size(), 1u);
    EXPECT_EQ(second.items[0].revision, 1);
    EXPECT_FALSE(second.next_token);
}

TEST(Pagination, TokenRoundTripsArbitraryKeys) {
    for (std::string key : {"", "x", "ab", "arn:aws:ecs:us-east-1:000000000000:cluster/c\xff"}) {
        EXPECT_EQ(decode_page_token(encode_page_token(key)), key);
    }
}

TEST(Pagination, RejectsForeignOrMalformedTokens) {
    for (std::string bad : {"garbage!", "abc", "Zm9v", "YmVydGgudjE6eA", ""}) {
        EXPECT_EQ(error_type([&] { decode_page_token(bad); }), "InvalidParameterException") << bad;
    }
    EXPECT_EQ(error_type([] {
                  read_page_request(json{{"nextToken", "nope"}});
              }),
              "InvalidParameterException");
}

TEST(Pagination, MaxResultsRange) {
    EXPECT_EQ(read_page_request(json{{"maxResults", 1}}).max_results, 1u);
    EXPECT_EQ(read_page_request(json{{"maxResults", 100}}).max_results, 100u);
    EXPECT_EQ(read_page_request(json{{"maxResults", nullptr}}).max_results, 100u);
    EXPECT_EQ(error_type([] {
                  read_page_request(json{{"maxResults", 0}});
              }),
              "InvalidParameterException");
    EXPECT_EQ(error_type([] {
                  read_page_request(json{{"maxResults", 101}});
              }),
              "InvalidParameterException");
    EXPECT_EQ(error_type([] {
                  read_page_request(json{{"maxResults", -5}});
              }),
              "InvalidParameterException");
    EXPECT_EQ(read_page_request(json{{"maxResults", 500}}, 1000).max_results, 500u);
}

}  // namespace
}  // namespace berth::protocol

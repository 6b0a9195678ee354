// Issue 5: which (account, region) a request works in. The whole rule as one table, against a
// Berth started with other defaults (`--account-id 123456789012 --region eu-west-2`) and with
// its own (000000000000, us-east-1): the credential scope names the region, an access key
// that is itself a 12-digit number names the account, anything else falls back to the
// defaults.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "berth/protocol/front.hpp"

namespace berth::protocol {
namespace {

struct Case {
    const char* what;
    std::string authorization;  // "" = unsigned
    std::string account;        // expected
    std::string region;         // expected
};

std::string sigv4(const std::string& key, const std::string& region) {
    return "AWS4-HMAC-SHA256 Credential=" + key + "/20240101/" + region +
           "/ecs/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=f00d";
}

http::Request request_with(const std::string& authorization) {
    http::Request request;
    request.method = "POST";
    request.target = "/";
    request.headers["x-amz-target"] = "AmazonEC2ContainerServiceV20141113.ListClusters";
    if (!authorization.empty()) request.headers["authorization"] = authorization;
    return request;
}

void expect_cases(const FrontOptions& options, const std::vector<Case>& cases) {
    for (const auto& c : cases) {
        const auto ctx = resolve_context(request_with(c.authorization), options);
        EXPECT_EQ(ctx.account, c.account) << c.what;
        EXPECT_EQ(ctx.region, c.region) << c.what;
    }
}

TEST(PartitionContext, TheRuleWithBerthsOwnDefaults) {
    expect_cases(
        FrontOptions{},
        {
            {"unsigned", "", "000000000000", "us-east-1"},
            {"named key", sigv4("AKIAIOSFODNN7EXAMPLE", "eu-west-1"), "000000000000", "eu-west-1"},
            {"account key", sigv4("111111111111", "eu-west-1"), "111111111111", "eu-west-1"},
            {"other account key", sigv4("222222222222", "us-east-1"), "222222222222", "us-east-1"},
            {"the default account by number", sigv4("000000000000", "us-east-1"), "000000000000",
             "us-east-1"},
            {"temporary key", sigv4("ASIAIOSFODNN7EXAMPLE", "ap-south-1"), "000000000000",
             "ap-south-1"},
            {"LocalStack's usual key", sigv4("test", "us-west-2"), "000000000000", "us-west-2"},
        });
}

TEST(PartitionContext, AccountIdFlagOnlyChangesTheFallback) {
    const FrontOptions flagged{
        .default_account = "123456789012", .default_region = "eu-west-2", .account_for_key = {}};
    expect_cases(flagged, {
                              {"unsigned", "", "123456789012", "eu-west-2"},
                              {"named key", sigv4("AKIAIOSFODNN7EXAMPLE", "eu-west-1"),
                               "123456789012", "eu-west-1"},
                              {"account key wins over the flag", sigv4("111111111111", "us-east-1"),
                               "111111111111", "us-east-1"},
                              {"000000000000 is then just another account",
                               sigv4("000000000000", "us-east-1"), "000000000000", "us-east-1"},
                          });
}

TEST(PartitionContext, OnlyTwelveAsciiDigitsNameAnAccount) {
    const FrontOptions options{
        .default_account = "123456789012", .default_region = "eu-west-2", .account_for_key = {}};
    // The last one is twelve bytes: six Arabic-Indic digit ones.
    for (std::string key :
         {"11111111111", "1111111111111", "11111111111a", "-11111111111", "+11111111111",
          "1111 1111111", "\xd9\xa1\xd9\xa1\xd9\xa1\xd9\xa1\xd9\xa1\xd9\xa1"}) {
        EXPECT_EQ(resolve_context(request_with(sigv4(key, "us-east-1")), options).account,
                  "123456789012")
            << key;
    }
}

TEST(PartitionContext, WhatIsNotAPlainSigV4ScopeUsesBothDefaults) {
    const FrontOptions options{
        .default_account = "123456789012", .default_region = "eu-west-2", .account_for_key = {}};
    expect_cases(options,
                 {
                     {"basic auth", "Basic dXNlcjpwYXNz", "123456789012", "eu-west-2"},
                     {"scope with too few parts",
                      "AWS4-HMAC-SHA256 Credential=111111111111/20240101/us-east-1/aws4_request, "
                      "SignedHeaders=host, Signature=f00d",
                      "123456789012", "eu-west-2"},
                 });
    // A scope whose region could not be part of an ARN keeps the default region, but its
    // account key still counts.
    const auto ctx = resolve_context(request_with(sigv4("111111111111", "EU_WEST:1")), options);
    EXPECT_EQ(ctx.region, "eu-west-2");
    EXPECT_EQ(ctx.account, "111111111111");
}

}  // namespace
}  // namespace berth::protocol

#include "berth/http/sigv4.hpp"

#include <string>

#include <gtest/gtest.h>

namespace berth::http {
namespace {

struct Accepted {
    std::string header;
    SigV4Scope expected;
};

TEST(SigV4, ParsesTheCredentialScope) {
    const Accepted cases[] = {
        {"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/eu-west-3/ecs/aws4_request, "
         "SignedHeaders=host;x-amz-date;x-amz-target, Signature=abcdef0123",
         {"AKIDEXAMPLE", "20240101", "eu-west-3", "ecs"}},
        // Credential may come last,
        {"AWS4-HMAC-SHA256 SignedHeaders=host,Signature=ab,Credential=123456789012/20240101/"
         "ap-south-1/ecs/aws4_request",
         {"123456789012", "20240101", "ap-south-1", "ecs"}},
        // or without a space after the comma.
        {"AWS4-HMAC-SHA256 Credential=test/20240101/us-west-2/ecs/aws4_request,SignedHeaders=host",
         {"test", "20240101", "us-west-2", "ecs"}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.header);
        auto scope = parse_sigv4_authorization(c.header);
        ASSERT_TRUE(scope);
        EXPECT_EQ(scope->access_key, c.expected.access_key);
        EXPECT_EQ(scope->date, c.expected.date);
        EXPECT_EQ(scope->region, c.expected.region);
        EXPECT_EQ(scope->service, c.expected.service);
    }
}

TEST(SigV4, RejectsOtherSchemesAndBrokenScopes) {
    const char* const rejected[] = {
        "",
        "Basic dXNlcjpwYXNz",
        // SigV4a names no region in its scope.
        "AWS4-ECDSA-P256-SHA256 Credential=AKID/20240101/ecs/aws4_request, Signature=x",
        "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=x",
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/aws4_request",
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ecs/extra/aws4_request",
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ecs/aws5_request",
        "AWS4-HMAC-SHA256 Credential=AKID/20240101//ecs/aws4_request",
        "AWS4-HMAC-SHA256 Credential=",
    };
    for (const char* header : rejected) {
        EXPECT_FALSE(parse_sigv4_authorization(header)) << header;
    }
}

}  // namespace
}  // namespace berth::http

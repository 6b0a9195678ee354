#include "berth/http/sigv4.hpp"

#include <gtest/gtest.h>

namespace berth::http {
namespace {

TEST(SigV4, ParsesTheCredentialScope) {
    auto scope = parse_sigv4_authorization(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/eu-west-3/ecs/aws4_request, "
        "SignedHeaders=host;x-amz-date;x-amz-target, Signature=abcdef0123");
    ASSERT_TRUE(scope);
    EXPECT_EQ(scope->access_key, "AKIDEXAMPLE");
    EXPECT_EQ(scope->date, "20240101");
    EXPECT_EQ(scope->region, "eu-west-3");
    EXPECT_EQ(scope->service, "ecs");
}

TEST(SigV4, CredentialMayComeLastOrWithoutSpaceAfterComma) {
    auto last = parse_sigv4_authorization(
        "AWS4-HMAC-SHA256 SignedHeaders=host,Signature=ab,Credential=123456789012/20240101/"
        "ap-south-1/ecs/aws4_request");
    ASSERT_TRUE(last);
    EXPECT_EQ(last->access_key, "123456789012");
    EXPECT_EQ(last->region, "ap-south-1");

    auto tight = parse_sigv4_authorization(
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-west-2/ecs/aws4_request,SignedHeaders=host");
    ASSERT_TRUE(tight);
    EXPECT_EQ(tight->region, "us-west-2");
}

TEST(SigV4, RejectsOtherSchemesAndBrokenScopes) {
    EXPECT_FALSE(parse_sigv4_authorization(""));
    EXPECT_FALSE(parse_sigv4_authorization("Basic dXNlcjpwYXNz"));
    // SigV4a names no region in its scope.
    EXPECT_FALSE(parse_sigv4_authorization(
        "AWS4-ECDSA-P256-SHA256 Credential=AKID/20240101/ecs/aws4_request, Signature=x"));
    EXPECT_FALSE(parse_sigv4_authorization("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=x"));
    EXPECT_FALSE(parse_sigv4_authorization(
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/aws4_request"));
    EXPECT_FALSE(parse_sigv4_authorization(
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ecs/extra/aws4_request"));
    EXPECT_FALSE(parse_sigv4_authorization(
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ecs/aws5_request"));
    EXPECT_FALSE(
        parse_sigv4_authorization("AWS4-HMAC-SHA256 Credential=AKID/20240101//ecs/aws4_request"));
    EXPECT_FALSE(parse_sigv4_authorization("AWS4-HMAC-SHA256 Credential="));
}

}  // namespace
}  // namespace berth::http

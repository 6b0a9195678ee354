#include "berth/protocol/front.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "test_support.hpp"

namespace berth::protocol {
namespace {

using nlohmann::json;

const std::string k_target = "WidgetService_20240101.";

http::Request post(const std::string& operation, std::string body = "{}",
                   std::string authorization = "") {
    http::Request request;
    request.method = "POST";
    request.target = "/";
    request.headers["content-type"] = "application/x-amz-json-1.1";
    if (!operation.empty()) request.headers["x-amz-target"] = operation;
    if (!authorization.empty()) request.headers["authorization"] = authorization;
    request.body = std::move(body);
    return request;
}

// 8-4-4-4-12 lower-case hex digits, version 4, RFC 4122 variant. (Not std::regex: GCC 12 warns
// inside it under -fsanitize.)
bool is_uuid_v4(const std::string& s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        const bool hex = (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f');
        if (dash ? s[i] != '-' : !hex) return false;
    }
    return s[14] == '4' && std::string_view("89ab").find(s[19]) != std::string_view::npos;
}

std::string signed_by(const std::string& key, const std::string& region) {
    return "AWS4-HMAC-SHA256 Credential=" + key + "/20240101/" + region +
           "/widgets/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
}

class FrontTest : public ::testing::Test {
  protected:
    FrontTest() : service(testing::widgets_model(), "InvalidParameterException"), front({}) {
        service.add("CreateWidget", [this](const RequestContext& ctx, const json& input) {
            seen = ctx;
            if (input.at("name") == "boom") throw std::runtime_error("kaboom");
            if (input.at("name") == "gone") throw AwsError("WidgetNotFoundException", "Gone.");
            return json{{"widget", {{"name", input.at("name")}}}};
        });
        front.add_service(service);
    }

    http::Response handle(http::Request request) { return front.handle(std::move(request)); }

    static json body(const http::Response& r) { return json::parse(r.body); }

    static void expect_error(const http::Response& r, int status, const std::string& type) {
        EXPECT_EQ(r.status, status) << r.body;
        EXPECT_EQ(r.content_type, "application/x-amz-json-1.1");
        auto b = body(r);
        EXPECT_EQ(b.at("__type"), type) << r.body;
        EXPECT_TRUE(b.at("message").is_string());
        EXPECT_EQ(r.headers.at("x-amzn-ErrorType"), type);
        EXPECT_FALSE(r.headers.at("x-amzn-RequestId").empty());
    }

    JsonService service;
    Front front;
    RequestContext seen;
};

TEST_F(FrontTest, RoutesByTargetPrefix) {
    auto r = handle(post(k_target + "CreateWidget", R"({"name":"w","color":"red"})"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "application/x-amz-json-1.1");
    EXPECT_EQ(body(r), (json{{"widget", {{"name", "w"}}}}));
    EXPECT_FALSE(r.headers.contains("x-amzn-ErrorType"));
    EXPECT_TRUE(is_uuid_v4(r.headers.at("x-amzn-RequestId"))) << r.headers.at("x-amzn-RequestId");
    EXPECT_EQ(seen.request_id, r.headers.at("x-amzn-RequestId"));
}

TEST_F(FrontTest, RequestIdsAreUnique) {
    std::set<std::string> ids;
    for (int i = 0; i < 100; ++i) ids.insert(handle(post("")).headers.at("x-amzn-RequestId"));
    EXPECT_EQ(ids.size(), 100u);
}

TEST_F(FrontTest, RoutingErrors) {
    expect_error(handle(post("")), 400, "UnknownOperationException");
    expect_error(handle(post("NoDotHere")), 400, "UnknownOperationException");
    expect_error(handle(post("OtherService_20200101.CreateWidget")), 400,
                 "UnknownOperationException");
    expect_error(handle(post(k_target + "MakeCoffee")), 400, "UnknownOperationException");
    auto put = post(k_target + "CreateWidget");
    put.method = "PUT";
    expect_error(handle(put), 404, "UnknownOperationException");
}

TEST_F(FrontTest, ErrorEnvelopes) {
    auto malformed = handle(post(k_target + "CreateWidget", "{not json"));
    expect_error(malformed, 400, "SerializationException");

    auto invalid = handle(post(k_target + "CreateWidget", R"({"name":"w","color":"banana"})"));
    expect_error(invalid, 400, "InvalidParameterException");
    EXPECT_EQ(body(invalid).at("message"),
              "1 validation error detected: Value 'banana' at 'color' failed to satisfy "
              "constraint: Member must satisfy enum value set: [red, green, blue]");

    auto unimplemented = handle(post(k_target + "DescribeWidgets"));
    expect_error(unimplemented, 400, "UnsupportedFeatureException");
    EXPECT_EQ(body(unimplemented).at("message"),
              "Berth does not implement the Widgets operation DescribeWidgets yet.");

    auto handler_error =
        handle(post(k_target + "CreateWidget", R"({"name":"gone","color":"red"})"));
    expect_error(handler_error, 400, "WidgetNotFoundException");
    EXPECT_EQ(body(handler_error).at("message"), "Gone.");
}

TEST_F(FrontTest, UnexpectedExceptionIs500AndServingContinues) {
    auto r = handle(post(k_target + "CreateWidget", R"({"name":"boom","color":"red"})"));
    expect_error(r, 500, "ServerException");
    EXPECT_NE(body(r).at("message").get<std::string>().find("kaboom"), std::string::npos);
    EXPECT_EQ(handle(post(k_target + "CreateWidget", R"({"name":"ok","color":"red"})")).status,
              200);
}

TEST_F(FrontTest, InvalidUtf8InAResultDoesNotBreakTheResponse) {
    auto r = handle(post(k_target + "CreateWidget", R"({"name":"w","color":"red"})"));
    ASSERT_EQ(r.status, 200);
    service.add("CreateWidget", [](const RequestContext&, const json&) {
        return json{{"widget", {{"name", std::string("bad\xff")}}}};
    });
    auto bad = handle(post(k_target + "CreateWidget", R"({"name":"w","color":"red"})"));
    EXPECT_EQ(bad.status, 200);
    EXPECT_TRUE(json::accept(bad.body));
}

// Answers are dumped into a per-thread buffer that a huge answer makes drop (src/protocol/
// front.cpp, `dump`): the next small answer must still be whole and alone.
TEST_F(FrontTest, AnAnswerAfterAHugeOneIsWhole) {
    const std::string big(100 * 1024, 'x');
    service.add("CreateWidget", [&](const RequestContext&, const json& in) {
        if (in.at("name") == "big") return json{{"widget", {{"name", big}}}};
        return json{{"widget", {{"name", "small"}}}};
    });
    auto huge = handle(post(k_target + "CreateWidget", R"({"name":"big","color":"red"})"));
    ASSERT_EQ(huge.status, 200);
    EXPECT_EQ(body(huge).at("widget").at("name"), big);
    auto small = handle(post(k_target + "CreateWidget", R"({"name":"s","color":"red"})"));
    ASSERT_EQ(small.status, 200);
    EXPECT_EQ(body(small), (json{{"widget", {{"name", "small"}}}}));
}

TEST_F(FrontTest, Health) {
    for (std::string path : {"/", "/health", "/health?x=1"}) {
        http::Request get;
        get.method = "GET";
        get.target = path;
        auto r = handle(get);
        EXPECT_EQ(r.status, 200) << path;
        EXPECT_EQ(body(r), (json{{"status", "running"}, {"services", {{"widgets", "running"}}}}));
    }
    http::Request other;
    other.method = "GET";
    other.target = "/other";
    EXPECT_EQ(handle(other).status, 404);
}

TEST_F(FrontTest, HealthListsEveryService) {
    JsonService ecs(ServiceModel::embedded("ecs-2014-11-13"), "InvalidParameterException");
    front.add_service(ecs);
    http::Request get;
    get.method = "GET";
    get.target = "/health";
    EXPECT_EQ(body(handle(get)).at("services"), (json{{"widgets", "running"}, {"ecs", "running"}}));
    // And the second service is routed by its own prefix.
    expect_error(handle(post("AmazonEC2ContainerServiceV20141113.ListClusters")), 400,
                 "UnsupportedFeatureException");
}

TEST_F(FrontTest, ContextReachesTheHandler) {
    handle(post(k_target + "CreateWidget", R"({"name":"w","color":"red"})",
                signed_by("123456789012", "eu-central-1")));
    EXPECT_EQ(seen.account, "123456789012");
    EXPECT_EQ(seen.region, "eu-central-1");
    EXPECT_EQ(seen.access_key, "123456789012");
}

TEST(ResolveContext, UnsignedUsesDefaults) {
    FrontOptions options{
        .default_account = "111111111111", .default_region = "ap-south-1", .account_for_key = {}};
    auto ctx = resolve_context(post("x"), options);
    EXPECT_EQ(ctx.account, "111111111111");
    EXPECT_EQ(ctx.region, "ap-south-1");
    EXPECT_EQ(ctx.access_key, "");
}

TEST(ResolveContext, RegionFromCredentialScope) {
    auto ctx = resolve_context(post("x", "{}", signed_by("AKIAIOSFODNN7EXAMPLE", "eu-west-3")),
                               FrontOptions{});
    EXPECT_EQ(ctx.region, "eu-west-3");
    EXPECT_EQ(ctx.account, "000000000000");  // not 12 digits: the default account
    EXPECT_EQ(ctx.access_key, "AKIAIOSFODNN7EXAMPLE");
}

TEST(ResolveContext, TwelveDigitAccessKeyNamesTheAccount) {
    const FrontOptions options;
    EXPECT_EQ(
        resolve_context(post("x", "{}", signed_by("210987654321", "us-east-1")), options).account,
        "210987654321");
    for (std::string key : {"21098765432", "2109876543210", "21098765432a", "test"}) {
        EXPECT_EQ(resolve_context(post("x", "{}", signed_by(key, "us-east-1")), options).account,
                  "000000000000")
            << key;
    }
}

TEST(ResolveContext, UnparseableOrOddAuthorizationFallsBack) {
    const FrontOptions options;
    auto garbage = resolve_context(post("x", "{}", "Bearer xyz"), options);
    EXPECT_EQ(garbage.region, "us-east-1");
    EXPECT_EQ(garbage.account, "000000000000");
    auto odd_region =
        resolve_context(post("x", "{}", signed_by("123456789012", "Not_A/Region")), options);
    EXPECT_EQ(odd_region.region, "us-east-1");
}

}  // namespace
}  // namespace berth::protocol

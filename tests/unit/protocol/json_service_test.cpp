#include "berth/protocol/json_service.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace berth::protocol {
namespace {

using nlohmann::json;
using testing::thrown_by;

class JsonServiceTest : public ::testing::Test {
  protected:
    JsonServiceTest() : service(testing::widgets_model(), "InvalidParameterException") {
        service.add("CreateWidget", [this](const RequestContext& ctx, const json& input) {
            seen_input = input;
            seen_ctx = ctx;
            return json{{"widget", {{"name", input.at("name")}, {"color", input.at("color")}}}};
        });
    }

    testing::Thrown invoke_error(const std::string& op, const std::string& body) {
        return thrown_by([&] { service.invoke(op, ctx, body); });
    }

    JsonService service;
    RequestContext ctx{"123456789012", "eu-west-1", "AKID", "rid"};
    json seen_input;
    RequestContext seen_ctx;
};

TEST_F(JsonServiceTest, RunsTheHandlerWithParsedInputAndContext) {
    auto out = service.invoke("CreateWidget", ctx, R"({"name":"w","color":"red"})");
    EXPECT_EQ(out, (json{{"widget", {{"name", "w"}, {"color", "red"}}}}));
    EXPECT_EQ(seen_ctx.account, "123456789012");
    EXPECT_EQ(seen_ctx.region, "eu-west-1");
    EXPECT_TRUE(service.implements("CreateWidget"));
    EXPECT_FALSE(service.implements("DescribeWidgets"));
}

TEST_F(JsonServiceTest, NullMembersAreRemovedBeforeTheHandler) {
    service.invoke(
        "CreateWidget", ctx,
        R"({"name":"w","color":"red","size":null,"parts":[{"partName":"p","count":null}]})");
    EXPECT_EQ(seen_input,
              (json{{"name", "w"}, {"color", "red"}, {"parts", {{{"partName", "p"}}}}}));
}

std::string nested_body(std::size_t depth) {
    std::string body = R"({"name":"w","color":"red","bogus":)";
    return body + std::string(depth, '[') + "null" + std::string(depth, ']') + "}";
}

TEST_F(JsonServiceTest, DeepNestingIsRejectedBeforeParsing) {
    // A million levels would overflow the stack of whatever copies or destroys the value.
    auto e = invoke_error("CreateWidget", nested_body(1'000'000));
    EXPECT_EQ(e.type, "SerializationException");
    EXPECT_EQ(e.message, "Request body nests deeper than 64 levels.");
    EXPECT_NO_THROW(service.invoke("CreateWidget", ctx, nested_body(60)));
    // Brackets inside strings (escaped quotes included) do not count.
    const std::string brackets = std::string(100, '[') + "\\\"" + std::string(100, '{');
    EXPECT_NO_THROW(service.invoke("CreateWidget", ctx,
                                   R"({"name":"w","color":"red","x":")" + brackets + "\"}"));
}

TEST_F(JsonServiceTest, InputErrors) {
    EXPECT_EQ(invoke_error("CreateWidget", "{nope").type, "SerializationException");
    // Beyond a double's range: nlohmann's out_of_range, once a 500 (tests/fuzz/regressions).
    auto overflow = invoke_error("CreateWidget", R"({"name":"w","color":"red","size":1e400})");
    EXPECT_EQ(overflow.type, "SerializationException");
    EXPECT_EQ(overflow.message, "Malformed JSON request body: number overflow parsing '1e400'");
    EXPECT_EQ(invoke_error("CreateWidget", "[1]").type, "SerializationException");
    EXPECT_EQ(invoke_error("CreateWidget", R"({"name":"w","color":"red"} trailing)").type,
              "SerializationException");
    auto missing = invoke_error("CreateWidget", "");  // empty body is {}: both members missing
    EXPECT_EQ(missing.type, "InvalidParameterException");
    EXPECT_EQ(missing.message.rfind("2 validation errors detected", 0), 0u) << missing.message;
    EXPECT_EQ(invoke_error("CreateWidget", R"({"name":"w","color":"banana"})").type,
              "InvalidParameterException");
}

TEST_F(JsonServiceTest, OperationErrors) {
    auto unknown = invoke_error("MakeCoffee", "{}");
    EXPECT_EQ(unknown.type, "UnknownOperationException");
    auto unimplemented = invoke_error("DescribeWidgets", "{}");
    EXPECT_EQ(unimplemented.type, "UnsupportedFeatureException");
    EXPECT_EQ(unimplemented.message,
              "Berth does not implement the Widgets operation DescribeWidgets yet.");
    EXPECT_EQ(unimplemented.status, 400);
    EXPECT_THROW(service.add("MakeCoffee", [](auto&, auto&) { return json::object(); }),
                 std::invalid_argument);
}

TEST_F(JsonServiceTest, HandlerErrorsPassThrough) {
    service.add("DescribeWidgets", [](const RequestContext&, const json&) -> json {
        throw AwsError("WidgetNotFoundException", "no such widget");
    });
    auto e = invoke_error("DescribeWidgets", "{}");
    EXPECT_EQ(e.type, "WidgetNotFoundException");
    EXPECT_EQ(e.message, "no such widget");
}

TEST_F(JsonServiceTest, NullResultIsAnEmptyObject) {
    service.add("Ping", [](const RequestContext&, const json&) { return json(); });
    EXPECT_EQ(service.invoke("Ping", ctx, ""), json::object());
}

TEST_F(JsonServiceTest, StrictOutputRejectsNonConformingResults) {
    service.add("DescribeWidgets", [](const RequestContext&, const json&) {
        return json{{"widgets", {{{"name", "w"}, {"bogus", 1}}}}};
    });
    EXPECT_FALSE(service.strict_output());
    EXPECT_NO_THROW(service.invoke("DescribeWidgets", ctx, "{}"));

    service.set_strict_output(true);
    auto e = invoke_error("DescribeWidgets", "{}");
    EXPECT_EQ(e.type, "ServerException");
    EXPECT_EQ(e.status, 500);
    EXPECT_NE(e.message.find("DescribeWidgets: widgets[0].bogus: not in shape Widget"),
              std::string::npos)
        << e.message;
    // A conforming result still passes.
    EXPECT_NO_THROW(service.invoke("CreateWidget", ctx, R"({"name":"w","color":"red"})"));
}

// The embedded ECS model carries shapes for the implemented operations only: a handler for any
// other is refused at start, and a client calling one still hears UnsupportedFeatureException.
TEST(JsonServiceEmbedded, OperationsWithoutEmbeddedShapes) {
    JsonService ecs(ServiceModel::embedded("ecs-2014-11-13"), "InvalidParameterException");
    auto handler = [](const RequestContext&, const json&) { return json::object(); };
    EXPECT_THROW(ecs.add("DiscoverPollEndpoint", handler), std::invalid_argument);
    EXPECT_NO_THROW(ecs.add("ListClusters", handler));
    RequestContext ctx{"000000000000", "us-east-1", "", "rid"};
    auto got = thrown_by([&] { ecs.invoke("DiscoverPollEndpoint", ctx, "{}"); });
    EXPECT_EQ(got.type, "UnsupportedFeatureException");
    EXPECT_EQ(got.message, "Berth does not implement the ECS operation DiscoverPollEndpoint yet.");
    EXPECT_EQ(thrown_by([&] { ecs.invoke("DiscoverPollEndpoints", ctx, "{}"); }).type,
              "UnknownOperationException");
    EXPECT_EQ(thrown_by([&] { ecs.invoke("ListClusters", ctx, R"({"maxResults":"x"})"); }).type,
              "SerializationException");
}

}  // namespace
}  // namespace berth::protocol

// The query protocol's codec: forms decoded into the model's input shape, results and errors
// encoded as XML, and QueryService/Front around them. Model:
// tests/data/protocol/gadgets.query.json.
#include <gtest/gtest.h>

#include "berth/protocol/front.hpp"
#include "berth/protocol/query_service.hpp"
#include "protocol/form.hpp"
#include "protocol/query_decode.hpp"
#include "protocol/query_xml.hpp"
#include "support/source_paths.hpp"
#include "test_support.hpp"

namespace berth::protocol {
namespace {

using nlohmann::json;

const ServiceModel& gadgets_model() {
    static const ServiceModel model(json::parse(testing::read_text(
        std::string(berth::test_paths::data_dir()) + "/protocol/gadgets.query.json")));
    return model;
}

const detail::OperationDef& make_gadget() {
    return *detail::ShapeGraph(gadgets_model().tables()).operation("MakeGadget");
}

struct DecodeCase {
    std::string form;
    json expected;
    std::vector<std::string> unknown = {};
};

TEST(QueryDecode, FlattensMembersListsMapsAndNestedStructures) {
    const std::vector<DecodeCase> cases = {
        {"", json::object()},
        {"Name=a", {{"Name", "a"}}},
        {"Name=a+b%2Fc%3D", {{"Name", "a b/c="}}},
        {"Count=3&Weight=-9000000000&Ratio=0.5",
         {{"Count", 3}, {"Weight", -9000000000LL}, {"Ratio", 0.5}}},
        {"Enabled=true", {{"Enabled", true}}},
        {"Enabled=false", {{"Enabled", false}}},
        {"MadeAt=2024-01-02T03:04:05Z", {{"MadeAt", "2024-01-02T03:04:05Z"}}},
        {"Labels.member.1=x&Labels.member.2=y", {{"Labels", {"x", "y"}}}},
        {"Labels=", {{"Labels", json::array()}}},
        // A gap ends the list; what follows it is read by no member.
        {"Labels.member.1=x&Labels.member.3=z", {{"Labels", {"x"}}}, {"Labels.member.3"}},
        {"Parts.member.1.Key=k&Parts.member.1.Value=v&Parts.member.2.Key=j",
         {{"Parts", {{{"Key", "k"}, {"Value", "v"}}, {{"Key", "j"}}}}}},
        {"Attributes.entry.1.key=a&Attributes.entry.1.value=1&Attributes.entry.2.key=b"
         "&Attributes.entry.2.value=2",
         {{"Attributes", {{"a", "1"}, {"b", "2"}}}}},
        {"Owner.Id=o&Owner.Boss.Id=b&Owner.Boss.Boss.Id=c",
         {{"Owner", {{"Id", "o"}, {"Boss", {{"Id", "b"}, {"Boss", {{"Id", "c"}}}}}}}}},
        {"Name=a&Colour=red&Owner.Hat=x", {{"Name", "a"}}, {"Colour", "Owner.Hat"}},
    };
    const detail::ShapeGraph graph(gadgets_model().tables());
    for (const auto& c : cases) {
        SCOPED_TRACE(c.form);
        auto decoded =
            decode_query_input(graph, make_gadget().input, parse_form(c.form), "ValidationError");
        EXPECT_EQ(decoded.value, c.expected);
        EXPECT_EQ(decoded.unknown, c.unknown);
    }
}

TEST(QueryDecode, RefusesTextThatIsNotOfTheMembersType) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Count=three", "Value 'three' at 'Count' is not a valid integer."},
        {"Count=", "Value '' at 'Count' is not a valid integer."},
        {"Count=1.5", "Value '1.5' at 'Count' is not a valid integer."},
        {"Ratio=half", "Value 'half' at 'Ratio' is not a valid number."},
        {"Enabled=yes", "Value 'yes' at 'Enabled' is not a valid boolean."},
        {"Attributes.entry.1.value=v", "Map entry 'Attributes.entry.1' has no key."},
    };
    const detail::ShapeGraph graph(gadgets_model().tables());
    for (const auto& [form_text, message] : cases) {
        const auto& form = form_text;  // clang 14 cannot capture a structured binding
        SCOPED_TRACE(form);
        auto error = testing::thrown_by([&] {
            decode_query_input(graph, make_gadget().input, parse_form(form), "ValidationError");
        });
        EXPECT_EQ(error.type, "ValidationError");
        EXPECT_EQ(error.message, message);
    }
    auto bad_escape = testing::thrown_by([] { parse_form("Name=%zz"); });
    EXPECT_EQ(bad_escape.type, "MalformedQueryString");
}

const std::string k_xml_head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
const std::string k_open =
    R"(<MakeGadgetResponse xmlns="https://gadgets.example.com/doc/2024-02-02/">)";
const std::string k_close =
    "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></MakeGadgetResponse>";

TEST(QueryXml, WritesTheResultFromTheOutputShape) {
    const std::vector<std::pair<json, std::string>> cases = {
        {json::object(), "<MakeGadgetResult/>"},
        {{{"Gadget", {{"Name", "a<&>\"'b"}, {"Count", 2}, {"Enabled", false}}}},
         // Members in name order (the tables' order); clients read them in any order.
         "<MakeGadgetResult><Gadget><Count>2</Count><Enabled>false</Enabled>"
         "<Name>a&lt;&amp;&gt;&quot;&apos;b</Name></Gadget></MakeGadgetResult>"},
        {{{"Gadget", {{"MadeAt", 1704164645.0}, {"Ratio", 0.25}}}},
         "<MakeGadgetResult><Gadget><MadeAt>2024-01-02T03:04:05Z</MadeAt><Ratio>0.25</Ratio>"
         "</Gadget></MakeGadgetResult>"},
        {{{"Gadget", {{"MadeAt", 1704164645.5}}}},
         "<MakeGadgetResult><Gadget><MadeAt>2024-01-02T03:04:05.500Z</MadeAt></Gadget>"
         "</MakeGadgetResult>"},
        {{{"Labels", {"x", "y"}}, {"Gadget", {{"Parts", {{{"Key", "k"}}}}}}},
         "<MakeGadgetResult><Gadget><Parts><member><Key>k</Key></member></Parts></Gadget>"
         "<Labels><member>x</member><member>y</member></Labels></MakeGadgetResult>"},
        {{{"Labels", json::array()}}, "<MakeGadgetResult><Labels/></MakeGadgetResult>"},
        {{{"Attributes", {{"a", "1"}}}},
         "<MakeGadgetResult><Attributes><entry><key>a</key><value>1</value></entry>"
         "</Attributes></MakeGadgetResult>"},
    };
    const detail::ShapeGraph graph(gadgets_model().tables());
    for (const auto& [output, result] : cases) {
        SCOPED_TRACE(output.dump());
        EXPECT_EQ(query_response_xml(graph, make_gadget(), output, gadgets_model().xml_namespace(),
                                     "rid"),
                  k_xml_head + k_open + result + k_close);
    }
}

TEST(QueryXml, WritesErrorsAsSenderOrReceiver) {
    EXPECT_EQ(
        query_error_xml(AwsError("InvalidAction", "No <such> op"), "urn:ns", "rid"),
        k_xml_head +
            R"(<ErrorResponse xmlns="urn:ns"><Error><Type>Sender</Type><Code>InvalidAction</Code>)"
            "<Message>No &lt;such&gt; op</Message></Error><RequestId>rid</RequestId>"
            "</ErrorResponse>");
    EXPECT_EQ(query_error_xml(errors::server("boom"), "", "rid"),
              k_xml_head +
                  "<ErrorResponse><Error><Type>Receiver</Type><Code>ServerException</Code>"
                  "<Message>boom</Message></Error><RequestId>rid</RequestId></ErrorResponse>");
}

class QueryServiceTest : public ::testing::Test {
  protected:
    QueryServiceTest() : service(gadgets_model(), "ValidationError") {
        service.add("MakeGadget", [this](const RequestContext&, const json& input) {
            seen = input;
            return json{{"Gadget", {{"Name", input.at("Name")}}}};
        });
    }

    std::string invoke(const std::string& form) { return service.invoke(ctx, form); }

    QueryService service;
    RequestContext ctx{"123456789012", "eu-west-1", "AKID", "rid"};
    json seen;
};

TEST_F(QueryServiceTest, RunsTheActionAndAnswersItsResponseDocument) {
    auto xml = invoke("Action=MakeGadget&Version=2024-02-02&Name=g&Count=2");
    EXPECT_EQ(seen, (json{{"Name", "g"}, {"Count", 2}}));
    EXPECT_EQ(xml, k_xml_head + k_open +
                       "<MakeGadgetResult><Gadget><Name>g</Name></Gadget></MakeGadgetResult>" +
                       k_close);
}

TEST_F(QueryServiceTest, AnswersAsAwsForBadActionsVersionsAndInput) {
    struct Case {
        std::string form, code, message;
    };
    const std::vector<Case> cases = {
        {"Version=2024-02-02", "MissingAction", "The request must contain the parameter Action."},
        {"Action=Fly&Version=2024-02-02", "InvalidAction",
         "Could not find operation Fly for version 2024-02-02"},
        {"Action=MakeGadget&Version=2011-01-01", "InvalidAction",
         "Could not find operation MakeGadget for version 2011-01-01"},
        {"Action=MakeGadget&Name=g", "InvalidAction",
         "Could not find operation MakeGadget for version NO_VERSION_SPECIFIED"},
        {"Action=Ping&Version=2024-02-02", "UnsupportedFeatureException",
         "Berth does not implement the Gadgets operation Ping yet."},
        {"Action=MakeGadget&Version=2024-02-02", "ValidationError",
         "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member "
         "must not be null"},
        {"Action=MakeGadget&Version=2024-02-02&Name=g&Count=11&Parts.member.1.Value=v",
         "ValidationError",
         "2 validation errors detected: Value '11' at 'count' failed to satisfy constraint: Member "
         "must "
         "have value less than or equal to 10; Value null at 'parts.1.member.key' failed to "
         "satisfy "
         "constraint: Member must not be null"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.form);
        auto error = testing::thrown_by([&] { invoke(c.form); });
        EXPECT_EQ(error.type, c.code);
        EXPECT_EQ(error.message, c.message);
    }
}

http::Request form_post(std::string body, const std::string& service) {
    http::Request request;
    request.method = "POST";
    request.target = "/";
    request.headers["content-type"] = "application/x-www-form-urlencoded; charset=utf-8";
    request.headers["authorization"] =
        "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE22/20260101/eu-west-1/" + service +
        "/aws4_request, SignedHeaders=host, Signature=x";
    request.body = std::move(body);
    return request;
}

TEST_F(QueryServiceTest, FrontRoutesFormsByTheSigningServiceAndAnswersXml) {
    FrontOptions options;
    options.account_for_key = [](std::string_view key) -> std::optional<std::string> {
        if (key == "ASIAEXAMPLEEXAMPLE22") return "222233334444";
        return std::nullopt;
    };
    Front front(options);
    front.add_service(service);
    RequestContext handled;
    service.add("MakeGadget", [&](const RequestContext& c, const json&) {
        handled = c;
        return json::object();
    });

    auto ok = front.handle(form_post("Action=MakeGadget&Version=2024-02-02&Name=g", "gadgets"));
    EXPECT_EQ(ok.status, 200);
    EXPECT_EQ(ok.content_type, "text/xml");
    EXPECT_NE(ok.body.find("<MakeGadgetResult/>"), std::string::npos) << ok.body;
    EXPECT_EQ(handled.account, "222233334444");
    EXPECT_EQ(handled.region, "eu-west-1");
    EXPECT_NE(ok.body.find("<RequestId>" + ok.headers.at("x-amzn-RequestId") + "</RequestId>"),
              std::string::npos);

    auto bad = front.handle(form_post("Action=Fly&Version=2024-02-02", "gadgets"));
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find(R"(<ErrorResponse xmlns="https://gadgets.example.com/doc/2024-02-02/">)"
                            "<Error><Type>Sender</Type><Code>InvalidAction</Code>"),
              std::string::npos)
        << bad.body;

    auto elsewhere = front.handle(form_post("Action=MakeGadget&Version=2024-02-02", "sprockets"));
    EXPECT_EQ(elsewhere.status, 400);
    EXPECT_NE(
        elsewhere.body.find("No service answers query requests signed for &apos;sprockets&apos;."),
        std::string::npos);
}

}  // namespace
}  // namespace berth::protocol

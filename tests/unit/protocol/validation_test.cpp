#include <gtest/gtest.h>

#include "berth/protocol/service_model.hpp"
#include "test_support.hpp"

namespace berth::protocol {
namespace {

using nlohmann::json;
using testing::thrown_by;
using testing::widgets_model;

const char* k_invalid = "InvalidParameterException";

// The smallest input CreateWidget accepts, with `patch` merged over it.
json widget(const json& patch = json::object()) {
    json input{{"name", "w1"}, {"color", "red"}};
    input.merge_patch(patch);  // a null in `patch` removes the member
    return input;
}

testing::Thrown validate(const json& input, const std::string& op = "CreateWidget") {
    return thrown_by([&] { widgets_model().validate_input(op, input, k_invalid); });
}

struct Case {
    const char* name;
    json input;
    std::string type;     // expected __type, "none" when valid
    std::string message;  // expected exact message, or empty to skip the check
};

class ValidationTable : public ::testing::TestWithParam<Case> {};

TEST_P(ValidationTable, Answers) {
    const auto& c = GetParam();
    auto got = validate(c.input);
    EXPECT_EQ(got.type, c.type) << got.message;
    if (!c.message.empty()) {
        EXPECT_EQ(got.message, c.message);
    }
    if (c.type != "none") {
        EXPECT_EQ(got.status, 400);
    }
}

const std::string k_serialization = "SerializationException";

INSTANTIATE_TEST_SUITE_P(
    Widgets, ValidationTable,
    ::testing::Values(
        Case{"minimal", widget(), "none", ""},
        Case{"every_member_valid",
             widget({{"size", 100},
                     {"weight", 9007199254740993LL},
                     {"ratio", 1.5},
                     {"enabled", false},
                     {"createdAt", 1700000000.25},
                     {"payload", "aGVsbG8="},
                     {"labels", {{"a", "b"}}},
                     {"parts", {{{"partName", "p"}, {"count", 1}}}},
                     {"tags", {{{"key", "k"}, {"value", "v"}}}},
                     {"extra", {{"anything", {1, "two", nullptr}}}}}),
             "none", ""},
        Case{"iso_timestamp", widget({{"createdAt", "2024-01-31T10:00:00Z"}}), "none", ""},
        Case{"unknown_members_ignored", widget({{"bogus", {{"x", 1}}}}), "none", ""},
        Case{"null_optional_is_absent",
             json{{"name", "w1"}, {"color", "red"}, {"size", nullptr}, {"tags", nullptr}}, "none",
             ""},
        // Constraints: the service's validation error, Coral's wording.
        Case{"missing_required", widget({{"name", nullptr}}), k_invalid,
             "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
             "Member must not be null"},
        Case{"null_required_is_missing", json{{"name", nullptr}, {"color", "red"}}, k_invalid,
             "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
             "Member must not be null"},
        Case{"enum", widget({{"color", "banana"}}), k_invalid,
             "1 validation error detected: Value 'banana' at 'color' failed to satisfy "
             "constraint: Member must satisfy enum value set: [red, green, blue]"},
        Case{"enum_is_case_sensitive", widget({{"color", "RED"}}), k_invalid, ""},
        Case{"string_too_long", widget({{"name", "eleven_char"}}), k_invalid,
             "1 validation error detected: Value 'eleven_char' at 'name' failed to satisfy "
             "constraint: Member must have length less than or equal to 10"},
        Case{"string_too_short", widget({{"name", ""}}), k_invalid,
             "1 validation error detected: Value '' at 'name' failed to satisfy constraint: "
             "Member must have length greater than or equal to 1"},
        Case{"length_counts_characters_not_bytes",
             widget({{"name", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"}}), "none", ""},
        Case{"integer_above_max", widget({{"size", 101}}), k_invalid,
             "1 validation error detected: Value '101' at 'size' failed to satisfy constraint: "
             "Member must have value less than or equal to 100"},
        Case{"integer_below_min", widget({{"size", 0}}), k_invalid,
             "1 validation error detected: Value '0' at 'size' failed to satisfy constraint: "
             "Member must have value greater than or equal to 1"},
        Case{"double_above_max", widget({{"ratio", 1.75}}), k_invalid,
             "1 validation error detected: Value '1.75' at 'ratio' failed to satisfy "
             "constraint: Member must have value less than or equal to 1.5"},
        Case{"list_too_long", widget({{"tags", {{{"key", "a"}}, {{"key", "b"}}, {{"key", "c"}}}}}),
             k_invalid, ""},
        Case{"nested_list_of_structures",
             widget({{"parts", {{{"partName", "ok"}}, {{"count", 5}}}}}), k_invalid,
             "1 validation error detected: Value null at 'parts.2.member.partName' failed to "
             "satisfy constraint: Member must not be null"},
        Case{"nested_constraint_path", widget({{"tags", {{{"key", "toolongkey"}}}}}), k_invalid,
             "1 validation error detected: Value 'toolongkey' at 'tags.1.member.key' failed to "
             "satisfy constraint: Member must have length less than or equal to 8"},
        Case{"null_list_element", widget({{"parts", {nullptr}}}), k_invalid,
             "1 validation error detected: Value null at 'parts.1.member' failed to satisfy "
             "constraint: Member must not be null"},
        Case{"several_violations_in_one_message", json{{"color", "banana"}, {"size", 500}},
             k_invalid,
             "3 validation errors detected: Value 'banana' at 'color' failed to satisfy "
             "constraint: Member must satisfy enum value set: [red, green, blue]; Value '500' "
             "at 'size' failed to satisfy constraint: Member must have value less than or "
             "equal to 100; Value null at 'name' failed to satisfy constraint: Member must not "
             "be null"},
        // Types: SerializationException, as the deserializer of a Coral service answers.
        Case{"string_for_integer", widget({{"size", "5"}}), k_serialization,
             "STRING_VALUE cannot be converted to Integer (at 'size')"},
        Case{"float_for_integer", widget({{"size", 5.5}}), k_serialization,
             "NUMBER_VALUE cannot be converted to Integer (at 'size')"},
        Case{"integral_float_for_integer", widget({{"size", 5.0}}), k_serialization, ""},
        Case{"integer_overflows_int32", widget({{"size", 4294967296LL}}), k_serialization, ""},
        Case{"float_for_long", widget({{"weight", 1.5}}), k_serialization,
             "NUMBER_VALUE cannot be converted to Long (at 'weight')"},
        Case{"number_for_string", widget({{"name", 5}}), k_serialization,
             "NUMBER_VALUE cannot be converted to String (at 'name')"},
        Case{"object_for_string", widget({{"name", {{"a", 1}}}}), k_serialization,
             "Start of structure or map found where not expected. (at 'name')"},
        Case{"list_for_string", widget({{"name", {1, 2}}}), k_serialization,
             "Start of list found where not expected. (at 'name')"},
        Case{"string_for_boolean", widget({{"enabled", "true"}}), k_serialization,
             "STRING_VALUE cannot be converted to Boolean (at 'enabled')"},
        Case{"number_for_boolean", widget({{"enabled", 1}}), k_serialization, ""},
        Case{"string_for_double", widget({{"ratio", "0.5"}}), k_serialization, ""},
        Case{"bad_timestamp_string", widget({{"createdAt", "yesterday"}}), k_serialization, ""},
        Case{"boolean_for_timestamp", widget({{"createdAt", true}}), k_serialization, ""},
        Case{"blob_not_base64", widget({{"payload", "not base64!"}}), k_serialization, ""},
        Case{"string_for_list", widget({{"parts", "p"}}), k_serialization,
             "STRING_VALUE cannot be converted to Parts (at 'parts')"},
        Case{"string_for_structure_in_list", widget({{"parts", {"p"}}}), k_serialization,
             "STRING_VALUE cannot be converted to Part (at 'parts.1.member')"},
        Case{"list_for_map", widget({{"labels", {"a"}}}), k_serialization, ""},
        Case{"number_as_map_value", widget({{"labels", {{"a", 1}}}}), k_serialization,
             "NUMBER_VALUE cannot be converted to String (at 'labels.a')"},
        Case{"type_error_wins_over_constraints", widget({{"color", "banana"}, {"size", "x"}}),
             k_serialization, ""},
        Case{"top_level_array", json::array(), k_serialization, ""},
        Case{"top_level_string", json("x"), k_serialization, ""}),
    [](const auto& info) { return std::string(info.param.name); });

// Listed with where they are, so that the caller drops them before any handler reads them.
TEST(Validation, UnknownMembersAreListedWithTheirPlace) {
    const json input = widget({{"bogus", 1}, {"parts", {{{"partName", "p"}, {"newer", true}}}}});
    const auto unknown = widgets_model().validate_input("CreateWidget", input, k_invalid);
    ASSERT_EQ(unknown.size(), 2u);
    EXPECT_EQ(unknown[0].name, "bogus");
    EXPECT_EQ(unknown[0].object, &input);
    EXPECT_EQ(unknown[1].path, "parts.1.member.newer");
    EXPECT_EQ(unknown[1].object, &input["parts"][0]);
    EXPECT_TRUE(widgets_model().validate_input("CreateWidget", widget(), k_invalid).empty());
}

TEST(Validation, ValidationErrorTypeIsTheServices) {
    auto got = thrown_by(
        [] { widgets_model().validate_input("CreateWidget", json::object(), "ClientException"); });
    EXPECT_EQ(got.type, "ClientException");
    EXPECT_EQ(got.message.rfind("2 validation errors detected: ", 0), 0u) << got.message;
}

TEST(Validation, OperationWithoutInputShapeTakesAnyObject) {
    EXPECT_EQ(validate(json{{"whatever", 1}}, "Ping").type, "none");
    EXPECT_EQ(validate(json::array(), "Ping").type, "SerializationException");
}

TEST(Validation, UnknownOperation) {
    EXPECT_EQ(validate(json::object(), "Nope").type, "UnknownOperationException");
}

TEST(Validation, ListMinimum) {
    EXPECT_EQ(validate(json{{"names", json::array()}}, "DescribeWidgets").message,
              "1 validation error detected: Value '[]' at 'names' failed to satisfy constraint: "
              "Member must have length greater than or equal to 1");
    EXPECT_EQ(validate(json{{"names", {"a"}}}, "DescribeWidgets").type, "none");
}

TEST(Validation, LongValuesInMessagesAreCut) {
    auto got = validate(widget({{"name", std::string(500, 'x')}}));
    EXPECT_EQ(got.type, k_invalid);
    EXPECT_LT(got.message.size(), 250u);
}

// The same checks against the real ECS model, with the inputs ECS users actually send.
class EcsValidation : public ::testing::Test {
  protected:
    const ServiceModel& ecs = ServiceModel::embedded("ecs-2014-11-13");
    testing::Thrown check(const std::string& op, const json& input) {
        return thrown_by([&] { ecs.validate_input(op, input, k_invalid); });
    }
};

TEST_F(EcsValidation, RegisterTaskDefinition) {
    json good{{"family", "web"},
              {"networkMode", "awsvpc"},
              {"requiresCompatibilities", {"FARGATE"}},
              {"cpu", "256"},
              {"memory", "512"},
              {"containerDefinitions",
               {{{"name", "app"},
                 {"image", "nginx"},
                 {"essential", true},
                 {"portMappings", {{{"containerPort", 80}, {"protocol", "tcp"}}}},
                 {"environment", {{{"name", "A"}, {"value", "1"}}}}}}}};
    EXPECT_EQ(check("RegisterTaskDefinition", good).type, "none");

    json banana = good;
    banana["networkMode"] = "banana";
    EXPECT_EQ(check("RegisterTaskDefinition", banana).message,
              "1 validation error detected: Value 'banana' at 'networkMode' failed to satisfy "
              "constraint: Member must satisfy enum value set: [bridge, host, awsvpc, none]");

    json no_family = good;
    no_family.erase("family");
    EXPECT_EQ(check("RegisterTaskDefinition", no_family).message,
              "1 validation error detected: Value null at 'family' failed to satisfy "
              "constraint: Member must not be null");

    json string_port = good;
    string_port["containerDefinitions"][0]["portMappings"][0]["containerPort"] = "80";
    auto got = check("RegisterTaskDefinition", string_port);
    EXPECT_EQ(got.type, "SerializationException");
    EXPECT_EQ(got.message,
              "STRING_VALUE cannot be converted to Integer (at "
              "'containerDefinitions.1.member.portMappings.1.member.containerPort')");
}

TEST_F(EcsValidation, TagLimits) {
    json tags = json::array();
    for (int i = 0; i < 51; ++i) tags.push_back({{"key", "k" + std::to_string(i)}, {"value", "v"}});
    auto got = check("CreateCluster", json{{"clusterName", "c"}, {"tags", tags}});
    EXPECT_EQ(got.type, k_invalid);
    EXPECT_NE(got.message.find("at 'tags' failed to satisfy constraint: Member must have length "
                               "less than or equal to 50"),
              std::string::npos)
        << got.message;
}

TEST_F(EcsValidation, EmptyInputForOperationsWithoutRequiredMembers) {
    EXPECT_EQ(check("ListClusters", json::object()).type, "none");
    EXPECT_EQ(check("DescribeClusters", json::object()).type, "none");
    EXPECT_EQ(check("CreateCluster", json::object()).type, "none");
}

}  // namespace
}  // namespace berth::protocol

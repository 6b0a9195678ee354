// PutAttributes, ListAttributes and DeleteAttributes on container instances.
#include "tasks_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class Attributes : public TasksTest {
  protected:
    void SetUp() override {
        create_cluster();
        arn_ = add_instance("default", 2048, 4096);
    }
    json put(const std::string& name, const std::string& value, const std::string& target) {
        return call("PutAttributes",
                    {{"attributes", {{{"name", name}, {"value", value}, {"targetId", target}}}}});
    }
    json list(const json& extra = json::object()) {
        json input{{"targetType", "container-instance"}};
        input.update(extra);
        return call("ListAttributes", input);
    }
    std::vector<std::string> names(const json& attributes) {
        std::vector<std::string> out;
        for (const auto& a : attributes) out.push_back(a["name"]);
        return out;
    }
    std::string arn_;
};

TEST_F(Attributes, PutListDescribeDelete) {
    auto out = put("stack", "prod", arn_);
    EXPECT_EQ(out["attributes"][0]["name"], "stack");
    EXPECT_EQ(out["attributes"][0]["targetId"], arn_);
    EXPECT_EQ(out["attributes"][0]["targetType"], "container-instance");

    auto found = list({{"attributeName", "stack"}, {"attributeValue", "prod"}})["attributes"];
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0]["value"], "prod");
    EXPECT_TRUE(
        list({{"attributeName", "stack"}, {"attributeValue", "dev"}})["attributes"].empty());
    EXPECT_EQ(names(list()["attributes"]), (std::vector<std::string>{"ecs.os-type", "stack"}));

    auto ci = call("DescribeContainerInstances", {{"containerInstances", {arn_}}});
    EXPECT_EQ(names(ci["containerInstances"][0]["attributes"]),
              (std::vector<std::string>{"ecs.os-type", "stack"}));

    // Putting the same name again replaces the value.
    put("stack", "dev", arn_);
    EXPECT_EQ(list({{"attributeName", "stack"}})["attributes"][0]["value"], "dev");

    call("DeleteAttributes", {{"attributes", {{{"name", "stack"}, {"targetId", arn_}}}}});
    EXPECT_TRUE(list({{"attributeName", "stack"}})["attributes"].empty());
}

TEST_F(Attributes, TargetByIdAndUnknownTarget) {
    put("zone", "a", "0123456789abcdef0123456789abcdef");
    EXPECT_EQ(list({{"attributeName", "zone"}})["attributes"][0]["targetId"], arn_);
    EXPECT_EQ(
        error_of("PutAttributes", {{"attributes", {{{"name", "x"}, {"targetId", "nope"}}}}}).first,
        "TargetNotFoundException");
    EXPECT_EQ(
        error_of("DeleteAttributes", {{"attributes", {{{"name", "x"}, {"targetId", "nope"}}}}})
            .first,
        "TargetNotFoundException");
}

TEST_F(Attributes, NameAndValueRules) {
    auto bad = [&](const json& attribute) {
        return error_of("PutAttributes", {{"attributes", {attribute}}}).first;
    };
    EXPECT_EQ(bad({{"name", "has space"}, {"targetId", arn_}}), "InvalidParameterException");
    EXPECT_EQ(bad({{"name", std::string(129, 'a')}, {"targetId", arn_}}),
              "InvalidParameterException");
    EXPECT_EQ(bad({{"name", "ok"}, {"value", "bad!"}, {"targetId", arn_}}),
              "InvalidParameterException");
    EXPECT_EQ(bad({{"name", "ok"}, {"targetType", "instance"}, {"targetId", arn_}}),
              "InvalidParameterException");
    put("a.b/c@d_e-f", "x y:z\\w", arn_);
    EXPECT_EQ(list({{"attributeName", "a.b/c@d_e-f"}})["attributes"][0]["value"], "x y:z\\w");
}

TEST_F(Attributes, TenCustomAttributesPerInstance) {
    for (int i = 0; i < 10; ++i) put("custom" + std::to_string(i), "v", arn_);
    auto [type, message] =
        error_of("PutAttributes", {{"attributes", {{{"name", "eleventh"}, {"targetId", arn_}}}}});
    EXPECT_EQ(type, "AttributeLimitExceededException");
    EXPECT_TRUE(list({{"attributeName", "eleventh"}})["attributes"].empty());
    // A call that fails changes nothing, not even the attributes before the one refused.
    EXPECT_EQ(
        error_of("PutAttributes", {{"attributes",
                                    {{{"name", "custom3"}, {"value", "w"}, {"targetId", arn_}},
                                     {{"name", "twelfth"}, {"targetId", arn_}}}}})
            .first,
        "AttributeLimitExceededException");
    EXPECT_EQ(list({{"attributeName", "custom3"}})["attributes"][0]["value"], "v");
    // Replacing one that exists is not a new one.
    put("custom3", "w", arn_);
    EXPECT_EQ(list({{"attributeName", "custom3"}})["attributes"][0]["value"], "w");
}

TEST_F(Attributes, ListNeedsTheTargetType) {
    EXPECT_EQ(error_of("ListAttributes", json::object()).first, "InvalidParameterException");
    EXPECT_EQ(error_of("ListAttributes", {{"targetType", "task"}}).first,
              "InvalidParameterException");
}

TEST_F(Attributes, ListPages) {
    for (int i = 0; i < 3; ++i) put("p" + std::to_string(i), "v", arn_);
    auto first = list({{"maxResults", 2}});
    ASSERT_EQ(first["attributes"].size(), 2u);
    ASSERT_TRUE(first.contains("nextToken"));
    auto second = list({{"maxResults", 2}, {"nextToken", first["nextToken"]}});
    EXPECT_EQ(second["attributes"].size(), 2u);  // 4 in all with ecs.os-type
    EXPECT_FALSE(second.contains("nextToken"));
}

TEST_F(Attributes, PlacementConstraintSeesCustomAttributes) {
    register_bridge("web", 128, 8080);
    json input{{"taskDefinition", "web"},
               {"placementConstraints",
                {{{"type", "memberOf"}, {"expression", "attribute:stack == prod"}}}}};
    EXPECT_TRUE(call("RunTask", input)["tasks"].empty());
    put("stack", "prod", arn_);
    EXPECT_EQ(call("RunTask", input)["tasks"].size(), 1u);
}

}  // namespace
}  // namespace berth::api::ecs::testing

#include "api/ssm/filters.hpp"

#include <gtest/gtest.h>

#include "berth/protocol/aws_error.hpp"

namespace berth::api::ssm {
namespace {

using nlohmann::json;

model::Parameter parameter(std::string name, model::ParameterType type) {
    model::Parameter p;
    p.name = std::move(name);
    model::ParameterVersion v;
    v.type = type;
    v.value = "x";
    p.add_version(v);
    p.add_version(v);
    return p;
}

std::vector<ParameterFilter> describe(json filters) {
    return read_parameter_filters(json{{"ParameterFilters", std::move(filters)}},
                                  FilterUse::describe);
}

std::string refusal(json filters, FilterUse use) {
    try {
        read_parameter_filters(json{{"ParameterFilters", std::move(filters)}}, use);
    } catch (const protocol::AwsError& e) {
        return e.type();
    }
    return "none";
}

TEST(ParameterFilters, AndAcrossFiltersOrWithinValues) {
    auto db = parameter("/app/db/url", model::ParameterType::string);
    auto secret = parameter("/app/db/pw", model::ParameterType::secure_string);
    auto filters = describe(json::array({
        {{"Key", "Name"}, {"Option", "BeginsWith"}, {"Values", {"/app/db", "/other"}}},
        {{"Key", "Type"}, {"Values", {"SecureString"}}},
    }));
    EXPECT_FALSE(matches(db, filters));
    EXPECT_TRUE(matches(secret, filters));
}

TEST(ParameterFilters, PathsAreOneLevelUnlessRecursive) {
    auto deep = parameter("/a/b/c", model::ParameterType::string);
    EXPECT_FALSE(matches(deep, describe(json::array({{{"Key", "Path"}, {"Values", {"/a"}}}}))));
    EXPECT_TRUE(matches(
        deep,
        describe(json::array({{{"Key", "Path"}, {"Option", "Recursive"}, {"Values", {"/a"}}}}))));
}

TEST(ParameterFilters, TagsByKeyOrValue) {
    auto p = parameter("/t", model::ParameterType::string);
    p.tags = {{"env", "dev"}};
    EXPECT_TRUE(matches(p, describe(json::array({{{"Key", "tag:env"}}}))));
    EXPECT_TRUE(matches(p, describe(json::array({{{"Key", "tag:env"}, {"Values", {"dev"}}}}))));
    EXPECT_FALSE(matches(p, describe(json::array({{{"Key", "tag:env"}, {"Values", {"prod"}}}}))));
    EXPECT_FALSE(matches(p, describe(json::array({{{"Key", "tag:team"}}}))));
}

TEST(ParameterFilters, LabelsAnyVersion) {
    auto p = parameter("/l", model::ParameterType::string);
    p.attach_labels(1, {"old"});
    auto filters = read_parameter_filters(
        json{{"ParameterFilters", {{{"Key", "Label"}, {"Values", {"old"}}}}}}, FilterUse::by_path);
    EXPECT_TRUE(matches(p, filters));
    EXPECT_EQ(label_filter(filters), std::vector<std::string>{"old"});
}

TEST(ParameterFilters, KeysAndOptionsEachOperationTakes) {
    const auto name = json::array({{{"Key", "Name"}, {"Values", {"x"}}}});
    const auto label = json::array({{{"Key", "Label"}, {"Values", {"x"}}}});
    EXPECT_EQ(refusal(name, FilterUse::by_path), "InvalidFilterKey");
    EXPECT_EQ(refusal(label, FilterUse::describe), "InvalidFilterKey");
    EXPECT_EQ(refusal(label, FilterUse::by_path), "none");
    EXPECT_EQ(refusal(json::array({{{"Key", "Name"}, {"Option", "Contains"}, {"Values", {"x"}}}}),
                      FilterUse::describe),
              "none");
    EXPECT_EQ(refusal(json::array({{{"Key", "Type"}, {"Option", "Contains"}, {"Values", {"x"}}}}),
                      FilterUse::describe),
              "InvalidFilterOption");
    EXPECT_EQ(
        refusal(json::array({{{"Key", "Label"}, {"Option", "BeginsWith"}, {"Values", {"x"}}}}),
                FilterUse::by_path),
        "InvalidFilterOption");
    EXPECT_EQ(refusal(json::array({{{"Key", "Type"}}}), FilterUse::describe), "InvalidFilterValue");
    EXPECT_EQ(
        refusal(json::array({{{"Key", "Path"}, {"Values", {"no-slash"}}}}), FilterUse::describe),
        "InvalidFilterValue");
}

}  // namespace
}  // namespace berth::api::ssm

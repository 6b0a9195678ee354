#include <gtest/gtest.h>

#include "berth/protocol/service_model.hpp"
#include "test_support.hpp"

namespace berth::protocol {
namespace {

using nlohmann::json;
using testing::widgets_model;

std::vector<std::string> check(const json& output, const std::string& op = "DescribeWidgets") {
    return widgets_model().check_output(op, output);
}

TEST(CheckOutput, ConformingOutputHasNoViolations) {
    json output{{"widgets",
                 {{{"name", "w"},
                   {"color", "red"},
                   {"size", 3},
                   {"ratio", 0.5},
                   {"enabled", true},
                   {"createdAt", 1700000000.123},
                   {"labels", {{"a", "b"}}},
                   {"parts", {{{"partName", "p"}, {"count", 1}}}}}}},
                {"nextToken", "t"}};
    EXPECT_TRUE(check(output).empty());
    EXPECT_TRUE(check(json::object()).empty());
    EXPECT_TRUE(check(json{{"widgets", json::array()}}).empty());
}

TEST(CheckOutput, UnknownMemberNamesPathAndShape) {
    EXPECT_EQ(check(json{{"widgets", {{{"name", "w"}, {"bogus", 1}}}}}),
              std::vector<std::string>{"DescribeWidgets: widgets[0].bogus: not in shape Widget"});
    EXPECT_EQ(
        check(json{{"extra", 1}}),
        std::vector<std::string>{"DescribeWidgets: extra: not in shape DescribeWidgetsResponse"});
}

TEST(CheckOutput, WrongTypes) {
    auto v = check(json{{"widgets",
                         {{{"name", 5},
                           {"size", "3"},
                           {"ratio", "x"},
                           {"enabled", "yes"},
                           {"labels", {"a"}},
                           {"parts", {{{"count", 1.5}}}}}}}});
    EXPECT_EQ(v, (std::vector<std::string>{
                     "DescribeWidgets: widgets[0].enabled: expected boolean, got string",
                     "DescribeWidgets: widgets[0].labels: expected map, got array",
                     "DescribeWidgets: widgets[0].name: expected string, got integer",
                     "DescribeWidgets: widgets[0].parts[0].count: expected integer, got float",
                     "DescribeWidgets: widgets[0].ratio: expected number, got string",
                     "DescribeWidgets: widgets[0].size: expected integer, got string",
                 }));
}

TEST(CheckOutput, TimestampsMustBeEpochSeconds) {
    auto v = check(json{{"widgets", {{{"createdAt", "2024-01-01T00:00:00Z"}}}}});
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0],
              "DescribeWidgets: widgets[0].createdAt: expected timestamp as epoch seconds "
              "(number), got string");
    EXPECT_TRUE(check(json{{"widgets", {{{"createdAt", 1700000000}}}}}).empty());
}

TEST(CheckOutput, EnumNullsAndStructureType) {
    EXPECT_EQ(check(json{{"widgets", {{{"color", "purple"}}}}}),
              std::vector<std::string>{
                  "DescribeWidgets: widgets[0].color: 'purple' is not in enum Color"});
    EXPECT_EQ(
        check(json{{"nextToken", nullptr}}),
        std::vector<std::string>{"DescribeWidgets: nextToken: null (omit the member instead)"});
    EXPECT_EQ(
        check(json{{"widgets", {"w"}}}),
        std::vector<std::string>{"DescribeWidgets: widgets[0]: expected structure, got string"});
    EXPECT_EQ(check(json::array()),
              std::vector<std::string>{"DescribeWidgets: (output): expected structure, got array"});
}

TEST(CheckOutput, MapValuesAreChecked) {
    EXPECT_EQ(check(json{{"widgets", {{{"labels", {{"k", 1}}}}}}}),
              std::vector<std::string>{
                  "DescribeWidgets: widgets[0].labels.k: expected string, got integer"});
}

TEST(CheckOutput, OperationWithoutOutputShape) {
    EXPECT_TRUE(check(json::object(), "Ping").empty());
    EXPECT_EQ(check(json{{"x", 1}}, "Ping").size(), 1u);
    EXPECT_EQ(check(json::object(), "Nope").size(), 1u);
}

TEST(CheckOutput, RealEcsShapes) {
    const auto& ecs = ServiceModel::embedded("ecs-2014-11-13");
    json cluster{{"clusterArn", "arn:aws:ecs:us-east-1:000000000000:cluster/default"},
                 {"clusterName", "default"},
                 {"status", "ACTIVE"},
                 {"registeredContainerInstancesCount", 0},
                 {"runningTasksCount", 0},
                 {"pendingTasksCount", 0},
                 {"activeServicesCount", 0},
                 {"statistics", json::array()},
                 {"tags", json::array()},
                 {"settings", {{{"name", "containerInsights"}, {"value", "disabled"}}}}};
    EXPECT_TRUE(ecs.check_output("DescribeClusters",
                                 json{{"clusters", {cluster}}, {"failures", json::array()}})
                    .empty());
    cluster["bogus"] = true;
    EXPECT_EQ(
        ecs.check_output("DescribeClusters", json{{"clusters", {cluster}}}),
        std::vector<std::string>{"DescribeClusters: clusters[0].bogus: not in shape Cluster"});
}

}  // namespace
}  // namespace berth::protocol

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include <algorithm>
#include <set>

#include "berth/protocol/service_model.hpp"
#include "protocol/model_compiler.hpp"
#include "support/source_paths.hpp"
#include "test_support.hpp"

namespace berth::protocol {
namespace {

using nlohmann::json;

// The tables compiled into the binary are the model on disk compiled at run time with the same
// operation list: same operations, same shapes, same members, same constraints.
TEST(ServiceModel, EmbeddedEcsTablesAreTheFileOnDisk) {
    const auto on_disk = json::parse(testing::read_text(
        std::string(berth::test_paths::source_dir()) + "/api-models/ecs-2014-11-13.service.json"));
    const auto& ecs = ServiceModel::embedded("ecs-2014-11-13");
    std::set<std::string> embedded;
    for (const auto& op : ecs.tables().operations) {
        if (op.embedded) embedded.emplace(op.name);
    }
    const auto compiled = detail::compile_model("ecs-2014-11-13", on_disk, embedded);
    EXPECT_EQ(testing::describe(ecs.tables()), testing::describe(compiled->tables));
}

TEST(ServiceModel, EcsMetadata) {
    const auto& ecs = ServiceModel::embedded("ecs-2014-11-13");
    EXPECT_EQ(ecs.target_prefix(), "AmazonEC2ContainerServiceV20141113");
    EXPECT_EQ(ecs.service_id(), "ECS");
    EXPECT_EQ(ecs.endpoint_prefix(), "ecs");
    EXPECT_TRUE(ecs.has_operation("RunTask"));
    EXPECT_FALSE(ecs.has_operation("RunTasks"));
    EXPECT_EQ(ecs.input_shape("RunTask"), "RunTaskRequest");
    EXPECT_EQ(ecs.output_shape("RunTask"), "RunTaskResponse");
    EXPECT_EQ(ecs.input_shape("Nope"), std::nullopt);
    const auto names = ecs.operation_names();
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_EQ(names.size(), 77u);
}

// Only the implemented operations carry shapes, and only the shapes they reach are embedded.
TEST(ServiceModel, EmbeddedEcsKeepsOnlyImplementedShapes) {
    const auto& ecs = ServiceModel::embedded("ecs-2014-11-13");
    EXPECT_TRUE(ecs.has_shapes("RunTask"));
    EXPECT_TRUE(ecs.has_operation("DiscoverPollEndpoint"));
    EXPECT_FALSE(ecs.has_shapes("DiscoverPollEndpoint"));
    EXPECT_EQ(ecs.input_shape("DiscoverPollEndpoint"), std::nullopt);
    const auto& shapes = ecs.tables().shapes;
    auto named = [&](std::string_view n) {
        return std::any_of(shapes.begin(), shapes.end(),
                           [&](const auto& s) { return s.name == n; });
    };
    EXPECT_TRUE(named("NetworkMode"));
    EXPECT_FALSE(named("DiscoverPollEndpointRequest"));
    EXPECT_FALSE(named("DiscoverPollEndpointResponse"));
}

TEST(ServiceModel, CompilerPrunesToTheOperationsGiven) {
    const auto doc = json::parse(testing::read_text(std::string(berth::test_paths::data_dir()) +
                                                    "/protocol/widgets.service.json"));
    const auto all = detail::compile_model("w", doc, std::nullopt);
    const auto one = detail::compile_model("w", doc, std::set<std::string>{"Ping"});
    EXPECT_EQ(all->operations.size(), one->operations.size());
    EXPECT_TRUE(all->operations.front().embedded);  // CreateWidget
    EXPECT_FALSE(one->operations.front().embedded);
    EXPECT_TRUE(one->shapes.empty());  // Ping has neither input nor output
    const auto two = detail::compile_model("w", doc, std::set<std::string>{"DescribeWidgets"});
    std::vector<std::string_view> names;
    for (const auto& s : two->shapes) names.push_back(s.name);
    EXPECT_EQ(std::count(names.begin(), names.end(), "CreateWidgetRequest"), 0);
    EXPECT_EQ(std::count(names.begin(), names.end(), "DescribeWidgetsRequest"), 1);
    EXPECT_THROW(detail::compile_model("w", doc, std::set<std::string>{"Nope"}),
                 std::invalid_argument);
}

TEST(ServiceModel, EmbeddedIsParsedOnceAndThreadSafe) {
    std::vector<const ServiceModel*> seen(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i) {
        threads.emplace_back([&, i] { seen[i] = &ServiceModel::embedded("ecs-2014-11-13"); });
    }
    for (auto& t : threads) t.join();
    for (const auto* p : seen) EXPECT_EQ(p, seen[0]);
}

TEST(ServiceModel, UnknownEmbeddedNameThrows) {
    EXPECT_THROW(ServiceModel::embedded("nope-2020-01-01"), std::out_of_range);
}

TEST(ServiceModel, RejectsDanglingShapeReferences) {
    json doc{{"metadata", {{"targetPrefix", "X"}}},
             {"operations", json::object()},
             {"shapes", {{"A", {{"type", "list"}, {"member", {{"shape", "Missing"}}}}}}}};
    EXPECT_THROW(ServiceModel{doc}, std::invalid_argument);
}

TEST(ServiceModel, WidgetsFixture) {
    const auto& model = testing::widgets_model();
    EXPECT_EQ(model.target_prefix(), "WidgetService_20240101");
    EXPECT_EQ(model.endpoint_prefix(), "widgets");
    EXPECT_EQ(model.output_shape("Ping"), std::nullopt);
}

}  // namespace
}  // namespace berth::protocol

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "berth/protocol/embedded_models.hpp"
#include "berth/protocol/service_model.hpp"
#include "test_support.hpp"

namespace berth::protocol {
namespace {

using nlohmann::json;

TEST(ServiceModel, EmbeddedEcsModelIsTheFileOnDisk) {
    const auto on_disk = json::parse(testing::read_text(std::string(BERTH_SOURCE_DIR) +
                                                        "/api-models/ecs-2014-11-13.service.json"));
    EXPECT_TRUE(ServiceModel::embedded("ecs-2014-11-13").document() == on_disk);
    bool found = false;
    for (const auto& m : embedded_models()) {
        if (m.name == "ecs-2014-11-13") {
            found = true;
            EXPECT_TRUE(json::parse(m.json) == on_disk);
        }
    }
    EXPECT_TRUE(found);
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
    EXPECT_EQ(ecs.shape("NetworkMode").at("type"), "string");
    const auto names = ecs.operation_names();
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_EQ(names.size(), ecs.document().at("operations").size());
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

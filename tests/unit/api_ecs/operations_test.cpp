// The ECS operation table against the embedded model: the generator embedded shapes for exactly
// the operations of operations.def, and make_ecs_service registers a handler for each of them.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "api/ecs/operations.hpp"
#include "berth/api/ecs/ecs_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::ecs {
namespace {

TEST(OperationTable, MatchesTheEmbeddedModel) {
    const auto& model = protocol::ServiceModel::embedded("ecs-2014-11-13");
    std::set<std::string> table;
    for (const auto& op : ecs_operations()) {
        EXPECT_TRUE(table.emplace(op.name).second) << op.name << " is listed twice";
        EXPECT_NE(op.handler, nullptr) << op.name;
    }
    std::set<std::string> embedded;
    for (const auto& name : model.operation_names()) {
        if (model.has_shapes(name)) embedded.insert(name);
    }
    EXPECT_EQ(table, embedded);
    EXPECT_EQ(table.size(), 58u);
    EXPECT_EQ(model.operation_names().size(), 77u);

    model::Store store;
    const auto service = make_ecs_service(Environment{store});
    for (const auto& name : model.operation_names()) {
        EXPECT_EQ(service->implements(name), table.contains(name)) << name;
    }
}

}  // namespace
}  // namespace berth::api::ecs

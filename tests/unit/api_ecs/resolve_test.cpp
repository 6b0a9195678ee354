#include "api/ecs/resolve.hpp"

#include <gtest/gtest.h>

#include "berth/protocol/aws_error.hpp"
#include "thrown.hpp"

namespace berth::api::ecs {
namespace {

const model::PartitionKey k_us{"000000000000", "us-east-1"};

using test_support::type_thrown;

TEST(Resolve, TaskDefinitionReferences) {
    auto ref = parse_task_definition_ref(k_us, "web");
    EXPECT_EQ(ref.family, "web");
    EXPECT_FALSE(ref.revision);
    ref = parse_task_definition_ref(k_us, "web:12");
    EXPECT_EQ(ref.family, "web");
    EXPECT_EQ(ref.revision, 12);
    ref =
        parse_task_definition_ref(k_us, "arn:aws:ecs:us-east-1:000000000000:task-definition/web:3");
    EXPECT_EQ(ref.family, "web");
    EXPECT_EQ(ref.revision, 3);
    ref = parse_task_definition_ref(k_us, "arn:aws:ecs:us-east-1:000000000000:task-definition/web");
    EXPECT_FALSE(ref.revision);

    for (const char* bad : {"web:latest", "web:0", "web:-1", "web:", "bad family", ":3"}) {
        EXPECT_EQ(type_thrown([&] { parse_task_definition_ref(k_us, bad); }), "ClientException")
            << bad;
    }
    for (const char* bad :
         {"arn:aws:ecs:eu-west-1:000000000000:task-definition/web:1",
          "arn:aws:ecs:us-east-1:111111111111:task-definition/web:1",
          "arn:aws:ecs:us-east-1:000000000000:cluster/web", "arn:aws:iam::000000000000:role/web"}) {
        EXPECT_EQ(type_thrown([&] { parse_task_definition_ref(k_us, bad); }),
                  "InvalidParameterException")
            << bad;
    }
}

TEST(Resolve, ClusterReferences) {
    EXPECT_EQ(cluster_name(k_us, ""), "default");
    EXPECT_EQ(cluster_name(k_us, "web"), "web");
    EXPECT_EQ(cluster_name(k_us, "arn:aws:ecs:us-east-1:000000000000:cluster/web"), "web");
    EXPECT_EQ(cluster_name_from_input(k_us, nlohmann::json::object()), "default");
    EXPECT_EQ(cluster_name_from_input(k_us, {{"cluster", "web"}}), "web");
    for (const char* bad : {"arn:aws:ecs:eu-west-1:000000000000:cluster/web",
                            "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1",
                            "arn:aws:ecs:us-east-1:000000000000:cluster/", "arn:nope"}) {
        EXPECT_EQ(type_thrown([&] { cluster_name(k_us, bad); }), "InvalidParameterException")
            << bad;
    }
}

TEST(Resolve, LatestActiveRevisionAndDeletedSlots) {
    model::Partition p;
    p.key = k_us;
    auto& revisions = p.task_definitions["web"];
    for (int i = 1; i <= 3; ++i) {
        model::TaskDefinition td;
        td.family = "web";
        td.revision = i;
        td.arn = model::task_definition_arn(k_us, "web", i);
        revisions.push_back(td);
    }
    revisions[2].status = model::TaskDefinitionStatus::inactive;
    revisions[0].status = model::TaskDefinitionStatus::delete_in_progress;
    EXPECT_EQ(find_task_definition(p, {"web", std::nullopt})->revision, 2);
    EXPECT_EQ(find_task_definition(p, {"web", 3})->status, model::TaskDefinitionStatus::inactive);
    EXPECT_EQ(find_task_definition(p, {"web", 1}), nullptr);  // deleted and unused: gone
    EXPECT_EQ(find_task_definition(p, {"web", 4}), nullptr);
    EXPECT_EQ(find_task_definition(p, {"db", std::nullopt}), nullptr);

    // A running task keeps the deleted revision visible.
    model::Task t;
    t.task_definition_arn = revisions[0].arn;
    t.last_status = model::TaskStatus::running;
    p.tasks["t"] = t;
    EXPECT_NE(find_task_definition(p, {"web", 1}), nullptr);
}

}  // namespace
}  // namespace berth::api::ecs

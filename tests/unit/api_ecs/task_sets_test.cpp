// CreateTaskSet, DescribeTaskSets, UpdateTaskSet, DeleteTaskSet and UpdateServicePrimaryTaskSet
// through the JSON API (strict output: every answer matches the model's shapes).
#include "services_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class TaskSetsTest : public ServicesTest {
  protected:
    void SetUp() override {
        create_cluster();
        register_bridge("web");
        register_bridge("web");
        call("CreateService", {{"serviceName", "ext"},
                               {"desiredCount", 4},
                               {"deploymentController", {{"type", "EXTERNAL"}}}});
    }

    json create_task_set(json extra = json::object()) {
        json input{{"cluster", "default"}, {"service", "ext"}, {"taskDefinition", "web:1"}};
        for (const auto& [k, v] : extra.items()) input[k] = v;
        return call("CreateTaskSet", input)["taskSet"];
    }

    json describe(const std::vector<std::string>& refs, json extra = json::object()) {
        json input{{"cluster", "default"}, {"service", "ext"}, {"taskSets", refs}};
        for (const auto& [k, v] : extra.items()) input[k] = v;
        return call("DescribeTaskSets", input);
    }

    static json percent(double value) { return {{"value", value}, {"unit", "PERCENT"}}; }
};

TEST_F(TaskSetsTest, CreateAnswersWithTheTaskSetAndItsComputedCount) {
    auto ts = create_task_set({{"scale", percent(50)}, {"externalId", "deploy-1"}});
    EXPECT_EQ(ts["status"], "ACTIVE");
    EXPECT_EQ(ts["computedDesiredCount"], 2);
    EXPECT_EQ(ts["scale"], percent(50));
    EXPECT_EQ(ts["externalId"], "deploy-1");
    EXPECT_EQ(ts["stabilityStatus"], "STABILIZING");
    EXPECT_EQ(ts["launchType"], "EC2");
    EXPECT_EQ(ts["taskDefinition"], model::task_definition_arn(key, "web", 1));
    EXPECT_EQ(ts["serviceArn"], service_arn("ext"));
    const std::string id = ts["id"];
    EXPECT_TRUE(id.starts_with("ecs-svc/")) << id;
    EXPECT_EQ(ts["taskSetArn"], model::task_set_arn(key, "default", "ext", id));
    // The service lists it; it has no ECS deployment of its own.
    auto s = describe_service("ext");
    ASSERT_EQ(s["taskSets"].size(), 1u);
    EXPECT_EQ(s["taskSets"][0]["id"], id);
    EXPECT_EQ(s["deployments"], json::array());
}

TEST_F(TaskSetsTest, WithoutAScaleATaskSetRunsNothing) {
    // As ECS's own create-task-set example answers: scale 0 percent, count 0.
    auto ts = create_task_set();
    EXPECT_EQ(ts["scale"], percent(0));
    EXPECT_EQ(ts["computedDesiredCount"], 0);
}

TEST_F(TaskSetsTest, UpdateScalesAndTheServiceCountRescales) {
    const std::string id = create_task_set({{"scale", percent(25)}})["id"];
    auto ts = call("UpdateTaskSet", {{"cluster", "default"},
                                     {"service", "ext"},
                                     {"taskSet", id},
                                     {"scale", percent(30)}})["taskSet"];
    EXPECT_EQ(ts["computedDesiredCount"], 2);  // 1.2 rounds up
    call("UpdateService", {{"service", "ext"}, {"desiredCount", 10}});
    EXPECT_EQ(describe({id})["taskSets"][0]["computedDesiredCount"], 3);
}

TEST_F(TaskSetsTest, ANewCountIsStabilizingAtOnce) {
    // As ECS's update-task-set example answers: STABILIZING, before any task has moved.
    const std::string id = create_task_set({{"scale", percent(25)}})["id"];
    const auto settle = [&] {
        store.write(key, [&](model::Partition& p) {
            for (auto& ts : p.services.at(service_arn("ext")).task_sets) {
                ts.stability_status = model::StabilityStatus::steady_state;
            }
        });
    };
    settle();
    auto ts = call("UpdateTaskSet", {{"cluster", "default"},
                                     {"service", "ext"},
                                     {"taskSet", id},
                                     {"scale", percent(50)}})["taskSet"];
    EXPECT_EQ(ts["stabilityStatus"], "STABILIZING");
    settle();
    call("UpdateService", {{"service", "ext"}, {"desiredCount", 8}});
    EXPECT_EQ(describe({id})["taskSets"][0]["stabilityStatus"], "STABILIZING");
    // A service count that leaves the set's count where it was leaves it steady.
    settle();
    call("UpdateService", {{"service", "ext"}, {"desiredCount", 7}});
    EXPECT_EQ(describe({id})["taskSets"][0]["stabilityStatus"], "STEADY_STATE");
}

TEST_F(TaskSetsTest, PrimaryTaskSetMovesAndItsSettingsShowOnTheService) {
    const std::string blue = create_task_set({{"scale", percent(100)}})["id"];
    const std::string green =
        create_task_set({{"scale", percent(100)}, {"taskDefinition", "web:2"}})["id"];
    auto p = call("UpdateServicePrimaryTaskSet",
                  {{"cluster", "default"}, {"service", "ext"}, {"primaryTaskSet", blue}});
    EXPECT_EQ(p["taskSet"]["status"], "PRIMARY");
    EXPECT_EQ(describe_service("ext")["taskDefinition"], model::task_definition_arn(key, "web", 1));

    call("UpdateServicePrimaryTaskSet",
         {{"cluster", "default"}, {"service", "ext"}, {"primaryTaskSet", green}});
    auto both = describe({blue, green})["taskSets"];
    EXPECT_EQ(both[0]["status"], "ACTIVE");
    EXPECT_EQ(both[1]["status"], "PRIMARY");
    EXPECT_EQ(describe_service("ext")["taskDefinition"], model::task_definition_arn(key, "web", 2));
}

TEST_F(TaskSetsTest, DeleteDrainsAndNeedsForceAboveZero) {
    const std::string arn = create_task_set({{"scale", percent(50)}})["taskSetArn"];
    json input{{"cluster", "default"}, {"service", "ext"}, {"taskSet", arn}};
    auto [type, message] = error_of("DeleteTaskSet", input);
    EXPECT_EQ(type, "InvalidParameterException") << message;
    input["force"] = true;
    auto ts = call("DeleteTaskSet", input)["taskSet"];
    EXPECT_EQ(ts["status"], "DRAINING");
    EXPECT_EQ(ts["computedDesiredCount"], 0);
    // Once the scheduler has stopped its tasks it is gone (the scheduler's tests); until then
    // it is described as DRAINING.
    EXPECT_EQ(describe({arn})["taskSets"][0]["status"], "DRAINING");
}

TEST_F(TaskSetsTest, DescribeTagsAndMissingOnes) {
    const std::string id = create_task_set({{"tags", {{{"key", "team"}, {"value", "a"}}}}})["id"];
    auto out = describe({id, "ecs-svc/1"}, {{"include", {"TAGS"}}});
    ASSERT_EQ(out["taskSets"].size(), 1u);
    EXPECT_EQ(out["taskSets"][0]["tags"], json::parse(R"([{"key":"team","value":"a"}])"));
    ASSERT_EQ(out["failures"].size(), 1u);
    EXPECT_EQ(out["failures"][0]["arn"], "ecs-svc/1");
    EXPECT_EQ(out["failures"][0]["reason"], "MISSING");
    EXPECT_FALSE(describe({id})["taskSets"][0].contains("tags"));
}

TEST_F(TaskSetsTest, TaggedByArn) {
    const std::string arn = create_task_set()["taskSetArn"];
    call("TagResource", {{"resourceArn", arn}, {"tags", {{{"key", "stage"}, {"value", "b"}}}}});
    auto listed = call("ListTagsForResource", {{"resourceArn", arn}})["tags"];
    EXPECT_EQ(listed, json::parse(R"([{"key":"stage","value":"b"}])"));
    call("UntagResource", {{"resourceArn", arn}, {"tagKeys", {"stage"}}});
    EXPECT_EQ(call("ListTagsForResource", {{"resourceArn", arn}})["tags"], json::array());
    const auto unknown = model::task_set_arn(key, "default", "ext", "ecs-svc/1");
    EXPECT_EQ(error_of("ListTagsForResource", {{"resourceArn", unknown}}).first,
              "InvalidParameterException");
}

TEST_F(TaskSetsTest, RefusedAsEcsRefuses) {
    call("CreateService", {{"serviceName", "rolling"}, {"taskDefinition", "web"}});
    const json base{{"cluster", "default"}, {"service", "ext"}, {"taskDefinition", "web:1"}};
    struct Row {
        const char* name;
        std::string op;
        json input;
        std::string type;
        std::string message;  // "" when any text will do
    };
    auto with = [&](json extra) {
        json input = base;
        for (const auto& [k, v] : extra.items()) input[k] = v;
        return input;
    };
    const Row rows[] = {
        {"not an EXTERNAL service", "CreateTaskSet", with({{"service", "rolling"}}),
         "InvalidParameterException",
         "Amazon ECS only supports task set management on services configured to use external "
         "deployment controllers."},
        {"no such service", "CreateTaskSet", with({{"service", "nope"}}),
         "ServiceNotFoundException", ""},
        {"no such cluster", "CreateTaskSet", with({{"cluster", "nope"}}),
         "ClusterNotFoundException", ""},
        {"no such task definition", "CreateTaskSet", with({{"taskDefinition", "nope:1"}}),
         "ClientException", ""},
        {"scale above 100", "CreateTaskSet", with({{"scale", percent(101)}}),
         "InvalidParameterException", ""},
        {"describe with no task set",
         "DescribeTaskSets",
         {{"cluster", "default"}, {"service", "ext"}},
         "InvalidParameterException",
         "TaskSets cannot be empty."},
        {"a task ARN is no task set",
         "DescribeTaskSets",
         {{"cluster", "default"},
          {"service", "ext"},
          {"taskSets", {model::task_arn(key, "default", "0123")}}},
         "InvalidParameterException",
         "Task Set Identifier is invalid"},
        {"update an unknown task set",
         "UpdateTaskSet",
         {{"cluster", "default"},
          {"service", "ext"},
          {"taskSet", "ecs-svc/1"},
          {"scale", percent(1)}},
         "TaskSetNotFoundException",
         ""},
        {"primary unknown",
         "UpdateServicePrimaryTaskSet",
         {{"cluster", "default"}, {"service", "ext"}, {"primaryTaskSet", "ecs-svc/1"}},
         "TaskSetNotFoundException",
         ""},
        {"UpdateService cannot change the network of an EXTERNAL service",
         "UpdateService",
         {{"service", "ext"}, {"networkConfiguration", awsvpc()}},
         "InvalidParameterException",
         ""},
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(r.name);
        auto [type, message] = error_of(r.op, r.input);
        EXPECT_EQ(type, r.type) << message;
        if (!r.message.empty()) {
            EXPECT_EQ(message, r.message);
        }
    }
}

TEST_F(TaskSetsTest, NoDaemonServiceUnderAnExternalController) {
    EXPECT_EQ(error_of("CreateService", {{"serviceName", "daemon"},
                                         {"schedulingStrategy", "DAEMON"},
                                         {"deploymentController", {{"type", "EXTERNAL"}}}})
                  .first,
              "InvalidParameterException");
}

TEST_F(TaskSetsTest, FiveTaskSetsAtMost) {
    for (int i = 0; i < 5; ++i) create_task_set();
    auto [type, message] = error_of(
        "CreateTaskSet", {{"cluster", "default"}, {"service", "ext"}, {"taskDefinition", "web"}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message,
              "5 deployments exist on the service. Unable to create new TaskSet since this "
              "exceeds the maximum limit.");
}

TEST_F(TaskSetsTest, DeleteServiceDrainsItsTaskSets) {
    create_task_set({{"scale", percent(100)}});
    call("DeleteService", {{"service", "ext"}, {"force", true}});
    auto s = stored("ext");
    ASSERT_EQ(s.task_sets.size(), 1u);
    EXPECT_EQ(s.task_sets[0].status, model::TaskSetStatus::draining);
    EXPECT_EQ(s.task_sets[0].computed_desired_count, 0);
}

TEST_F(TaskSetsTest, ClientTokenReplaysTheFirstAnswer) {
    auto first = create_task_set({{"clientToken", "t-1"}, {"scale", percent(10)}});
    auto again = create_task_set({{"clientToken", "t-1"}, {"scale", percent(10)}});
    EXPECT_EQ(first["id"], again["id"]);
    EXPECT_EQ(stored("ext").task_sets.size(), 1u);
}

}  // namespace
}  // namespace berth::api::ecs::testing

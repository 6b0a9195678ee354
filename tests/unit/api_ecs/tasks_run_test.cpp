// RunTask and StartTask through the JSON API: validation, launch types, placement, overrides,
// tags and clientToken idempotency.
#include <regex>

#include "tasks_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class RunTask : public TasksTest {
  protected:
    void SetUp() override {
        create_cluster();
        instance_ = add_instance("default", 2048, 1024);
    }
    std::string instance_;
};

TEST_F(RunTask, AnswersAtOnceWithAPendingTask) {
    auto td = register_bridge("web");
    auto out = call("RunTask", {{"taskDefinition", "web"}, {"startedBy", "ci"}});
    ASSERT_EQ(out["tasks"].size(), 1u);
    EXPECT_EQ(out["failures"], json::array());
    const auto& task = out["tasks"][0];
    EXPECT_TRUE(std::regex_match(
        task["taskArn"].get<std::string>(),
        std::regex("arn:aws:ecs:us-east-1:000000000000:task/default/[0-9a-f]{32}")));
    EXPECT_EQ(task["clusterArn"], "arn:aws:ecs:us-east-1:000000000000:cluster/default");
    EXPECT_EQ(task["taskDefinitionArn"], td["taskDefinitionArn"]);
    EXPECT_EQ(task["containerInstanceArn"], instance_);
    EXPECT_EQ(task["lastStatus"], "PENDING");
    EXPECT_EQ(task["desiredStatus"], "RUNNING");
    EXPECT_EQ(task["launchType"], "EC2");
    EXPECT_EQ(task["group"], "family:web");
    EXPECT_EQ(task["startedBy"], "ci");
    EXPECT_EQ(task["version"], 1);
    EXPECT_EQ(task["createdAt"], 1'700'000'000.0);
    EXPECT_FALSE(task.contains("platformVersion"));
    ASSERT_EQ(task["containers"].size(), 1u);
    EXPECT_EQ(task["containers"][0]["name"], "web");
    EXPECT_EQ(task["containers"][0]["lastStatus"], "PENDING");
    EXPECT_EQ(task["containers"][0]["memory"], "256");
    EXPECT_EQ(task["containers"][0]["taskArn"], task["taskArn"]);
    EXPECT_EQ(task["overrides"]["containerOverrides"], json::parse(R"([{"name": "web"}])"));

    // The task is in the Store, where the runtime will pick it up.
    auto stored = store.read(key, [](const model::Partition& p) { return p.tasks.size(); });
    EXPECT_EQ(stored, 1u);
}

TEST_F(RunTask, TaskDefinitionByFamilyRevisionOrArn) {
    register_bridge("web");
    auto second = register_bridge("web", 128);
    EXPECT_EQ(call("RunTask", {{"taskDefinition", "web"}})["tasks"][0]["taskDefinitionArn"],
              second["taskDefinitionArn"]);
    EXPECT_EQ(call("RunTask", {{"taskDefinition", "web:1"}})["tasks"][0]["taskDefinitionArn"],
              "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1");
    EXPECT_EQ(call("RunTask", {{"taskDefinition",
                                second["taskDefinitionArn"]}})["tasks"][0]["taskDefinitionArn"],
              second["taskDefinitionArn"]);
}

TEST_F(RunTask, UnknownOrInactiveTaskDefinitionIsRefused) {
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "nope"}}).first, "ClientException");
    register_bridge("web");
    call("DeregisterTaskDefinition", {{"taskDefinition", "web:1"}});
    auto [type, message] = error_of("RunTask", {{"taskDefinition", "web:1"}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message, "TaskDefinition is inactive");
}

TEST_F(RunTask, UnknownClusterIsClusterNotFound) {
    register_bridge("web");
    EXPECT_EQ(error_of("RunTask", {{"cluster", "nope"}, {"taskDefinition", "web"}}).first,
              "ClusterNotFoundException");
}

TEST_F(RunTask, CountIsBetweenOneAndTen) {
    register_bridge("web", 16);
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "web"}, {"count", 0}}).first,
              "InvalidParameterException");
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "web"}, {"count", 11}}).first,
              "InvalidParameterException");
    auto out = call("RunTask", {{"taskDefinition", "web"}, {"count", 10}});
    EXPECT_EQ(out["tasks"].size(), 10u);
    std::set<std::string> arns;
    for (const auto& t : out["tasks"]) arns.insert(t["taskArn"].get<std::string>());
    EXPECT_EQ(arns.size(), 10u);
}

TEST_F(RunTask, TasksThatFitNowhereComeBackAsResourceFailures) {
    register_bridge("big", 400);  // 1024 MiB instance: two fit, the third does not
    auto out = call("RunTask", {{"taskDefinition", "big"}, {"count", 3}});
    EXPECT_EQ(out["tasks"].size(), 2u);
    ASSERT_EQ(out["failures"].size(), 1u);
    EXPECT_EQ(out["failures"][0]["arn"], instance_);
    EXPECT_EQ(out["failures"][0]["reason"], "RESOURCE:MEMORY");

    // The two placed tasks hold their memory until they stop.
    EXPECT_EQ(call("RunTask", {{"taskDefinition", "big"}})["failures"][0]["reason"],
              "RESOURCE:MEMORY");
    for (const auto& t : out["tasks"]) set_last_status(t["taskArn"], model::TaskStatus::stopped);
    EXPECT_EQ(call("RunTask", {{"taskDefinition", "big"}})["tasks"].size(), 1u);
}

TEST_F(RunTask, CpuAndStaticPortsAreResourcesToo) {
    register_bridge("port", 16, 8080);
    auto out = call("RunTask", {{"taskDefinition", "port"}, {"count", 2}});
    EXPECT_EQ(out["tasks"].size(), 1u);
    EXPECT_EQ(out["failures"][0]["reason"], "RESOURCE:PORTS");

    call("RegisterTaskDefinition",
         {{"family", "cpu"},
          {"containerDefinitions",
           json::array({{{"name", "c"}, {"image", "busybox"}, {"memory", 16}, {"cpu", 4096}}})}});
    EXPECT_EQ(call("RunTask", {{"taskDefinition", "cpu"}})["failures"][0]["reason"],
              "RESOURCE:CPU");
}

TEST_F(RunTask, NoContainerInstanceIsAnError) {
    create_cluster("empty");
    register_bridge("web");
    auto [type, message] = error_of("RunTask", {{"cluster", "empty"}, {"taskDefinition", "web"}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message, "No Container Instances were found in your cluster.");
}

TEST_F(RunTask, FargateNeedsACompatibleDefinitionAndSubnets) {
    register_bridge("web");
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "web"}, {"launchType", "FARGATE"}}).second,
              "Task definition does not support launch_type FARGATE.");
    register_fargate("api");
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "api"}, {"launchType", "FARGATE"}}).second,
              "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "api"},
                                   {"launchType", "FARGATE"},
                                   {"networkConfiguration",
                                    {{"awsvpcConfiguration", {{"subnets", json::array()}}}}}})
                  .second,
              "subnets can not be empty.");
    // ECS counts an awsvpc definition that Fargate can run as EC2-compatible too.
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "api"}}).second,
              "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    EXPECT_EQ(
        error_of("RunTask", {{"taskDefinition", "api"},
                             {"networkConfiguration",
                              {{"awsvpcConfiguration",
                                {{"subnets", {"subnet-1"}}, {"assignPublicIp", "ENABLED"}}}}}})
            .second,
        "Assign public IP is not supported for this launch type.");
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "web"},
                                   {"networkConfiguration",
                                    {{"awsvpcConfiguration", {{"subnets", {"subnet-1"}}}}}}})
                  .second,
              "Network Configuration is not valid for the given networkMode of this task "
              "definition.");
}

TEST_F(RunTask, FargateTaskHasNoInstanceAndAPrecreatedEni) {
    register_fargate("api");
    auto out = call("RunTask",
                    {{"taskDefinition", "api"},
                     {"launchType", "FARGATE"},
                     {"count", 2},
                     {"networkConfiguration",
                      {{"awsvpcConfiguration",
                        {{"subnets", {"subnet-a", "subnet-b"}}, {"assignPublicIp", "ENABLED"}}}}}});
    ASSERT_EQ(out["tasks"].size(), 2u);
    const auto& task = out["tasks"][0];
    EXPECT_FALSE(task.contains("containerInstanceArn"));
    EXPECT_EQ(task["lastStatus"], "PROVISIONING");
    EXPECT_EQ(task["launchType"], "FARGATE");
    EXPECT_EQ(task["platformVersion"], "1.4.0");
    EXPECT_EQ(task["platformFamily"], "Linux");
    EXPECT_EQ(task["cpu"], "256");
    EXPECT_EQ(task["memory"], "512");
    EXPECT_EQ(task["ephemeralStorage"]["sizeInGiB"], 20);
    EXPECT_EQ(task["attachments"][0]["type"], "ElasticNetworkInterface");
    EXPECT_EQ(task["attachments"][0]["status"], "PRECREATED");
    EXPECT_EQ(task["attachments"][0]["details"][0]["value"], "subnet-a");
    EXPECT_EQ(out["tasks"][1]["attachments"][0]["details"][0]["value"], "subnet-b");
}

TEST_F(RunTask, CapacityProviderStrategy) {
    register_fargate("api");
    json net{{"awsvpcConfiguration", {{"subnets", {"subnet-a"}}}}};
    json strategy = json::array({{{"capacityProvider", "FARGATE"}, {"weight", 1}}});
    // The provider must be associated with the cluster first, as on ECS.
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "api"},
                                   {"capacityProviderStrategy", strategy},
                                   {"networkConfiguration", net}})
                  .first,
              "InvalidParameterException");
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "api"},
                                   {"launchType", "FARGATE"},
                                   {"capacityProviderStrategy", strategy},
                                   {"networkConfiguration", net}})
                  .first,
              "InvalidParameterException");

    call("PutClusterCapacityProviders",
         {{"cluster", "default"},
          {"capacityProviders", {"FARGATE", "FARGATE_SPOT"}},
          {"defaultCapacityProviderStrategy",
           json::array({{{"capacityProvider", "FARGATE_SPOT"}, {"weight", 1}}})}});
    auto out =
        call("RunTask", {{"taskDefinition", "api"},
                         {"capacityProviderStrategy",
                          json::array({{{"capacityProvider", "FARGATE"}, {"base", 1}},
                                       {{"capacityProvider", "FARGATE_SPOT"}, {"weight", 1}}})},
                         {"count", 3},
                         {"networkConfiguration", net}});
    ASSERT_EQ(out["tasks"].size(), 3u);
    EXPECT_EQ(out["tasks"][0]["capacityProviderName"], "FARGATE");
    EXPECT_EQ(out["tasks"][1]["capacityProviderName"], "FARGATE_SPOT");
    EXPECT_EQ(out["tasks"][2]["capacityProviderName"], "FARGATE_SPOT");
    for (const auto& t : out["tasks"]) EXPECT_EQ(t["launchType"], "FARGATE");

    // Without a launch type or strategy, the cluster's default strategy applies.
    auto by_default = call("RunTask", {{"taskDefinition", "api"}, {"networkConfiguration", net}});
    EXPECT_EQ(by_default["tasks"][0]["capacityProviderName"], "FARGATE_SPOT");
}

TEST_F(RunTask, OverridesAreCheckedAndReported) {
    register_bridge("web");
    EXPECT_EQ(error_of("RunTask",
                       {{"taskDefinition", "web"},
                        {"overrides", {{"containerOverrides", json::array({{{"name", "nope"}}})}}}})
                  .first,
              "InvalidParameterException");
    json overrides{{"containerOverrides",
                    json::array({{{"name", "web"},
                                  {"command", {"httpd", "-f"}},
                                  {"environment", json::array({{{"name", "A"}, {"value", "1"}}})},
                                  {"memory", 128}}})},
                   {"taskRoleArn", "arn:aws:iam::000000000000:role/task"},
                   {"memory", "300"}};
    auto task = call("RunTask", {{"taskDefinition", "web"}, {"overrides", overrides}})["tasks"][0];
    EXPECT_EQ(task["overrides"]["containerOverrides"][0]["command"], json({"httpd", "-f"}));
    EXPECT_EQ(task["overrides"]["containerOverrides"][0]["environment"][0]["name"], "A");
    EXPECT_EQ(task["overrides"]["taskRoleArn"], "arn:aws:iam::000000000000:role/task");
    EXPECT_EQ(task["overrides"]["inferenceAcceleratorOverrides"], json::array());
    EXPECT_EQ(task["memory"], "300");
    EXPECT_EQ(task["containers"][0]["memory"], "128");
    // The task-level override is what the task reserves: 1024 - 300 left.
    auto ci = call("DescribeContainerInstances",
                   {{"containerInstances", {instance_}}})["containerInstances"][0];
    EXPECT_EQ(ci["remainingResources"][1]["integerValue"], 724);
}

TEST_F(RunTask, GroupAndTags) {
    auto td_arn = register_bridge("web")["taskDefinitionArn"];
    call("TagResource",
         {{"resourceArn", td_arn}, {"tags", json::array({{{"key", "team"}, {"value", "a"}}})}});
    auto task = call("RunTask", {{"taskDefinition", "web"},
                                 {"group", "batch"},
                                 {"tags", json::array({{{"key", "run"}, {"value", "1"}}})},
                                 {"propagateTags", "TASK_DEFINITION"},
                                 {"enableECSManagedTags", true}})["tasks"][0];
    EXPECT_EQ(task["group"], "batch");
    EXPECT_EQ(task["tags"], json::parse(R"([{"key": "team", "value": "a"},
                                             {"key": "run", "value": "1"},
                                             {"key": "aws:ecs:clusterName", "value": "default"}])"));
    auto listed = call("ListTagsForResource", {{"resourceArn", task["taskArn"]}});
    EXPECT_EQ(listed["tags"].size(), 3u);
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "web"},
                                   {"tags", json::array({{{"key", "aws:x"}, {"value", "1"}}})}})
                  .first,
              "InvalidParameterException");
}

TEST_F(RunTask, ClientTokenMakesRetriesIdempotent) {
    register_bridge("web", 16);
    json request{{"taskDefinition", "web"}, {"count", 2}, {"clientToken", "token-1"}};
    auto first = call("RunTask", request);
    auto again = call("RunTask", request);
    EXPECT_EQ(again, first);
    auto tasks = store.read(key, [](const model::Partition& p) { return p.tasks.size(); });
    EXPECT_EQ(tasks, 2u);

    request["count"] = 1;
    EXPECT_EQ(error_of("RunTask", request).first, "ConflictException");

    // Tokens are scoped to a cluster and live for 24 hours.
    create_cluster("other");
    add_instance("other", 1024, 1024, "fedcba9876543210fedcba9876543210");
    auto elsewhere = call(
        "RunTask", {{"cluster", "other"}, {"taskDefinition", "web"}, {"clientToken", "token-1"}});
    EXPECT_EQ(elsewhere["tasks"].size(), 1u);
    now += std::chrono::hours(25);
    EXPECT_EQ(call("RunTask", request)["tasks"].size(), 1u);
}

TEST_F(RunTask, PlacementConstraints) {
    add_instance("default", 2048, 1024, "11111111111111111111111111111111");
    register_bridge("web", 16);
    auto out =
        call("RunTask", {{"taskDefinition", "web"},
                         {"count", 3},
                         {"placementConstraints", json::array({{{"type", "distinctInstance"}}})}});
    ASSERT_EQ(out["tasks"].size(), 2u);
    EXPECT_NE(out["tasks"][0]["containerInstanceArn"], out["tasks"][1]["containerInstanceArn"]);
    EXPECT_EQ(out["failures"][0]["reason"], "DistinctInstance placement constraint unsatisfied.");

    auto none =
        call("RunTask", {{"taskDefinition", "web"},
                         {"placementConstraints",
                          json::array({{{"type", "memberOf"},
                                        {"expression", "attribute:ecs.os-type == windows"}}})}});
    EXPECT_TRUE(none["tasks"].empty());
    EXPECT_EQ(none["failures"][0]["reason"], "MemberOf placement constraint unsatisfied.");
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "web"},
                                   {"placementConstraints",
                                    json::array({{{"type", "memberOf"}, {"expression", "=="}}})}})
                  .first,
              "InvalidParameterException");
}

TEST_F(RunTask, TheTaskDefinitionsConstraintsHoldBesideTheRequests) {
    const auto second = add_instance("default", 2048, 1024, "22222222222222222222222222222222");
    store.write(key, [&](model::Partition& p) {
        p.container_instances.at(second).attributes =
            json::parse(R"([{"name": "ecs.os-type", "value": "linux"},
                            {"name": "ecs.instance-type", "value": "t3.large"}])");
    });
    json def{{"name", "web"}, {"image", "busybox"}, {"memory", 16}};
    auto constraint = [](const std::string& expression) {
        return json{{"type", "memberOf"}, {"expression", expression}};
    };
    call("RegisterTaskDefinition",
         {{"family", "large"},
          {"containerDefinitions", json::array({def})},
          {"placementConstraints",
           json::array({constraint("attribute:ecs.instance-type == t3.large")})}});
    // Only the second instance is a t3.large: every task goes there.
    auto out = call("RunTask", {{"taskDefinition", "large"}, {"count", 3}});
    ASSERT_EQ(out["tasks"].size(), 3u);
    for (const auto& task : out["tasks"]) EXPECT_EQ(task["containerInstanceArn"], second);

    // With the request's own constraint, both must hold: none does.
    auto none =
        call("RunTask",
             {{"taskDefinition", "large"},
              {"placementConstraints", json::array({constraint("ec2InstanceId == i-nowhere")})}});
    EXPECT_TRUE(none["tasks"].empty());
    EXPECT_EQ(none["failures"][0]["reason"], "MemberOf placement constraint unsatisfied.");

    // ECS's limit of 10 counts both lists.
    json ten = json::array();
    for (int i = 0; i < 10; ++i) ten.push_back(constraint("attribute:ecs.os-type == linux"));
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "large"}, {"placementConstraints", ten}}),
              std::make_pair(std::string("InvalidParameterException"),
                             std::string("Too many placement constraints. The limit is 10.")));
    ten.erase(0);
    EXPECT_EQ(call("RunTask", {{"taskDefinition", "large"}, {"placementConstraints", ten}})["tasks"]
                  .size(),
              1u);
}

TEST_F(RunTask, PlatformVersionOnlyForFargate) {
    register_bridge("web");
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "web"}, {"platformVersion", "LATEST"}}).first,
              "InvalidParameterException");
    register_fargate("api");
    json fargate{{"taskDefinition", "api"},
                 {"launchType", "FARGATE"},
                 {"networkConfiguration", {{"awsvpcConfiguration", {{"subnets", {"subnet-a"}}}}}},
                 {"platformVersion", "9.9.9"}};
    EXPECT_EQ(error_of("RunTask", fargate).first, "PlatformUnknownException");
    fargate["platformVersion"] = "1.3.0";
    EXPECT_EQ(call("RunTask", fargate)["tasks"][0]["platformVersion"], "1.3.0");
}

TEST_F(RunTask, StartTaskPutsOneTaskOnEachNamedInstance) {
    register_bridge("web", 600);
    auto out = call(
        "StartTask",
        {{"taskDefinition", "web"},
         {"containerInstances",
          {instance_, "0123456789abcdef0123456789abcdef", "ffffffffffffffffffffffffffffffff"}}});
    ASSERT_EQ(out["tasks"].size(), 1u);
    EXPECT_EQ(out["tasks"][0]["containerInstanceArn"], instance_);
    ASSERT_EQ(out["failures"].size(), 2u);
    // The same instance, named by id, has no memory left for a second one.
    EXPECT_EQ(out["failures"][0]["reason"], "RESOURCE:MEMORY");
    EXPECT_EQ(out["failures"][1], json::parse(R"({"arn": "ffffffffffffffffffffffffffffffff",
                                                   "reason": "MISSING"})"));
}

}  // namespace
}  // namespace berth::api::ecs::testing

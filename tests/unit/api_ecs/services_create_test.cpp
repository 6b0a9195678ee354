// CreateService through the JSON API: ECS's defaults, the first deployment, launch settings,
// validation, idempotency.
#include <regex>

#include "services_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class CreateService : public ServicesTest {
  protected:
    void SetUp() override {
        create_cluster();
        register_bridge("web");
    }
};

TEST_F(CreateService, AnswersWithEcsDefaultsAndOnePrimaryDeployment) {
    auto s = create_service("web");
    EXPECT_EQ(s["serviceArn"], "arn:aws:ecs:us-east-1:000000000000:service/default/web");
    EXPECT_EQ(s["serviceName"], "web");
    EXPECT_EQ(s["clusterArn"], "arn:aws:ecs:us-east-1:000000000000:cluster/default");
    EXPECT_EQ(s["status"], "ACTIVE");
    EXPECT_EQ(s["desiredCount"], 2);
    EXPECT_EQ(s["runningCount"], 0);
    EXPECT_EQ(s["pendingCount"], 0);
    EXPECT_EQ(s["launchType"], "EC2");
    EXPECT_FALSE(s.contains("platformVersion"));
    EXPECT_EQ(s["taskDefinition"], "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1");
    EXPECT_EQ(s["deploymentConfiguration"], json::parse(R"({
        "deploymentCircuitBreaker": {"enable": false, "rollback": false},
        "maximumPercent": 200, "minimumHealthyPercent": 100})"));
    EXPECT_EQ(s["loadBalancers"], json::array());
    EXPECT_EQ(s["serviceRegistries"], json::array());
    EXPECT_EQ(s["events"], json::array());
    EXPECT_EQ(s["placementConstraints"], json::array());
    EXPECT_EQ(s["placementStrategy"], json::array());
    EXPECT_EQ(s["schedulingStrategy"], "REPLICA");
    EXPECT_EQ(s["deploymentController"], json({{"type", "ECS"}}));
    EXPECT_EQ(s["roleArn"],
              "arn:aws:iam::000000000000:role/aws-service-role/ecs.amazonaws.com/"
              "AWSServiceRoleForECS");
    EXPECT_EQ(s["createdBy"], "arn:aws:iam::000000000000:root");
    EXPECT_EQ(s["propagateTags"], "NONE");
    EXPECT_EQ(s["enableECSManagedTags"], false);
    EXPECT_EQ(s["enableExecuteCommand"], false);
    EXPECT_EQ(s["createdAt"], 1'700'000'000.0);
    EXPECT_FALSE(s.contains("networkConfiguration"));
    EXPECT_FALSE(s.contains("tags"));

    ASSERT_EQ(s["deployments"].size(), 1u);
    const auto& d = s["deployments"][0];
    const auto id = d["id"].get<std::string>();
    EXPECT_TRUE(std::regex_match(id, std::regex("ecs-svc/[0-9]{19}"))) << id;
    EXPECT_EQ(d["status"], "PRIMARY");
    EXPECT_EQ(d["taskDefinition"], s["taskDefinition"]);
    EXPECT_EQ(d["desiredCount"], 2);
    EXPECT_EQ(d["runningCount"], 0);
    EXPECT_EQ(d["pendingCount"], 0);
    EXPECT_EQ(d["failedTasks"], 0);
    EXPECT_EQ(d["launchType"], "EC2");
    EXPECT_EQ(d["createdAt"], 1'700'000'000.0);
    EXPECT_EQ(d["updatedAt"], 1'700'000'000.0);
    EXPECT_EQ(d["rolloutState"], "IN_PROGRESS");
    EXPECT_EQ(d["rolloutStateReason"], "ECS deployment " + id + " in progress.");

    // Nothing runs yet: the handler only records desired state.
    auto tasks = store.read(key, [](const model::Partition& p) { return p.tasks.size(); });
    EXPECT_EQ(tasks, 0u);
    EXPECT_EQ(describe_service("web"), s);
}

TEST_F(CreateService, FargateTutorialServiceKeepsItsNetworkAndPlatform) {
    call("RegisterTaskDefinition", sample_fargate());
    auto s = create_service("fargate-service", {{"taskDefinition", "sample-fargate:1"},
                                                {"desiredCount", 1},
                                                {"launchType", "FARGATE"},
                                                {"networkConfiguration", awsvpc()}});
    EXPECT_EQ(s["launchType"], "FARGATE");
    EXPECT_EQ(s["platformVersion"], "LATEST");
    EXPECT_EQ(s["platformFamily"], "Linux");
    EXPECT_EQ(s["networkConfiguration"], awsvpc());
    const auto& d = s["deployments"][0];
    EXPECT_EQ(d["platformVersion"], "1.4.0");
    EXPECT_EQ(d["platformFamily"], "Linux");
    EXPECT_EQ(d["networkConfiguration"], awsvpc());
    EXPECT_EQ(d["launchType"], "FARGATE");

    auto pinned = create_service("pinned", {{"taskDefinition", "sample-fargate"},
                                            {"launchType", "FARGATE"},
                                            {"platformVersion", "1.3.0"},
                                            {"networkConfiguration", awsvpc()}});
    EXPECT_EQ(pinned["platformVersion"], "1.3.0");
    EXPECT_EQ(pinned["deployments"][0]["platformVersion"], "1.3.0");
}

TEST_F(CreateService, AwsvpcNeedsANetworkConfigurationAndOthersRefuseOne) {
    call("RegisterTaskDefinition", sample_fargate());
    auto [type, message] = error_of("CreateService", {{"serviceName", "f"},
                                                      {"taskDefinition", "sample-fargate"},
                                                      {"desiredCount", 1},
                                                      {"launchType", "FARGATE"}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message,
              "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    auto bridge = error_of("CreateService", {{"serviceName", "b"},
                                             {"taskDefinition", "web"},
                                             {"desiredCount", 1},
                                             {"networkConfiguration", awsvpc()}});
    EXPECT_EQ(bridge.first, "InvalidParameterException");
    EXPECT_EQ(bridge.second,
              "Network Configuration is not valid for the given networkMode of this task "
              "definition.");
}

TEST_F(CreateService, LaunchTypeMustSuitTheTaskDefinition) {
    auto [type, message] =
        error_of("CreateService",
                 {{"serviceName", "f"}, {"taskDefinition", "web"}, {"launchType", "FARGATE"}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message, "Task definition does not support launch_type FARGATE.");
    auto pv =
        error_of("CreateService",
                 {{"serviceName", "e"}, {"taskDefinition", "web"}, {"platformVersion", "1.4.0"}});
    EXPECT_EQ(pv.second, "The platform version must be null when specifying an EC2 launch type.");
    auto both = error_of("CreateService",
                         {{"serviceName", "x"},
                          {"taskDefinition", "web"},
                          {"launchType", "EC2"},
                          {"capacityProviderStrategy",
                           json::array({{{"capacityProvider", "FARGATE"}, {"weight", 1}}})}});
    EXPECT_EQ(both.first, "InvalidParameterException");
}

TEST_F(CreateService, ACapacityProviderStrategyOrTheClustersDefaultReplacesTheLaunchType) {
    register_fargate("fg");
    call("PutClusterCapacityProviders",
         {{"cluster", "default"},
          {"capacityProviders", json::array({"FARGATE", "FARGATE_SPOT"})},
          {"defaultCapacityProviderStrategy",
           json::array({{{"capacityProvider", "FARGATE_SPOT"}, {"weight", 1}}})}});
    auto given = create_service(
        "given", {{"taskDefinition", "fg"},
                  {"networkConfiguration", awsvpc()},
                  {"capacityProviderStrategy",
                   json::array({{{"capacityProvider", "FARGATE"}, {"weight", 1}, {"base", 1}}})}});
    EXPECT_FALSE(given.contains("launchType"));
    EXPECT_EQ(given["capacityProviderStrategy"][0]["capacityProvider"], "FARGATE");
    EXPECT_EQ(given["deployments"][0]["capacityProviderStrategy"],
              given["capacityProviderStrategy"]);
    EXPECT_EQ(given["platformVersion"], "LATEST");

    auto fallback =
        create_service("fallback", {{"taskDefinition", "fg"}, {"networkConfiguration", awsvpc()}});
    EXPECT_EQ(fallback["capacityProviderStrategy"][0]["capacityProvider"], "FARGATE_SPOT");
}

TEST_F(CreateService, ANameInUseIsNotIdempotentUntilTheServiceIsInactive) {
    create_service("web");
    auto [type, message] = error_of(
        "CreateService", {{"serviceName", "web"}, {"taskDefinition", "web"}, {"desiredCount", 2}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message, "Creation of service was not idempotent.");

    call("DeleteService", {{"service", "web"}, {"force", true}});
    EXPECT_EQ(error_of("CreateService", {{"serviceName", "web"}, {"taskDefinition", "web"}}).second,
              "Creation of service was not idempotent.");  // still DRAINING
    store.write(key, [&](model::Partition& p) {
        p.services.at(service_arn("web")).status =
            model::ServiceStatus::inactive;  // what the controller does
    });
    auto again = create_service("web", {{"desiredCount", 1}});
    EXPECT_EQ(again["status"], "ACTIVE");
    EXPECT_EQ(again["desiredCount"], 1);
    EXPECT_EQ(again["serviceArn"], service_arn("web"));
}

TEST_F(CreateService, TheSameNameInAnotherClusterIsAnotherService) {
    create_cluster("other");
    auto a = create_service("web");
    auto b = create_service("web", {{"cluster", "other"}});
    EXPECT_NE(a["serviceArn"], b["serviceArn"]);
    EXPECT_EQ(b["clusterArn"], "arn:aws:ecs:us-east-1:000000000000:cluster/other");
}

TEST_F(CreateService, AClientTokenReplaysTheFirstAnswer) {
    auto first = create_service("web", {{"clientToken", "tok-1"}});
    auto second = create_service("web", {{"clientToken", "tok-1"}});
    EXPECT_EQ(second, first);
    auto [type, message] = error_of("CreateService", {{"serviceName", "web"},
                                                      {"taskDefinition", "web"},
                                                      {"desiredCount", 3},
                                                      {"clientToken", "tok-1"}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message, "Creation of service was not idempotent.");
    EXPECT_EQ(error_of("CreateService", {{"serviceName", "x"},
                                         {"taskDefinition", "web"},
                                         {"clientToken", std::string(37, 'a')}})
                  .first,
              "InvalidParameterException");
}

TEST_F(CreateService, DeploymentConfigurationIsCheckedAndKept) {
    auto s = create_service(
        "web", {{"deploymentConfiguration",
                 {{"minimumHealthyPercent", 50},
                  {"deploymentCircuitBreaker", {{"enable", true}, {"rollback", true}}}}}});
    EXPECT_EQ(s["deploymentConfiguration"], json::parse(R"({
        "deploymentCircuitBreaker": {"enable": true, "rollback": true},
        "maximumPercent": 200, "minimumHealthyPercent": 50})"));
    for (const auto& bad : {json{{"minimumHealthyPercent", 101}}, json{{"maximumPercent", 50}},
                            json{{"minimumHealthyPercent", -1}}}) {
        auto [type, message] = error_of(
            "CreateService",
            {{"serviceName", "bad"}, {"taskDefinition", "web"}, {"deploymentConfiguration", bad}});
        EXPECT_EQ(type, "InvalidParameterException") << bad.dump();
    }
}

TEST_F(CreateService, DaemonServicesHaveTheirOwnDefaultsAndRules) {
    auto s = create_service("agent", {{"schedulingStrategy", "DAEMON"}, {"desiredCount", nullptr}});
    EXPECT_EQ(s["schedulingStrategy"], "DAEMON");
    EXPECT_EQ(s["desiredCount"], 0);
    EXPECT_EQ(s["deploymentConfiguration"]["minimumHealthyPercent"], 0);
    EXPECT_EQ(s["deploymentConfiguration"]["maximumPercent"], 100);

    auto [type, message] = error_of("CreateService", {{"serviceName", "d2"},
                                                      {"taskDefinition", "web"},
                                                      {"schedulingStrategy", "DAEMON"},
                                                      {"desiredCount", 1}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message,
              "The daemon scheduling strategy does not support a desired count for services. "
              "Remove the desired count value and try again");
    auto strategy =
        error_of("CreateService", {{"serviceName", "d3"},
                                   {"taskDefinition", "web"},
                                   {"schedulingStrategy", "DAEMON"},
                                   {"placementStrategy", json::array({{{"type", "random"}}})}});
    EXPECT_EQ(strategy.second,
              "The daemon scheduling strategy does not support placement strategies. Remove the "
              "placement strategy and try again");
    register_fargate("fg");
    auto fargate = error_of("CreateService", {{"serviceName", "d4"},
                                              {"taskDefinition", "fg"},
                                              {"schedulingStrategy", "DAEMON"},
                                              {"launchType", "FARGATE"},
                                              {"networkConfiguration", awsvpc()}});
    EXPECT_EQ(fargate.first, "InvalidParameterException");
}

TEST_F(CreateService, KeepsWhatTheTasksWillNeed) {
    auto s = create_service(
        "web", {{"tags", json::array({{{"key", "team"}, {"value", "a"}}})},
                {"propagateTags", "SERVICE"},
                {"enableECSManagedTags", true},
                {"enableExecuteCommand", true},
                {"healthCheckGracePeriodSeconds", 30},
                {"placementConstraints", json::array({{{"type", "distinctInstance"}}})},
                {"placementStrategy", json::array({{{"type", "spread"}, {"field", "instanceId"}}})},
                // loadBalancers: services_load_balancers_test (checked against target groups).
                {"role", "ecsServiceRole"}});
    EXPECT_EQ(s["tags"], json::parse(R"([{"key": "team", "value": "a"}])"));
    EXPECT_EQ(s["propagateTags"], "SERVICE");
    EXPECT_EQ(s["enableECSManagedTags"], true);
    EXPECT_EQ(s["enableExecuteCommand"], true);
    EXPECT_EQ(s["healthCheckGracePeriodSeconds"], 30);
    EXPECT_EQ(s["placementConstraints"][0]["type"], "distinctInstance");
    EXPECT_EQ(s["placementStrategy"][0]["field"], "instanceId");
    EXPECT_EQ(s["roleArn"], "arn:aws:iam::000000000000:role/ecsServiceRole");

    auto reserved =
        error_of("CreateService", {{"serviceName", "t"},
                                   {"taskDefinition", "web"},
                                   {"tags", json::array({{{"key", "aws:x"}, {"value", "1"}}})}});
    EXPECT_EQ(reserved.first, "InvalidParameterException");
    auto placement =
        error_of("CreateService",
                 {{"serviceName", "p"},
                  {"taskDefinition", "web"},
                  {"placementStrategy", json::array({{{"type", "binpack"}, {"field", "disk"}}})}});
    EXPECT_EQ(placement.second, "The binpack placement strategy field must be cpu or memory.");
}

TEST_F(CreateService, RefusesWhatDoesNotExist) {
    EXPECT_EQ(error_of("CreateService",
                       {{"serviceName", "s"}, {"cluster", "nope"}, {"taskDefinition", "web"}})
                  .first,
              "ClusterNotFoundException");
    auto [type, message] =
        error_of("CreateService", {{"serviceName", "s"}, {"taskDefinition", "nope"}});
    EXPECT_EQ(type, "ClientException");
    EXPECT_EQ(message, "TaskDefinition not found.");
    call("DeregisterTaskDefinition", {{"taskDefinition", "web:1"}});
    EXPECT_EQ(error_of("CreateService", {{"serviceName", "s"}, {"taskDefinition", "web:1"}}).second,
              "TaskDefinition is inactive");
    EXPECT_EQ(
        error_of("CreateService", {{"serviceName", "no td"}, {"taskDefinition", "web"}}).first,
        "InvalidParameterException");
    EXPECT_EQ(error_of("CreateService", {{"serviceName", "s"}}).first, "InvalidParameterException");
}

TEST_F(CreateService, ExternalControllerServicesNeedNoTaskDefinitionAndGetNoDeployment) {
    auto s = call("CreateService", {{"serviceName", "ext"},
                                    {"desiredCount", 1},
                                    {"deploymentController", {{"type", "EXTERNAL"}}}})["service"];
    EXPECT_EQ(s["deploymentController"]["type"], "EXTERNAL");
    EXPECT_FALSE(s.contains("taskDefinition"));
    EXPECT_EQ(s["deployments"], json::array());
}

}  // namespace
}  // namespace berth::api::ecs::testing

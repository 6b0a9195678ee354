// UpdateService through the JSON API: what starts a new deployment and what does not.
#include "services_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class UpdateService : public ServicesTest {
  protected:
    void SetUp() override {
        create_cluster();
        register_bridge("web");
        first_ = create_service("web")["deployments"][0]["id"].get<std::string>();
    }

    json update(json input) {
        input["service"] = "web";
        return call("UpdateService", input)["service"];
    }

    std::string first_;
};

TEST_F(UpdateService, DesiredCountAloneKeepsTheDeployment) {
    now += std::chrono::seconds(5);
    auto s = update({{"desiredCount", 5}});
    EXPECT_EQ(s["desiredCount"], 5);
    ASSERT_EQ(s["deployments"].size(), 1u);
    EXPECT_EQ(s["deployments"][0]["id"], first_);
    EXPECT_EQ(s["deployments"][0]["desiredCount"], 5);
    EXPECT_EQ(s["deployments"][0]["updatedAt"], 1'700'000'005.0);
}

TEST_F(UpdateService, ANewTaskDefinitionStartsANewPrimaryDeployment) {
    register_bridge("web", 128);
    now += std::chrono::seconds(5);
    auto s = update({{"taskDefinition", "web:2"}});
    EXPECT_EQ(s["taskDefinition"], "arn:aws:ecs:us-east-1:000000000000:task-definition/web:2");
    ASSERT_EQ(s["deployments"].size(), 2u);
    const auto& primary = s["deployments"][0];
    EXPECT_EQ(primary["status"], "PRIMARY");
    EXPECT_NE(primary["id"], first_);
    EXPECT_EQ(primary["taskDefinition"], s["taskDefinition"]);
    EXPECT_EQ(primary["desiredCount"], 2);
    EXPECT_EQ(primary["rolloutState"], "IN_PROGRESS");
    EXPECT_EQ(primary["createdAt"], 1'700'000'005.0);
    EXPECT_EQ(s["deployments"][1]["id"], first_);
    EXPECT_EQ(s["deployments"][1]["status"], "ACTIVE");
    EXPECT_EQ(s["deployments"][1]["taskDefinition"],
              "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1");

    // The same revision again changes nothing.
    auto same = update({{"taskDefinition", "web:2"}});
    EXPECT_EQ(same["deployments"].size(), 2u);
}

TEST_F(UpdateService, ForceNewDeploymentRedeploysTheSameRevision) {
    auto s = update({{"forceNewDeployment", true}});
    ASSERT_EQ(s["deployments"].size(), 2u);
    EXPECT_EQ(s["deployments"][0]["taskDefinition"], s["deployments"][1]["taskDefinition"]);
    EXPECT_EQ(s["deployments"][1]["status"], "ACTIVE");
    auto again = update({{"forceNewDeployment", true}});
    ASSERT_EQ(again["deployments"].size(), 3u);
    EXPECT_EQ(again["deployments"][1]["status"], "ACTIVE");
    EXPECT_EQ(again["deployments"][2]["status"], "ACTIVE");
}

TEST_F(UpdateService, NetworkAndPlacementChangesRedeploy) {
    auto placed = update({{"placementConstraints", json::array({{{"type", "distinctInstance"}}})}});
    EXPECT_EQ(placed["deployments"].size(), 2u);
    EXPECT_EQ(placed["placementConstraints"][0]["type"], "distinctInstance");

    call("RegisterTaskDefinition", sample_fargate());
    auto fargate = create_service("fg", {{"taskDefinition", "sample-fargate"},
                                         {"launchType", "FARGATE"},
                                         {"networkConfiguration", awsvpc()}});
    auto moved =
        call("UpdateService",
             {{"service", "fg"}, {"networkConfiguration", awsvpc("subnet-other")}})["service"];
    ASSERT_EQ(moved["deployments"].size(), 2u);
    EXPECT_EQ(moved["deployments"][0]["networkConfiguration"], awsvpc("subnet-other"));
    EXPECT_EQ(moved["deployments"][1]["networkConfiguration"], awsvpc());
    auto pinned =
        call("UpdateService", {{"service", "fg"}, {"platformVersion", "1.3.0"}})["service"];
    EXPECT_EQ(pinned["deployments"].size(), 3u);
    EXPECT_EQ(pinned["platformVersion"], "1.3.0");
    EXPECT_EQ(pinned["deployments"][0]["platformVersion"], "1.3.0");
}

TEST_F(UpdateService, DeploymentConfigurationMergesOverWhatTheServiceHas) {
    update({{"deploymentConfiguration", {{"maximumPercent", 150}}}});
    auto s = update({{"deploymentConfiguration", {{"minimumHealthyPercent", 50}}}});
    EXPECT_EQ(s["deploymentConfiguration"]["maximumPercent"], 150);
    EXPECT_EQ(s["deploymentConfiguration"]["minimumHealthyPercent"], 50);
    EXPECT_EQ(s["deployments"].size(), 1u);
    EXPECT_EQ(error_of("UpdateService",
                       {{"service", "web"}, {"deploymentConfiguration", {{"maximumPercent", 20}}}})
                  .first,
              "InvalidParameterException");
}

TEST_F(UpdateService, ARefusedUpdateChangesNothing) {
    auto before = describe_service("web");
    auto [type, message] = error_of(
        "UpdateService", {{"service", "web"}, {"desiredCount", 9}, {"taskDefinition", "nope"}});
    EXPECT_EQ(type, "ClientException");
    EXPECT_EQ(describe_service("web"), before);
}

TEST_F(UpdateService, UnknownOrDeletedServicesAreRefused) {
    auto [type, message] = error_of("UpdateService", {{"service", "nope"}, {"desiredCount", 1}});
    EXPECT_EQ(type, "ServiceNotFoundException");
    EXPECT_EQ(message, "Service not found.");
    call("DeleteService", {{"service", "web"}, {"force", true}});
    auto draining = error_of("UpdateService", {{"service", "web"}, {"desiredCount", 1}});
    EXPECT_EQ(draining.first, "ServiceNotActiveException");
    EXPECT_EQ(draining.second, "Service was not ACTIVE.");
    EXPECT_EQ(error_of("UpdateService", {{"service", "web"}, {"cluster", "nope"}}).first,
              "ClusterNotFoundException");
}

TEST_F(UpdateService, ByArnAndWithTheClusterInTheArn) {
    create_cluster("other");
    create_service("api", {{"cluster", "other"}});
    auto s = call("UpdateService",
                  {{"service", service_arn("api", "other")}, {"desiredCount", 4}})["service"];
    EXPECT_EQ(s["desiredCount"], 4);
    EXPECT_EQ(error_of("UpdateService",
                       {{"service", "arn:aws:ecs:eu-west-1:000000000000:service/other/api"}})
                  .second,
              "Invalid Region in ARN");
}

TEST_F(UpdateService, DaemonServicesTakeNoDesiredCount) {
    create_service("agent", {{"schedulingStrategy", "DAEMON"}, {"desiredCount", nullptr}});
    auto [type, message] = error_of("UpdateService", {{"service", "agent"}, {"desiredCount", 2}});
    EXPECT_EQ(type, "InvalidParameterException");
    auto s = call("UpdateService", {{"service", "agent"}, {"forceNewDeployment", true}})["service"];
    EXPECT_EQ(s["deployments"].size(), 2u);
}

TEST_F(UpdateService, ServiceSettingsChangeInPlace) {
    auto s = update({{"enableExecuteCommand", true},
                     {"propagateTags", "TASK_DEFINITION"},
                     {"healthCheckGracePeriodSeconds", 45}});
    EXPECT_EQ(s["enableExecuteCommand"], true);
    EXPECT_EQ(s["propagateTags"], "TASK_DEFINITION");
    EXPECT_EQ(s["healthCheckGracePeriodSeconds"], 45);
    EXPECT_EQ(s["deployments"].size(), 1u);
}

TEST_F(UpdateService, OtherControllersChangeTasksThemselves) {
    call("CreateService", {{"serviceName", "cd"},
                           {"taskDefinition", "web"},
                           {"desiredCount", 1},
                           {"deploymentController", {{"type", "CODE_DEPLOY"}}}});
    auto [type, message] =
        error_of("UpdateService", {{"service", "cd"}, {"taskDefinition", "web:1"}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message,
              "Unable to update task definition on services with a CODE_DEPLOY deployment "
              "controller.");
    EXPECT_EQ(
        call("UpdateService", {{"service", "cd"}, {"desiredCount", 3}})["service"]["desiredCount"],
        3);
}

}  // namespace
}  // namespace berth::api::ecs::testing

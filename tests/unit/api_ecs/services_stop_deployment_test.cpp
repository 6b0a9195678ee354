// StopServiceDeployment through the JSON API: ROLLBACK of an ongoing deployment, the states
// that continue, the finished ones that cannot be stopped, and the refusals.
#include "services_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class StopServiceDeployment : public ServicesTest {
  protected:
    void SetUp() override {
        create_cluster();
        register_bridge("web");
        create_service("web");
        register_bridge("web", 128);
        // What the service controller writes once the first deployment has its tasks.
        store.write(key, [&](model::Partition& p) {
            p.services.at(service_arn("web")).deployments[0].rollout_state =
                model::RolloutState::completed;
        });
        now += std::chrono::seconds(10);
        call("UpdateService", {{"service", "web"}, {"taskDefinition", "web:2"}});
    }

    // The service deployments' ARNs, newest first.
    std::vector<std::string> deployment_arns() {
        std::vector<std::string> out;
        const auto listed = call("ListServiceDeployments", {{"service", "web"}});
        for (const auto& d : listed["serviceDeployments"]) out.push_back(d["serviceDeploymentArn"]);
        return out;
    }

    std::string status(const std::string& arn) {
        auto out = call("DescribeServiceDeployments", {{"serviceDeploymentArns", {arn}}});
        return out["serviceDeployments"][0]["status"];
    }
};

TEST_F(StopServiceDeployment, RollbackReturnsToThePreviousRevision) {
    const auto arns = deployment_arns();
    ASSERT_EQ(arns.size(), 2u);
    EXPECT_EQ(status(arns[0]), "IN_PROGRESS");
    auto out = call("StopServiceDeployment",
                    {{"serviceDeploymentArn", arns[0]}, {"stopType", "ROLLBACK"}});
    EXPECT_EQ(out["serviceDeploymentArn"], arns[0]);

    auto s = describe_service("web");
    EXPECT_EQ(s["taskDefinition"], model::task_definition_arn(key, "web", 1));
    ASSERT_EQ(s["deployments"].size(), 3u);
    EXPECT_EQ(s["deployments"][0]["status"], "PRIMARY");
    EXPECT_EQ(s["deployments"][0]["taskDefinition"], model::task_definition_arn(key, "web", 1));
    EXPECT_EQ(s["deployments"][0]["rolloutState"], "IN_PROGRESS");
    EXPECT_EQ(s["deployments"][1]["rolloutState"], "FAILED");
    EXPECT_EQ(s["deployments"][1]["status"], "ACTIVE");
    EXPECT_NE(s["events"][0]["message"].get<std::string>().find("rolling back"), std::string::npos);
    EXPECT_EQ(status(arns[0]), "ROLLBACK_IN_PROGRESS");

    // Stopping it again continues the rollback; the finished one cannot be stopped.
    EXPECT_EQ(
        call("StopServiceDeployment", {{"serviceDeploymentArn", arns[0]}})["serviceDeploymentArn"],
        arns[0]);
    EXPECT_EQ(stored("web").deployments.size(), 3u);
    EXPECT_EQ(error_of("StopServiceDeployment", {{"serviceDeploymentArn", arns[1]}}).first,
              "ConflictException");
}

TEST_F(StopServiceDeployment, Refusals) {
    const auto arns = deployment_arns();
    struct Row {
        const char* name;
        json input;
        std::string type;
    };
    const Row rows[] = {
        {"ABORT is not a valid stop type",
         {{"serviceDeploymentArn", arns[0]}, {"stopType", "ABORT"}},
         "InvalidParameterException"},
        {"an unknown deployment",
         {{"serviceDeploymentArn",
           "arn:aws:ecs:us-east-1:000000000000:service-deployment/default/web/1"}},
         "ServiceDeploymentNotFoundException"},
        {"not a service deployment ARN",
         {{"serviceDeploymentArn", service_arn("web")}},
         "ServiceDeploymentNotFoundException"},
        {"not an ARN", {{"serviceDeploymentArn", "web"}}, "InvalidParameterException"},
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(r.name);
        EXPECT_EQ(error_of("StopServiceDeployment", r.input).first, r.type);
    }
    EXPECT_EQ(status(arns[0]), "IN_PROGRESS") << "a refused stop changes nothing";
}

TEST_F(StopServiceDeployment, AFirstDeploymentHasNothingToRollBackTo) {
    create_service("fresh");
    const auto listed = call("ListServiceDeployments", {{"service", "fresh"}});
    ASSERT_EQ(listed["serviceDeployments"].size(), 1u);
    const std::string arn = listed["serviceDeployments"][0]["serviceDeploymentArn"];
    EXPECT_EQ(error_of("StopServiceDeployment", {{"serviceDeploymentArn", arn}}).first,
              "ConflictException");
}

}  // namespace
}  // namespace berth::api::ecs::testing

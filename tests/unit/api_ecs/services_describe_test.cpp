// DescribeServices, ListServices, ListServicesByNamespace and the service deployment
// operations through the JSON API.
#include <map>
#include <set>

#include "services_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class DescribeServices : public ServicesTest {
  protected:
    void SetUp() override {
        create_cluster();
        register_bridge("web");
    }
};

TEST_F(DescribeServices, UnknownServicesComeBackAsMissingFailures) {
    create_service("web");
    auto out = call("DescribeServices", {{"services", json::array({"web", "nope"})}});
    ASSERT_EQ(out["services"].size(), 1u);
    EXPECT_EQ(out["services"][0]["serviceName"], "web");
    // A name comes back in ECS's short form (no cluster), as ECS answers it.
    EXPECT_EQ(out["failures"], json::parse(R"([{"arn":
        "arn:aws:ecs:us-east-1:000000000000:service/nope", "reason": "MISSING"}])"));
    EXPECT_EQ(
        error_of("DescribeServices", {{"services", json::array({"web"})}, {"cluster", "nope"}})
            .first,
        "ClusterNotFoundException");
}

TEST_F(DescribeServices, AnUnknownServiceArnIsEchoedAsGiven) {
    const std::string long_form = "arn:aws:ecs:us-east-1:000000000000:service/default/gone";
    const std::string short_form = "arn:aws:ecs:us-east-1:000000000000:service/old";
    auto out = call("DescribeServices", {{"services", json::array({long_form, short_form})}});
    EXPECT_EQ(out["services"], json::array());
    ASSERT_EQ(out["failures"].size(), 2u);
    EXPECT_EQ(out["failures"][0], (json{{"arn", long_form}, {"reason", "MISSING"}}));
    EXPECT_EQ(out["failures"][1], (json{{"arn", short_form}, {"reason", "MISSING"}}))
        << "not rewritten into the cluster's long form";
}

TEST_F(DescribeServices, ByNameOrArnAtMostTen) {
    create_service("web");
    auto out = call("DescribeServices", {{"services", json::array({service_arn("web")})}});
    EXPECT_EQ(out["services"].size(), 1u);
    EXPECT_EQ(error_of("DescribeServices", {{"services", json::array()}}).first,
              "InvalidParameterException");
    json eleven = json::array();
    for (int i = 0; i < 11; ++i) eleven.push_back("s" + std::to_string(i));
    EXPECT_EQ(error_of("DescribeServices", {{"services", eleven}}).first,
              "InvalidParameterException");
}

TEST_F(DescribeServices, TagsOnlyWhenAskedFor) {
    create_service("web", {{"tags", json::array({{{"key", "k"}, {"value", "v"}}})}});
    EXPECT_FALSE(describe_service("web").contains("tags"));
    auto out = call("DescribeServices",
                    {{"services", json::array({"web"})}, {"include", json::array({"TAGS"})}});
    EXPECT_EQ(out["services"][0]["tags"], json::parse(R"([{"key": "k", "value": "v"}])"));
    // TagResource reaches services too.
    call("TagResource", {{"resourceArn", service_arn("web")},
                         {"tags", json::array({{{"key", "k2"}, {"value", "v2"}}})}});
    EXPECT_EQ(call("ListTagsForResource", {{"resourceArn", service_arn("web")}})["tags"].size(),
              2u);
}

TEST_F(DescribeServices, EventsNewestFirstAndInactiveDeploymentsLeftOut) {
    auto created = create_service("web");
    store.write(key, [&](model::Partition& p) {
        auto& s = p.services.at(service_arn("web"));
        s.events.push_front({"e1", now, "(service web) has started 2 tasks: (task a) (task b)."});
        s.events.push_front(
            {"e2", now + std::chrono::seconds(1), "(service web) has reached a steady state."});
        auto old = s.deployments.front();
        old.id = "ecs-svc/1111111111111111111";
        old.status = model::DeploymentStatus::inactive;
        s.deployments.push_back(old);
    });
    auto s = describe_service("web");
    ASSERT_EQ(s["events"].size(), 2u);
    EXPECT_EQ(s["events"][0], json::parse(R"({"id": "e2", "createdAt": 1700000001.0,
        "message": "(service web) has reached a steady state."})"));
    EXPECT_EQ(s["events"][1]["id"], "e1");
    EXPECT_EQ(s["deployments"], created["deployments"]);
}

TEST_F(DescribeServices, ListServicesPagesAndFilters) {
    std::set<std::string> all;
    for (int i = 0; i < 5; ++i) {
        all.insert(create_service("s" + std::to_string(i))["serviceArn"].get<std::string>());
    }
    register_fargate("fg");
    auto fargate = create_service(
        "fg",
        {{"taskDefinition", "fg"}, {"launchType", "FARGATE"}, {"networkConfiguration", awsvpc()}});
    auto daemon =
        create_service("d", {{"schedulingStrategy", "DAEMON"}, {"desiredCount", nullptr}});
    create_cluster("other");
    create_service("elsewhere", {{"cluster", "other"}});

    std::set<std::string> seen;
    json input{{"maxResults", 3}};
    int pages = 0;
    for (;;) {
        auto out = call("ListServices", input);
        ++pages;
        for (const auto& arn : out["serviceArns"]) seen.insert(arn.get<std::string>());
        if (!out.contains("nextToken")) break;
        input["nextToken"] = out["nextToken"];
    }
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen.size(), 7u);
    EXPECT_EQ(call("ListServices", {{"launchType", "FARGATE"}})["serviceArns"],
              json::array({fargate["serviceArn"]}));
    EXPECT_EQ(call("ListServices", {{"schedulingStrategy", "DAEMON"}})["serviceArns"],
              json::array({daemon["serviceArn"]}));
    EXPECT_EQ(call("ListServices", {{"cluster", "other"}})["serviceArns"].size(), 1u);
    EXPECT_EQ(call("ListServices", {{"resourceManagementType", "ECS"}})["serviceArns"],
              json::array());
    EXPECT_EQ(error_of("ListServices", {{"cluster", "nope"}}).first, "ClusterNotFoundException");
}

// ListServicesByNamespace: service_connect_test.cpp (it needs Cloud Map namespaces).

TEST_F(DescribeServices, EachDeploymentIsAServiceDeployment) {
    auto first = create_service("web");
    register_bridge("web", 128);
    now += std::chrono::seconds(10);
    call("UpdateService", {{"service", "web"}, {"taskDefinition", "web:2"}});

    auto listed = call("ListServiceDeployments", {{"service", "web"}})["serviceDeployments"];
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0]["status"], "IN_PROGRESS");  // the newest first
    EXPECT_EQ(listed[1]["status"], "STOPPED");      // superseded before it completed
    EXPECT_EQ(listed[0]["serviceArn"], service_arn("web"));
    const auto first_id = first["deployments"][0]["id"].get<std::string>();
    EXPECT_EQ(
        listed[1]["serviceDeploymentArn"],
        "arn:aws:ecs:us-east-1:000000000000:service-deployment/default/web/" + first_id.substr(8));

    auto only = call("ListServiceDeployments",
                     {{"service", "web"}, {"status", json::array({"IN_PROGRESS"})}});
    EXPECT_EQ(only["serviceDeployments"].size(), 1u);
    auto paged = call("ListServiceDeployments", {{"service", "web"}, {"maxResults", 1}});
    EXPECT_EQ(paged["serviceDeployments"][0], listed[0]);
    auto next = call("ListServiceDeployments",
                     {{"service", "web"}, {"maxResults", 1}, {"nextToken", paged["nextToken"]}});
    EXPECT_EQ(next["serviceDeployments"][0], listed[1]);

    auto described = call(
        "DescribeServiceDeployments",
        {{"serviceDeploymentArns",
          json::array({listed[0]["serviceDeploymentArn"],
                       "arn:aws:ecs:us-east-1:000000000000:service-deployment/default/web/1"})}});
    ASSERT_EQ(described["serviceDeployments"].size(), 1u);
    const auto& d = described["serviceDeployments"][0];
    EXPECT_EQ(d["targetServiceRevision"]["requestedTaskCount"], 2);
    EXPECT_EQ(d["sourceServiceRevisions"].size(), 1u);
    EXPECT_EQ(d["deploymentCircuitBreaker"]["status"], "DISABLED");
    EXPECT_EQ(described["failures"][0]["reason"], "MISSING");
    EXPECT_EQ(error_of("ListServiceDeployments", {{"service", "nope"}}).first,
              "ServiceNotFoundException");
}

TEST_F(DescribeServices, ARolledBackDeploymentShowsTheRollback) {
    create_service("web",
                   {{"deploymentConfiguration",
                     {{"deploymentCircuitBreaker", {{"enable", true}, {"rollback", true}}}}}});
    register_bridge("web", 128);
    now += std::chrono::seconds(10);
    call("UpdateService", {{"service", "web"}, {"taskDefinition", "web:2"}});
    // What the service controller writes when the circuit breaker trips (scheduler::Rollback).
    std::string failed_id;
    store.write(key, [&](model::Partition& p) {
        auto& s = p.services.at(service_arn("web"));
        s.deployments[1].rollout_state = model::RolloutState::completed;
        auto& failed = s.deployments[0];
        failed_id = failed.id;
        failed.status = model::DeploymentStatus::active;
        failed.rollout_state = model::RolloutState::failed;
        auto rollback = s.deployments[1];
        rollback.id = "ecs-svc/3333333333333333333";
        rollback.status = model::DeploymentStatus::primary;
        rollback.rollout_state = model::RolloutState::in_progress;
        rollback.rollout_state_reason =
            "ECS deployment circuit breaker: rolling back to "
            "deploymentId " +
            s.deployments[1].id + ".";
        rollback.rollback_of = failed_id;
        rollback.created_at = now + std::chrono::seconds(20);
        s.deployments.insert(s.deployments.begin(), rollback);
    });
    auto statuses = [&] {
        std::map<std::string, std::string> out;
        const auto listed = call("ListServiceDeployments", {{"service", "web"}});
        for (const auto& d : listed["serviceDeployments"]) {
            auto arn = d["serviceDeploymentArn"].get<std::string>();
            out[arn.substr(arn.rfind('/') + 1)] = d["status"];
        }
        return out;
    };
    EXPECT_EQ(statuses()[failed_id.substr(8)], "ROLLBACK_IN_PROGRESS");
    EXPECT_EQ(statuses()["3333333333333333333"], "ROLLBACK_IN_PROGRESS");
    store.write(key, [&](model::Partition& p) {
        p.services.at(service_arn("web")).deployments[0].rollout_state =
            model::RolloutState::completed;
    });
    EXPECT_EQ(statuses()[failed_id.substr(8)], "ROLLBACK_SUCCESSFUL");
    auto described = call("DescribeServiceDeployments",
                          {{"serviceDeploymentArns",
                            json::array({"arn:aws:ecs:us-east-1:000000000000:service-deployment/"
                                         "default/web/" +
                                         failed_id.substr(8)})}})["serviceDeployments"][0];
    EXPECT_EQ(described["rollback"]["serviceRevisionArn"],
              "arn:aws:ecs:us-east-1:000000000000:service-revision/default/web/"
              "3333333333333333333");
    EXPECT_EQ(described["deploymentCircuitBreaker"]["status"], "TRIGGERED");
    EXPECT_EQ(described["deploymentCircuitBreaker"]["threshold"], 3);
}

TEST_F(DescribeServices, EachDeploymentDeploysAServiceRevision) {
    create_service("web");
    register_bridge("web", 128);
    now += std::chrono::seconds(10);
    call("UpdateService", {{"service", "web"}, {"taskDefinition", "web:2"}});
    const auto deployment = call(
        "DescribeServiceDeployments",
        {{"serviceDeploymentArns",
          json::array(
              {call("ListServiceDeployments",
                    {{"service", "web"}})["serviceDeployments"][0]
                                         ["serviceDeploymentArn"]})}})["serviceDeployments"][0];
    const auto target = deployment["targetServiceRevision"]["arn"].get<std::string>();
    const auto source = deployment["sourceServiceRevisions"][0]["arn"].get<std::string>();
    const auto gone = "arn:aws:ecs:us-east-1:000000000000:service-revision/default/web/1";

    auto out = call("DescribeServiceRevisions",
                    {{"serviceRevisionArns", json::array({target, source, gone})}});
    ASSERT_EQ(out["serviceRevisions"].size(), 2u);
    const auto& newest = out["serviceRevisions"][0];
    EXPECT_EQ(newest["serviceRevisionArn"], target);
    EXPECT_EQ(newest["serviceArn"], service_arn("web"));
    EXPECT_EQ(newest["taskDefinition"], "arn:aws:ecs:us-east-1:000000000000:task-definition/web:2");
    EXPECT_EQ(newest["launchType"], "EC2");
    ASSERT_EQ(newest["containerImages"].size(), 1u);
    EXPECT_EQ(newest["containerImages"][0]["containerName"], "web");
    EXPECT_EQ(out["serviceRevisions"][1]["taskDefinition"],
              "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1");
    EXPECT_EQ(out["failures"], (json::array({{{"arn", gone}, {"reason", "MISSING"}}})));

    // A deployment's ARN is not a revision's, and the list holds 1 to 20.
    EXPECT_EQ(call("DescribeServiceRevisions",
                   {{"serviceRevisionArns",
                     json::array({deployment["serviceDeploymentArn"]})}})["failures"][0]["reason"],
              "MISSING");
    EXPECT_EQ(error_of("DescribeServiceRevisions", {{"serviceRevisionArns", json::array()}}).first,
              "InvalidParameterException");
    EXPECT_EQ(
        error_of("DescribeServiceRevisions", {{"serviceRevisionArns", json::array({"not-an-arn"})}})
            .first,
        "InvalidParameterException");
}

}  // namespace
}  // namespace berth::api::ecs::testing

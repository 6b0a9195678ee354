// A service's network configuration, load balancers, registries and placement are read once at
// CreateService / UpdateService into typed values, and DescribeServices writes them back from
// those values exactly as they were sent.
#include "services_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class ServiceConfig : public ServicesTest {
  protected:
    void SetUp() override {
        create_cluster();
        register_bridge("web");
        register_fargate("fg");
    }

    static json load_balancers() {
        return json::parse(R"([
            {"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/1",
             "containerName": "app", "containerPort": 80,
             "advancedConfiguration": {
                 "alternateTargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web-green/2",
                 "productionListenerRule": "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/web/3",
                 "testListenerRule": "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/web/4",
                 "roleArn": "arn:aws:iam::000000000000:role/lb"}},
            {"loadBalancerName": "classic", "containerName": "app", "containerPort": 8080}])");
    }

    static json registries() {
        return json::parse(R"([
            {"registryArn": "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-1",
             "port": 80, "containerName": "app", "containerPort": 8080}])");
    }
};

TEST_F(ServiceConfig, NetworkLoadBalancersAndRegistriesComeBackAsSent) {
    const json network{{"awsvpcConfiguration",
                        {{"subnets", {"subnet-a", "subnet-b"}},
                         {"securityGroups", {"sg-1", "sg-2"}},
                         {"assignPublicIp", "DISABLED"}}}};
    create_service("fg", {{"taskDefinition", "fg"},
                          {"launchType", "FARGATE"},
                          {"networkConfiguration", network},
                          {"serviceRegistries", registries()}});
    // loadBalancers are checked against the load balancer store now: their round trip is
    // services_load_balancers_test's (and model's service_links_test's).
    auto s = describe_service("fg");
    EXPECT_EQ(s["networkConfiguration"], network);
    EXPECT_EQ(s["deployments"][0]["networkConfiguration"], network);
    EXPECT_EQ(s["serviceRegistries"], registries());

    // Held typed: what later issues act on reads members, not documents.
    auto stored_service = stored("fg");
    ASSERT_TRUE(stored_service.network_configuration);
    const auto& awsvpc = stored_service.network_configuration->awsvpc;
    ASSERT_TRUE(awsvpc);
    EXPECT_EQ(awsvpc->subnets, (std::vector<std::string>{"subnet-a", "subnet-b"}));
    EXPECT_EQ(awsvpc->assign_public_ip, model::AssignPublicIp::disabled);
    ASSERT_EQ(stored_service.service_registries.size(), 1u);
    EXPECT_EQ(stored_service.service_registries[0].port, 80);
}

TEST_F(ServiceConfig, PlacementIsParsedOnceAndComesBackAsSent) {
    const auto constraints = json::parse(R"([
        {"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"},
        {"type": "distinctInstance"}])");
    const auto strategy = json::parse(R"([
        {"type": "spread", "field": "attribute:ecs.availability-zone"},
        {"type": "binpack", "field": "memory"},
        {"type": "random"}])");
    create_service("web", {{"placementConstraints", constraints}, {"placementStrategy", strategy}});
    auto s = describe_service("web");
    EXPECT_EQ(s["placementConstraints"], constraints);
    EXPECT_EQ(s["placementStrategy"], strategy);

    auto held = stored("web");
    ASSERT_EQ(held.placement_constraints.size(), 2u);
    EXPECT_EQ(held.placement_constraints[0].type, model::PlacementConstraint::Type::member_of);
    ASSERT_TRUE(held.placement_constraints[0].expression);
    EXPECT_TRUE(held.placement_constraints[0].expression->matches(
        [](std::string_view) { return std::vector<std::string>{"t3.micro"}; }));
    EXPECT_EQ(held.placement_constraints[1].type,
              model::PlacementConstraint::Type::distinct_instance);
    ASSERT_EQ(held.placement_strategy.size(), 3u);
    EXPECT_EQ(held.placement_strategy[1].type, model::PlacementStrategy::Type::binpack);
    EXPECT_EQ(held.placement_strategy[1].field, "memory");
}

TEST_F(ServiceConfig, UpdateServiceReplacesOnlyThePlacementListGiven) {
    const auto constraints = json::parse(R"([{"type": "distinctInstance"}])");
    create_service("web", {{"placementConstraints", constraints},
                           {"placementStrategy", json::parse(R"([{"type": "random"}])")}});
    const auto strategy = json::parse(R"([{"type": "binpack", "field": "cpu"}])");
    auto s =
        call("UpdateService", {{"service", "web"}, {"placementStrategy", strategy}})["service"];
    EXPECT_EQ(s["placementConstraints"], constraints);
    EXPECT_EQ(s["placementStrategy"], strategy);
    // A changed placement is a new deployment; the same placement again is not.
    EXPECT_EQ(s["deployments"].size(), 2u);
    s = call("UpdateService", {{"service", "web"}, {"placementStrategy", strategy}})["service"];
    EXPECT_EQ(s["deployments"].size(), 2u);

    auto [code, message] = error_of(
        "UpdateService",
        {{"service", "web"},
         {"placementConstraints", json::parse(R"([{"type": "memberOf", "expression": "(("}])")}});
    EXPECT_EQ(code, "InvalidParameterException");
    EXPECT_EQ(describe_service("web")["placementConstraints"], constraints);
}

}  // namespace
}  // namespace berth::api::ecs::testing

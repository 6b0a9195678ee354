#include "ecs_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

const char* k_group =
    "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:5c3b7c1e-0000-4000-8000-"
    "000000000001:autoScalingGroupName/web-asg";

class CapacityProviders : public EcsTest {
  protected:
    json create(const std::string& name, const std::string& group = k_group,
                const json& extra = json::object()) {
        json asg = {{"autoScalingGroupArn", group}};
        asg.update(extra);
        return call("CreateCapacityProvider",
                    {{"name", name}, {"autoScalingGroupProvider", asg}})["capacityProvider"];
    }
    Thrown create_error(const json& body) { return error("CreateCapacityProvider", body); }
};

TEST_F(CapacityProviders, CreateFillsEcsDefaults) {
    auto cp = create("web", k_group, {{"managedScaling", {{"status", "ENABLED"}}}});
    EXPECT_EQ(cp["capacityProviderArn"], arn("capacity-provider/web"));
    EXPECT_EQ(cp["status"], "ACTIVE");
    EXPECT_EQ(cp["type"], "EC2_AUTOSCALING");
    const auto& asg = cp["autoScalingGroupProvider"];
    EXPECT_EQ(asg["autoScalingGroupArn"], k_group);
    EXPECT_EQ(asg["managedScaling"], json({{"status", "ENABLED"},
                                           {"targetCapacity", 100},
                                           {"minimumScalingStepSize", 1},
                                           {"maximumScalingStepSize", 10000},
                                           {"instanceWarmupPeriod", 300}}));
    EXPECT_EQ(asg["managedTerminationProtection"], "DISABLED");
    EXPECT_EQ(asg["managedDraining"], "ENABLED");
    EXPECT_EQ(cp["tags"], json::array());
}

TEST_F(CapacityProviders, CreateRefusesWhatEcsRefuses) {
    const json asg = {{"autoScalingGroupArn", k_group}};
    for (const std::string bad : {"aws-web", "ECSweb", "Fargate2", "web.prod", ""}) {
        EXPECT_EQ(create_error({{"name", bad}, {"autoScalingGroupProvider", asg}}).type,
                  "ClientException")
            << bad;
    }
    EXPECT_EQ(create_error({{"name", "web"},
                            {"autoScalingGroupProvider", {{"autoScalingGroupArn", "web-asg"}}}})
                  .type,
              "ClientException");
    EXPECT_EQ(create_error({{"name", "web"}}).type, "InvalidParameterException");
    EXPECT_EQ(create_error({{"name", "web"},
                            {"managedInstancesProvider",
                             {{"infrastructureRoleArn", "arn:aws:iam::123456789012:role/r"},
                              {"instanceLaunchTemplate",
                               {{"ec2InstanceProfileArn", "x"},
                                {"networkConfiguration", {{"subnets", {"subnet-1"}}}}}}}}})
                  .type,
              "UnsupportedFeatureException");
    // The model's ranges: targetCapacity 1..100.
    EXPECT_EQ(create_error({{"name", "web"},
                            {"autoScalingGroupProvider",
                             {{"autoScalingGroupArn", k_group},
                              {"managedScaling", {{"targetCapacity", 0}}}}}})
                  .type,
              "InvalidParameterException");
    create("web");
    auto again = create_error({{"name", "web"}, {"autoScalingGroupProvider", asg}});
    EXPECT_EQ(again.type, "ClientException");
    EXPECT_NE(again.message.find("already exists"), std::string::npos);
    auto same_group = create_error({{"name", "api"}, {"autoScalingGroupProvider", asg}});
    EXPECT_NE(same_group.message.find("already being used"), std::string::npos);
}

TEST_F(CapacityProviders, DescribeListsBuiltInsAndCreatedOnes) {
    create("web");
    auto all = call("DescribeCapacityProviders")["capacityProviders"];
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0]["name"], "FARGATE");
    EXPECT_EQ(all[0]["type"], "FARGATE");
    EXPECT_EQ(all[1]["name"], "FARGATE_SPOT");
    EXPECT_EQ(all[2]["name"], "web");
    EXPECT_FALSE(all[2].contains("tags"));

    auto page = call("DescribeCapacityProviders", {{"maxResults", 2}});
    EXPECT_EQ(page["capacityProviders"].size(), 2u);
    auto rest = call("DescribeCapacityProviders", {{"nextToken", page["nextToken"]}});
    EXPECT_EQ(rest["capacityProviders"][0]["name"], "web");
    EXPECT_FALSE(rest.contains("nextToken"));

    auto named = call(
        "DescribeCapacityProviders",
        {{"capacityProviders", {arn("capacity-provider/web"), "nope"}}, {"include", {"TAGS"}}});
    EXPECT_EQ(named["capacityProviders"][0]["tags"], json::array());
    EXPECT_EQ(named["failures"],
              json({{{"arn", arn("capacity-provider/nope")}, {"reason", "MISSING"}}}));
}

TEST_F(CapacityProviders, UpdateMergesManagedScaling) {
    create("web", k_group, {{"managedScaling", {{"status", "ENABLED"}, {"targetCapacity", 80}}}});
    auto cp =
        call("UpdateCapacityProvider", {{"name", "web"},
                                        {"autoScalingGroupProvider",
                                         {{"managedScaling", {{"minimumScalingStepSize", 2}}},
                                          {"managedDraining", "DISABLED"}}}})["capacityProvider"];
    EXPECT_EQ(cp["updateStatus"], "UPDATE_COMPLETE");
    EXPECT_EQ(cp["autoScalingGroupProvider"]["managedScaling"]["targetCapacity"], 80);
    EXPECT_EQ(cp["autoScalingGroupProvider"]["managedScaling"]["minimumScalingStepSize"], 2);
    EXPECT_EQ(cp["autoScalingGroupProvider"]["managedDraining"], "DISABLED");
    EXPECT_EQ(error("UpdateCapacityProvider", {{"name", "nope"}}).type, "ClientException");
    EXPECT_EQ(error("UpdateCapacityProvider", {{"name", "FARGATE"}}).type,
              "InvalidParameterException");
}

TEST_F(CapacityProviders, ClustersUseCreatedProvidersAndDeleteFailsWhileAssociated) {
    EXPECT_EQ(error("CreateCluster", {{"clusterName", "c"}, {"capacityProviders", {"web"}}}).type,
              "InvalidParameterException");
    create("web");
    call("CreateCluster",
         {{"clusterName", "c"},
          {"capacityProviders", {"web", "FARGATE"}},
          {"defaultCapacityProviderStrategy", {{{"capacityProvider", "web"}, {"weight", 1}}}}});
    auto failed = call("DeleteCapacityProvider", {{"capacityProvider", "web"}})["capacityProvider"];
    EXPECT_EQ(failed["status"], "ACTIVE");
    EXPECT_EQ(failed["updateStatus"], "DELETE_FAILED");
    EXPECT_NE(failed["updateStatusReason"].get<std::string>().find("associated with cluster: c"),
              std::string::npos);

    call("PutClusterCapacityProviders", {{"cluster", "c"},
                                         {"capacityProviders", {"FARGATE"}},
                                         {"defaultCapacityProviderStrategy", json::array()}});
    auto gone = call("DeleteCapacityProvider",
                     {{"capacityProvider", arn("capacity-provider/web")}})["capacityProvider"];
    EXPECT_EQ(gone["status"], "INACTIVE");
    EXPECT_EQ(gone["updateStatus"], "DELETE_COMPLETE");
    // Still described by name, INACTIVE; no longer listed, nor usable by a cluster.
    EXPECT_EQ(call("DescribeCapacityProviders",
                   {{"capacityProviders", {"web"}}})["capacityProviders"][0]["status"],
              "INACTIVE");
    EXPECT_EQ(call("DescribeCapacityProviders")["capacityProviders"].size(), 2u);
    EXPECT_EQ(
        error("PutClusterCapacityProviders", {{"cluster", "c"},
                                              {"capacityProviders", {"web"}},
                                              {"defaultCapacityProviderStrategy", json::array()}})
            .type,
        "InvalidParameterException");
    // The name may be used again.
    EXPECT_EQ(create("web")["status"], "ACTIVE");
}

TEST_F(CapacityProviders, TagsByArn) {
    create("web");
    const auto cp = arn("capacity-provider/web");
    call("TagResource", {{"resourceArn", cp}, {"tags", {{{"key", "team"}, {"value", "a"}}}}});
    EXPECT_EQ(call("ListTagsForResource", {{"resourceArn", cp}})["tags"],
              json({{{"key", "team"}, {"value", "a"}}}));
}

}  // namespace
}  // namespace berth::api::ecs::testing

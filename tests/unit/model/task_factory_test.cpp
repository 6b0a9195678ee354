#include "berth/model/task_factory.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "berth/model/arn.hpp"

namespace berth::model {
namespace {

using nlohmann::json;

const PartitionKey k_part{"123456789012", "eu-west-1"};

Cluster cluster() {
    Cluster c;
    c.name = "prod";
    c.arn = cluster_arn(k_part, "prod");
    return c;
}

TaskDefinition bridge_td() {
    TaskDefinition td;
    td.family = "web";
    td.revision = 3;
    td.arn = task_definition_arn(k_part, "web", 3);
    td.body = read_task_definition(json::parse(R"({
        "family": "web", "revision": 3,
        "containerDefinitions": [
            {"name": "app", "image": "httpd:latest", "cpu": 256, "memory": 512,
             "essential": true, "healthCheck": {"command": ["CMD", "true"]}},
            {"name": "sidecar", "image": "busybox", "memoryReservation": 64, "essential": false}
        ]})"));
    td.tags = {{"team", "a"}, {"tier", "web"}};
    return td;
}

TaskDefinition fargate_td() {
    TaskDefinition td;
    td.family = "api";
    td.revision = 1;
    td.arn = task_definition_arn(k_part, "api", 1);
    td.body = read_task_definition(json::parse(R"({
        "family": "api", "revision": 1, "networkMode": "awsvpc", "cpu": "256", "memory": "512",
        "requiresCompatibilities": ["FARGATE"],
        "containerDefinitions": [{"name": "api", "image": "httpd", "essential": true}]})"));
    return td;
}

TaskLaunch launch_at(int seconds) {
    TaskLaunch l;
    l.now = TimePoint{std::chrono::seconds(seconds)};
    return l;
}

TEST(MakeTask, BridgeTaskIdentityAndStatus) {
    auto launch = launch_at(1000);
    launch.started_by = "me";
    auto task = make_task(k_part, cluster(), bridge_td(), launch);

    EXPECT_TRUE(std::regex_match(task.id, std::regex("[0-9a-f]{32}")));
    EXPECT_EQ(task.arn, "arn:aws:ecs:eu-west-1:123456789012:task/prod/" + task.id);
    EXPECT_EQ(task.cluster_arn, "arn:aws:ecs:eu-west-1:123456789012:cluster/prod");
    EXPECT_EQ(task.task_definition_arn, bridge_td().arn);
    EXPECT_EQ(task.family, "web");
    EXPECT_EQ(task.revision, 3);
    EXPECT_EQ(task.group, "family:web");
    EXPECT_EQ(task.started_by, "me");
    EXPECT_EQ(task.launch_type, LaunchType::ec2);
    // Only awsvpc tasks have a provisioning step.
    EXPECT_EQ(task.last_status, TaskStatus::pending);
    EXPECT_EQ(task.desired_status, TaskStatus::running);
    EXPECT_EQ(task.version, 1u);
    EXPECT_EQ(task.created_at, TimePoint{std::chrono::seconds(1000)});
    EXPECT_EQ(task.availability_zone, "eu-west-1a");
    EXPECT_TRUE(task.attachments.empty());
    EXPECT_TRUE(task.platform_version.empty());
    EXPECT_TRUE(task.cpu.empty());  // no task-level cpu in the definition
}

TEST(MakeTask, ContainersFollowTheDefinitions) {
    auto task = make_task(k_part, cluster(), bridge_td(), launch_at(0));
    ASSERT_EQ(task.containers.size(), 2u);
    const auto& app = task.containers[0];
    EXPECT_EQ(app.name, "app");
    EXPECT_EQ(app.image, "httpd:latest");
    EXPECT_TRUE(app.essential);
    EXPECT_TRUE(app.has_health_check);
    EXPECT_EQ(app.cpu, "256");
    EXPECT_EQ(app.memory, 512);
    EXPECT_FALSE(app.memory_reservation);
    EXPECT_EQ(app.known_status, ContainerStatus::none);
    EXPECT_EQ(app.desired_status, ContainerStatus::running);
    EXPECT_TRUE(std::regex_match(
        app.arn,
        std::regex("arn:aws:ecs:eu-west-1:123456789012:container/prod/" + task.id +
                   "/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
    const auto& sidecar = task.containers[1];
    EXPECT_FALSE(sidecar.essential);
    EXPECT_EQ(sidecar.cpu, "0");
    EXPECT_FALSE(sidecar.memory);
    EXPECT_EQ(sidecar.memory_reservation, 64);
    EXPECT_NE(app.arn, sidecar.arn);
}

TEST(MakeTask, OverridesAreNormalizedAndApplied) {
    auto launch = launch_at(0);
    launch.overrides = json::parse(R"({
        "containerOverrides": [{"name": "app", "command": ["httpd", "-f"], "cpu": 512,
                                "memory": 1024, "environment": [{"name": "A", "value": "1"}]}],
        "cpu": "1024", "memory": "2048", "taskRoleArn": "arn:aws:iam::123456789012:role/r"})");
    auto task = make_task(k_part, cluster(), bridge_td(), launch);

    EXPECT_EQ(task.cpu, "1024");
    EXPECT_EQ(task.memory, "2048");
    EXPECT_EQ(task.containers[0].cpu, "512");
    EXPECT_EQ(task.containers[0].memory, 1024);
    EXPECT_EQ(task.containers[1].memory_reservation, 64);

    const auto& o = task.overrides;
    ASSERT_EQ(o["containerOverrides"].size(), 2u);
    EXPECT_EQ(o["containerOverrides"][0]["name"], "app");
    EXPECT_EQ(o["containerOverrides"][0]["command"], json::array({"httpd", "-f"}));
    EXPECT_EQ(o["containerOverrides"][1], json({{"name", "sidecar"}}));
    EXPECT_EQ(o["inferenceAcceleratorOverrides"], json::array());
    EXPECT_EQ(o["taskRoleArn"], "arn:aws:iam::123456789012:role/r");
    EXPECT_EQ(o["cpu"], "1024");
    EXPECT_FALSE(o.contains("executionRoleArn"));
}

TEST(MakeTask, NoOverridesStillListsEveryContainer) {
    auto task = make_task(k_part, cluster(), bridge_td(), launch_at(0));
    EXPECT_EQ(task.overrides,
              json::parse(R"({"containerOverrides": [{"name": "app"}, {"name": "sidecar"}],
                              "inferenceAcceleratorOverrides": []})"));
}

TEST(MakeTask, FargateTaskHasEniAttachmentAndPlatform) {
    auto launch = launch_at(0);
    launch.launch_type = LaunchType::fargate;
    launch.network_configuration = read_network_configuration(json::parse(
        R"({"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"],
                                    "securityGroups": ["sg-1"]}})"));
    launch.index = 3;
    auto task = make_task(k_part, cluster(), fargate_td(), launch);

    EXPECT_EQ(task.last_status, TaskStatus::provisioning);
    EXPECT_EQ(task.launch_type, LaunchType::fargate);
    EXPECT_EQ(task.platform_version, "1.4.0");
    EXPECT_EQ(task.platform_family, "Linux");
    EXPECT_EQ(task.cpu, "256");
    EXPECT_EQ(task.memory, "512");
    EXPECT_EQ(task.ephemeral_storage, json({{"sizeInGiB", 20}}));
    EXPECT_EQ(task.attributes[0]["name"], "ecs.cpu-architecture");
    ASSERT_TRUE(task.network_configuration);
    EXPECT_EQ(task.network_configuration->subnets,
              (std::vector<std::string>{"subnet-a", "subnet-b"}));
    ASSERT_EQ(task.attachments.size(), 1u);
    const auto& eni = task.attachments[0];
    EXPECT_EQ(eni["type"], "ElasticNetworkInterface");
    EXPECT_EQ(eni["status"], "PRECREATED");
    EXPECT_EQ(eni["id"].get<std::string>().size(), 36u);
    // The fourth task of a launch lands in the second of two subnets.
    EXPECT_EQ(eni["details"], json::parse(R"([{"name": "subnetId", "value": "subnet-b"}])"));
}

TEST(MakeTask, ExplicitPlatformVersionIsKept) {
    auto launch = launch_at(0);
    launch.launch_type = LaunchType::fargate;
    launch.platform_version = "1.3.0";
    EXPECT_EQ(make_task(k_part, cluster(), fargate_td(), launch).platform_version, "1.3.0");
    launch.platform_version = "LATEST";
    EXPECT_EQ(make_task(k_part, cluster(), fargate_td(), launch).platform_version, "1.4.0");
}

TEST(MakeTask, TagsPropagateAndRequestTagsWin) {
    auto launch = launch_at(0);
    launch.tags = {{"tier", "override"}, {"owner", "me"}};
    launch.propagate_tags = PropagateTags::task_definition;
    launch.enable_ecs_managed_tags = true;
    auto task = make_task(k_part, cluster(), bridge_td(), launch);
    Tags expected{
        {"team", "a"}, {"tier", "override"}, {"owner", "me"}, {"aws:ecs:clusterName", "prod"}};
    EXPECT_EQ(task.tags, expected);
}

TEST(MakeTask, ServiceTasksCarryServiceTagsAndGroup) {
    auto launch = launch_at(0);
    launch.group = "service:frontend";
    launch.service_name = "frontend";
    launch.propagate_tags = PropagateTags::service;
    launch.service_tags = {{"svc", "1"}};
    launch.enable_ecs_managed_tags = true;
    auto task = make_task(k_part, cluster(), bridge_td(), launch);
    EXPECT_EQ(task.group, "service:frontend");
    Tags expected{
        {"svc", "1"}, {"aws:ecs:clusterName", "prod"}, {"aws:ecs:serviceName", "frontend"}};
    EXPECT_EQ(task.tags, expected);
}

TEST(MakeTask, NoPropagationByDefault) {
    auto task = make_task(k_part, cluster(), bridge_td(), launch_at(0));
    EXPECT_TRUE(task.tags.empty());
}

TEST(MakeTask, GivenIdAndContainerInstanceAreUsed) {
    auto launch = launch_at(0);
    launch.task_id = std::string(32, 'a');
    launch.container_instance_arn = container_instance_arn(k_part, "prod", "ci");
    auto task = make_task(k_part, cluster(), bridge_td(), launch);
    EXPECT_EQ(task.id, std::string(32, 'a'));
    EXPECT_EQ(task.container_instance_arn, launch.container_instance_arn);
}

TEST(NetworkModeOf, DefaultsToBridge) {
    EXPECT_EQ(network_mode_of(bridge_td()), "bridge");
    EXPECT_EQ(network_mode_of(fargate_td()), "awsvpc");
}

}  // namespace
}  // namespace berth::model

#include "berth/model/task_definition.hpp"

#include <gtest/gtest.h>

#include "berth/model/arn.hpp"
#include "berth/model/task_definition_lookup.hpp"

namespace berth::model {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const json k_document = json::parse(R"({
    "family": "web", "revision": 2, "networkMode": "host", "cpu": "1024", "memory": "2048",
    "compatibilities": ["EC2", "EXTERNAL"], "requiresCompatibilities": ["EC2"],
    "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
    "placementConstraints": [{"type": "memberOf", "expression": "attribute:x == y"}],
    "containerDefinitions": [
        {"name": "app", "image": "httpd", "essential": true, "cpu": 128, "memory": 256,
         "memoryReservation": 128, "user": "1000", "workingDirectory": "/srv",
         "command": ["httpd", "-f"], "entryPoint": ["sh", "-c"],
         "portMappings": [{"containerPort": 80, "hostPort": 8080, "protocol": "udp"},
                          {"containerPortRange": "9000-9002"}],
         "environment": [{"name": "A", "value": "1"}],
         "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:us-east-1:1:parameter/db"}],
         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g"},
                              "secretOptions": [{"name": "K", "valueFrom": "v"}]},
         "repositoryCredentials": {"credentialsParameter": "registry-creds"},
         "environmentFiles": [{"value": "arn:aws:s3:::bucket/app.env", "type": "s3"}],
         "healthCheck": {"command": ["CMD", "true"], "interval": 10},
         "startTimeout": 20, "stopTimeout": 5,
         "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": true}],
         "volumesFrom": [{"sourceContainer": "side"}],
         "dependsOn": [{"containerName": "side", "condition": "COMPLETE"}],
         "links": ["side:s"]},
        {"name": "side", "image": "busybox", "essential": false}
    ]})");

TEST(TaskDefinitionBody, ReadsWhatBerthActsOn) {
    const auto body = read_task_definition(k_document);
    EXPECT_EQ(body->cpu, 1024);
    EXPECT_EQ(body->memory, 2048);
    EXPECT_EQ(body->network_mode_or_default(), NetworkMode::host);
    EXPECT_TRUE(body->compatible_with(LaunchType::external));
    EXPECT_FALSE(body->compatible_with(LaunchType::fargate));
    EXPECT_EQ(body->requires_compatibilities, std::vector<LaunchType>{LaunchType::ec2});
    EXPECT_EQ(body->runtime_platform.cpu_architecture, "ARM64");
    EXPECT_EQ(to_json(body->placement_constraints), k_document["placementConstraints"]);
    ASSERT_EQ(body->containers.size(), 2u);
    const auto& app = *body->container("app");
    EXPECT_EQ(app.cpu, 128);
    EXPECT_EQ(app.memory, 256);
    EXPECT_EQ(app.memory_reservation, 128);
    EXPECT_EQ(app.user, "1000");
    EXPECT_EQ(app.working_directory, "/srv");
    EXPECT_EQ(app.command, (std::vector<std::string>{"httpd", "-f"}));
    EXPECT_EQ(app.entry_point, (std::vector<std::string>{"sh", "-c"}));
    ASSERT_EQ(app.port_mappings.size(), 2u);
    EXPECT_EQ(app.port_mappings[0].host_port, 8080);
    EXPECT_EQ(app.port_mappings[0].protocol, "udp");
    EXPECT_EQ(app.port_mappings[1].container_port_range, "9000-9002");
    EXPECT_EQ(app.port_mappings[1].protocol, "tcp");  // ECS's default
    EXPECT_EQ(app.environment.at(0).value, "1");
    EXPECT_EQ(app.secrets.at(0).value_from, "arn:aws:ssm:us-east-1:1:parameter/db");
    ASSERT_TRUE(app.log_configuration);
    EXPECT_EQ(app.log_configuration->driver, "awslogs");
    EXPECT_EQ(app.log_configuration->options.at(0).value, "g");
    EXPECT_EQ(app.log_configuration->secret_options.at(0).name, "K");
    EXPECT_EQ(app.credentials_parameter, "registry-creds");
    EXPECT_EQ(app.environment_files, std::vector<std::string>{"arn:aws:s3:::bucket/app.env"});
    ASSERT_TRUE(app.health_check);
    EXPECT_EQ(app.health_check->interval, 10);
    EXPECT_EQ(app.health_check->retries, 3);  // ECS's default
    EXPECT_EQ(app.start_timeout, 20s);
    EXPECT_EQ(app.stop_timeout, 5s);
    EXPECT_TRUE(app.mount_points.at(0).read_only);
    EXPECT_EQ(app.volumes_from.at(0).source_container, "side");
    EXPECT_EQ(app.depends_on.at(0).condition, DependencyCondition::complete);
    EXPECT_EQ(app.links, std::vector<std::string>{"side:s"});
    const auto& side = *body->container("side");
    EXPECT_FALSE(side.essential);
    EXPECT_FALSE(side.health_check);
    EXPECT_FALSE(side.memory);
    EXPECT_EQ(body->container("nope"), nullptr);
}

TEST(TaskDefinitionBody, DefaultsWhereTheDocumentIsSilent) {
    const auto body = read_task_definition(json{{"containerDefinitions", json::array()}});
    EXPECT_EQ(body->network_mode_or_default(), NetworkMode::bridge);
    EXPECT_FALSE(body->cpu);
    EXPECT_TRUE(body->compatible_with(LaunchType::ec2));  // ECS's default: EC2 only
    EXPECT_FALSE(body->compatible_with(LaunchType::fargate));
}

TEST(TaskDefinition, KeepsTheDocumentExactly) {
    TaskDefinition td;
    td.family = "web";
    td.revision = 2;
    td.body = read_task_definition(k_document);
    EXPECT_EQ(td.document(), k_document);
    // Another revision of the same document shares the body, and describes as itself.
    auto next = k_document;
    next["revision"] = 3;
    next["taskDefinitionArn"] = "arn:aws:ecs:us-east-1:000000000000:task-definition/web:3";
    TaskDefinition td3;
    td3.family = "web";
    td3.revision = 3;
    td3.arn = next["taskDefinitionArn"];
    td3.body = read_task_definition(next);
    EXPECT_EQ(td3.body, td.body);
    EXPECT_EQ(td3.document(), next);
    auto changed = k_document;
    changed["cpu"] = "2048";
    EXPECT_NE(read_task_definition(changed), td.body);
}

// RegisterTaskDefinition reads its document without family, revision and ARN (no copy is
// made then); a described revision carries them. Both must share one body, or every
// revision of a family would hold its own copy (docs/architecture.md, memory).
TEST(TaskDefinition, ADocumentWithoutItsRevisionMembersSharesTheBody) {
    auto bare = k_document;
    for (const char* name : {"family", "revision", "taskDefinitionArn"}) bare.erase(name);
    ASSERT_FALSE(bare.contains("family"));
    const auto from_bare = read_task_definition(bare);
    EXPECT_EQ(from_bare, read_task_definition(k_document));
    auto other = bare;
    other["memory"] = "4096";
    EXPECT_NE(read_task_definition(other), from_bare);
}

TEST(TaskDefinitionLookup, FindsARevisionByArnOrFamilyRevision) {
    Partition p;
    p.key = {"000000000000", "us-east-1"};
    for (int r = 1; r <= 2; ++r) {
        TaskDefinition td;
        td.family = "web";
        td.revision = r;
        td.arn = task_definition_arn(p.key, "web", r);
        p.task_definitions["web"].push_back(td);
    }
    EXPECT_EQ(find_task_definition(p, task_definition_arn(p.key, "web", 2))->revision, 2);
    EXPECT_EQ(find_task_definition(p, "web:1")->revision, 1);
    EXPECT_EQ(find_task_definition(p, "web:3"), nullptr);
    EXPECT_EQ(find_task_definition(p, "web"), nullptr);
    EXPECT_EQ(find_task_definition(p, "db:1"), nullptr);
    Task task;
    task.family = "web";
    task.revision = 1;
    task.task_definition_arn = task_definition_arn(p.key, "web", 1);
    EXPECT_EQ(task_definition_of(p, task), &p.task_definitions["web"][0]);
    task.task_definition_arn = task_definition_arn(p.key, "web", 2);  // not this revision's
    EXPECT_EQ(task_definition_of(p, task), nullptr);
}

}  // namespace
}  // namespace berth::model

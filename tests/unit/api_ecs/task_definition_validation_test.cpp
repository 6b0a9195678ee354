// Table tests of the pure task definition rules (prepare_task_definition): each row changes a
// valid definition in one way and names the error ECS answers, or the value ECS fills in.
#include <functional>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/ecs/task_definition_document.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {
namespace {

using nlohmann::json;

json fargate_definition() {
    return json::parse(R"({
        "family": "web",
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "cpu": "256",
        "memory": "512",
        "containerDefinitions": [
            {"name": "app", "image": "httpd", "portMappings": [{"containerPort": 80}]}
        ]
    })");
}

json ec2_definition() {
    return json::parse(R"({
        "family": "worker",
        "containerDefinitions": [
            {"name": "app", "image": "busybox", "memory": 128},
            {"name": "side", "image": "busybox", "memoryReservation": 64, "essential": false}
        ]
    })");
}

struct ErrorRow {
    const char* name;
    std::function<json()> make;
    const char* type;
    const char* message;  // exact
};

std::pair<std::string, std::string> outcome(const json& input) {
    try {
        prepare_task_definition(input);
    } catch (const protocol::AwsError& e) {
        return {e.type(), e.what()};
    }
    return {"none", ""};
}

json with(json doc, const std::function<void(json&)>& change) {
    change(doc);
    return doc;
}

TEST(TaskDefinitionValidation, RefusesWhatEcsRefuses) {
    const ErrorRow rows[] = {
        {"fargate pair outside the table",
         [] { return with(fargate_definition(), [](json& d) { d["memory"] = "4096"; }); },
         "ClientException",
         "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the "
         "Amazon ECS documentation for the valid values."},
        {"fargate pair given in units outside the table",
         [] {
             return with(fargate_definition(), [](json& d) {
                 d["cpu"] = "1 vCPU";
                 d["memory"] = "1 GB";
             });
         },
         "ClientException",
         "No Fargate configuration exists for given values: 1024 CPU, 1024 memory. See the "
         "Amazon ECS documentation for the valid values."},
        {"fargate without awsvpc",
         [] { return with(fargate_definition(), [](json& d) { d["networkMode"] = "bridge"; }); },
         "ClientException", "Fargate only supports network mode ‘awsvpc’."},
        {"fargate without a network mode",
         [] { return with(fargate_definition(), [](json& d) { d.erase("networkMode"); }); },
         "ClientException", "Fargate only supports network mode ‘awsvpc’."},
        {"fargate without task cpu",
         [] { return with(fargate_definition(), [](json& d) { d.erase("cpu"); }); },
         "ClientException", "Fargate requires that 'cpu' be defined at the task level."},
        {"fargate without task memory",
         [] { return with(fargate_definition(), [](json& d) { d.erase("memory"); }); },
         "ClientException", "Fargate requires that 'memory' be defined at the task level."},
        {"fargate with ipcMode",
         [] { return with(fargate_definition(), [](json& d) { d["ipcMode"] = "host"; }); },
         "ClientException", "Tasks using the Fargate launch type do not support ipcMode."},
        {"awsvpc host port differs",
         [] {
             return with(fargate_definition(), [](json& d) {
                 d["containerDefinitions"][0]["portMappings"][0]["hostPort"] = 8080;
             });
         },
         "ClientException",
         "When networkMode=awsvpc, the host ports and container ports in port mappings must "
         "match."},
        {"host mode host port differs",
         [] {
             return with(ec2_definition(), [](json& d) {
                 d["networkMode"] = "host";
                 d["containerDefinitions"][0]["portMappings"] =
                     json::array({{{"containerPort", 80}, {"hostPort", 81}}});
             });
         },
         "ClientException",
         "When networkMode=host, the host ports and container ports in port mappings must match."},
        {"links with awsvpc",
         [] {
             return with(fargate_definition(), [](json& d) {
                 d["containerDefinitions"][0]["links"] = json::array({"db"});
             });
         },
         "ClientException", "Links are not supported when networkMode=awsvpc."},
        {"hostname with awsvpc",
         [] {
             return with(fargate_definition(),
                         [](json& d) { d["containerDefinitions"][0]["hostname"] = "web"; });
         },
         "ClientException", "hostname is not supported on container when networkMode=awsvpc."},
        {"duplicate container names",
         [] {
             return with(ec2_definition(),
                         [](json& d) { d["containerDefinitions"][1]["name"] = "app"; });
         },
         "ClientException", "Container names must be unique within a Task Definition."},
        {"no essential container",
         [] {
             return with(ec2_definition(),
                         [](json& d) { d["containerDefinitions"][0]["essential"] = false; });
         },
         "ClientException", "Task definition doesn't have any essential container."},
        {"no memory on an EC2 container",
         [] {
             return with(ec2_definition(),
                         [](json& d) { d["containerDefinitions"][0].erase("memory"); });
         },
         "ClientException",
         "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' "
         "must be specified."},
        {"family with a space",
         [] { return with(ec2_definition(), [](json& d) { d["family"] = "my app"; }); },
         "ClientException", "Family contains invalid characters."},
        {"family of 256 characters",
         [] {
             return with(ec2_definition(), [](json& d) { d["family"] = std::string(256, 'f'); });
         },
         "ClientException", "Family contains invalid characters."},
        {"container name with a dot",
         [] {
             return with(ec2_definition(),
                         [](json& d) { d["containerDefinitions"][0]["name"] = "app.v1"; });
         },
         "ClientException", "Container.name contains invalid characters."},
        {"container without image",
         [] {
             return with(ec2_definition(),
                         [](json& d) { d["containerDefinitions"][0].erase("image"); });
         },
         "ClientException", "Container.image should not be null or empty."},
        {"no containers",
         [] {
             return with(ec2_definition(),
                         [](json& d) { d["containerDefinitions"] = json::array(); });
         },
         "ClientException", "Container list cannot be empty."},
        {"task cpu that is no number",
         [] { return with(ec2_definition(), [](json& d) { d["cpu"] = "lots"; }); },
         "InvalidParameterException", "Invalid 'cpu' setting for task."},
        {"task memory that is no number",
         [] { return with(ec2_definition(), [](json& d) { d["memory"] = "1 TB"; }); },
         "InvalidParameterException", "Invalid 'memory' setting for task."},
        {"port mapping without containerPort",
         [] {
             return with(ec2_definition(), [](json& d) {
                 d["containerDefinitions"][0]["portMappings"] = json::array({{{"hostPort", 80}}});
             });
         },
         "ClientException", "Invalid 'containerPort' setting for container 'app'."},
        {"SUCCESS dependency on an essential container",
         [] {
             return with(ec2_definition(), [](json& d) {
                 d["containerDefinitions"][1]["dependsOn"] =
                     json::array({{{"containerName", "app"}, {"condition", "SUCCESS"}}});
             });
         },
         "ClientException",
         "A dependency container with SUCCESS or COMPLETE condition cannot be an essential "
         "container"},
    };
    for (const auto& row : rows) {
        auto [type, message] = outcome(row.make());
        EXPECT_EQ(type, row.type) << row.name;
        EXPECT_EQ(message, row.message) << row.name;
    }
}

TEST(TaskDefinitionValidation, AcceptsValidDefinitions) {
    const std::pair<const char*, json> rows[] = {
        {"fargate", fargate_definition()},
        {"ec2 with two containers", ec2_definition()},
        {"fargate in units", with(fargate_definition(),
                                  [](json& d) {
                                      d["cpu"] = "0.5 vCPU";
                                      d["memory"] = "1 GB";
                                  })},
        {"ec2 with task memory only", with(ec2_definition(),
                                           [](json& d) {
                                               d["memory"] = "512";
                                               d["containerDefinitions"][0].erase("memory");
                                           })},
        {"awsvpc host port equal",
         with(fargate_definition(),
              [](json& d) { d["containerDefinitions"][0]["portMappings"][0]["hostPort"] = 80; })},
        {"bridge host port differs",
         with(ec2_definition(),
              [](json& d) {
                  d["containerDefinitions"][0]["portMappings"] =
                      json::array({{{"containerPort", 80}, {"hostPort", 8080}}});
              })},
    };
    for (const auto& [name, input] : rows) {
        EXPECT_EQ(outcome(input).first, "none") << name << ": " << outcome(input).second;
    }
}

TEST(TaskDefinitionValidation, FillsWhatEcsFills) {
    auto doc = prepare_task_definition(with(fargate_definition(), [](json& d) {
        d["cpu"] = "1 vCPU";
        d["memory"] = "2 GB";
    }));
    EXPECT_EQ(doc["cpu"], "1024");
    EXPECT_EQ(doc["memory"], "2048");
    const auto& c = doc["containerDefinitions"][0];
    EXPECT_EQ(c["essential"], true);
    EXPECT_EQ(c["cpu"], 0);
    EXPECT_EQ(c["environment"], json::array());
    EXPECT_EQ(c["mountPoints"], json::array());
    EXPECT_EQ(c["volumesFrom"], json::array());
    EXPECT_EQ(c["portMappings"][0],
              json({{"containerPort", 80}, {"hostPort", 80}, {"protocol", "tcp"}}));
    EXPECT_EQ(doc["volumes"], json::array());
    EXPECT_EQ(doc["placementConstraints"], json::array());
    EXPECT_EQ(doc["compatibilities"], json({"EC2", "FARGATE"}));
    EXPECT_EQ(doc["requiresAttributes"],
              json({{{"name", "com.amazonaws.ecs.capability.docker-remote-api.1.18"}},
                    {{"name", "ecs.capability.task-eni"}}}));
}

TEST(TaskDefinitionValidation, BridgeDefinitionsGetDynamicHostPortsAndNoFargate) {
    auto doc = prepare_task_definition(with(ec2_definition(), [](json& d) {
        d["containerDefinitions"][0]["portMappings"] = json::array({{{"containerPort", 8080}}});
    }));
    EXPECT_EQ(doc["containerDefinitions"][0]["portMappings"][0]["hostPort"], 0);
    EXPECT_EQ(doc["compatibilities"], json({"EXTERNAL", "EC2"}));
    EXPECT_FALSE(doc.contains("networkMode"));
}

TEST(TaskDefinitionValidation, RequiresAttributesFollowTheFeaturesUsed) {
    auto doc = prepare_task_definition(with(fargate_definition(), [](json& d) {
        d["executionRoleArn"] = "arn:aws:iam::000000000000:role/exec";
        d["taskRoleArn"] = "arn:aws:iam::000000000000:role/task";
        auto& c = d["containerDefinitions"][0];
        c["logConfiguration"] = {{"logDriver", "awslogs"}, {"options", {{"awslogs-group", "g"}}}};
        c["healthCheck"] = {{"command", {"CMD", "true"}}};
    }));
    std::set<std::string> names;
    for (const auto& a : doc["requiresAttributes"]) names.insert(a["name"].get<std::string>());
    for (const char* expected :
         {"ecs.capability.task-eni", "com.amazonaws.ecs.capability.task-iam-role",
          "com.amazonaws.ecs.capability.logging-driver.awslogs",
          "ecs.capability.execution-role-awslogs", "ecs.capability.container-health-check",
          "com.amazonaws.ecs.capability.docker-remote-api.1.19"}) {
        EXPECT_TRUE(names.contains(expected)) << expected;
    }
}

}  // namespace
}  // namespace berth::api::ecs

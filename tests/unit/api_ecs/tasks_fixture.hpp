#pragma once
// A real ECS JsonService over a real Store, with a controllable clock: the task tests drive
// it exactly as a client would (JSON in, JSON out), and stand in for the runtime only by
// registering container instances and moving task statuses in the Store.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/api/ecs/ecs_api.hpp"
#include "berth/model/arn.hpp"
#include "berth/model/store.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/json_service.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::ecs::testing {

using nlohmann::json;

class TasksTest : public ::testing::Test {
  protected:
    model::Store store;
    model::TimePoint now{std::chrono::seconds(1'700'000'000)};
    std::unique_ptr<protocol::JsonService> ecs =
        make_ecs_service(Environment{store, [this] { return now; }});
    protocol::RequestContext ctx{"000000000000", "us-east-1", "AKIDEXAMPLE", "req-1"};
    model::PartitionKey key{"000000000000", "us-east-1"};

    TasksTest() { ecs->set_strict_output(true); }

    // Calls an operation and checks the answer against the model's output shape.
    json call(const std::string& op, const json& input) {
        auto out = ecs->invoke(op, ctx, input.dump());
        auto violations = ecs->model().check_output(op, out);
        EXPECT_TRUE(violations.empty()) << op << ": " << ::testing::PrintToString(violations);
        return out;
    }

    // The error an operation answers with (type and message); fails the test if it succeeds.
    std::pair<std::string, std::string> error_of(const std::string& op, const json& input) {
        try {
            ecs->invoke(op, ctx, input.dump());
        } catch (const protocol::AwsError& e) {
            return {e.type(), e.what()};
        }
        ADD_FAILURE() << op << " succeeded";
        return {};
    }

    void create_cluster(const std::string& name = "default") {
        call("CreateCluster", {{"clusterName", name}});
    }

    // A bridge task definition: one httpd container with a static or dynamic host port.
    json register_bridge(const std::string& family, int memory = 256, int host_port = 0) {
        json def{{"name", "web"},
                 {"image", "public.ecr.aws/docker/library/httpd:latest"},
                 {"memory", memory},
                 {"cpu", 128},
                 {"essential", true},
                 {"portMappings", json::array({{{"containerPort", 80}, {"hostPort", host_port}}})}};
        return call(
            "RegisterTaskDefinition",
            {{"family", family}, {"containerDefinitions", json::array({def})}})["taskDefinition"];
    }

    json register_fargate(const std::string& family) {
        json def{{"name", "app"}, {"image", "busybox"}, {"essential", true}};
        return call("RegisterTaskDefinition",
                    {{"family", family},
                     {"networkMode", "awsvpc"},
                     {"requiresCompatibilities", json::array({"FARGATE"})},
                     {"cpu", "256"},
                     {"memory", "512"},
                     {"containerDefinitions", json::array({def})}})["taskDefinition"];
    }

    // What the runtime does for each engine it drives: one container instance per cluster.
    std::string add_instance(const std::string& cluster, std::int64_t cpu, std::int64_t memory,
                             const std::string& id = "0123456789abcdef0123456789abcdef") {
        auto arn = model::container_instance_arn(key, cluster, id);
        store.write(key, [&](model::Partition& p) {
            auto& ci = p.container_instances[arn];
            ci.arn = arn;
            ci.id = id;
            ci.cluster_name = cluster;
            ci.docker_host = "unix:///var/run/docker.sock";  // Environment's default engine
            ci.registered_cpu = cpu;
            ci.registered_memory = memory;
            ci.registered_at = now;
            ci.version_info = {{"agentVersion", "1.0.0"}, {"dockerVersion", "20.10.24"}};
            ci.attributes = json::array({{{"name", "ecs.os-type"}, {"value", "linux"}}});
            ci.auto_registered = true;
            ci.seq = p.take_seq();
        });
        return arn;
    }

    // Stands in for the runtime: moves a task's lastStatus.
    void set_last_status(const std::string& task_arn, model::TaskStatus status) {
        store.write(key, [&](model::Partition& p) { p.tasks.at(task_arn).last_status = status; });
    }

    json describe_task(const std::string& arn, const std::string& cluster = "default") {
        auto out = call("DescribeTasks", {{"cluster", cluster}, {"tasks", json::array({arn})}});
        EXPECT_EQ(out["tasks"].size(), 1u);
        return out["tasks"].empty() ? json() : out["tasks"][0];
    }
};

}  // namespace berth::api::ecs::testing

#include "runtime/container_instances.hpp"

#include <gtest/gtest.h>

namespace berth::runtime {
namespace {

using nlohmann::json;

const model::PartitionKey k_key{"000000000000", "eu-west-1"};
const model::TimePoint k_now = model::TimePoint{} + std::chrono::hours(1000);

EngineFacts engine(std::string host, bool reachable = true) {
    EngineFacts e;
    e.host = std::move(host);
    e.reachable = reachable;
    e.known = true;
    e.ncpu = 2;
    e.mem_total = 4LL * 1024 * 1024 * 1024;
    e.server_version = "20.10.24";
    e.api_version = "1.41";
    e.architecture = "aarch64";
    e.os_type = "linux";
    return e;
}

model::Partition partition_with(std::vector<std::string> clusters) {
    model::Partition p;
    p.key = k_key;
    for (auto& name : clusters) {
        auto& c = p.clusters[name];
        c.name = name;
    }
    return p;
}

// Applies changes until there are none left, as the runtime's loop does; returns the passes.
int settle(model::Partition& p, const std::vector<EngineFacts>& engines) {
    int passes = 0;
    for (auto changes = container_instance_changes(p, engines, k_now); !changes.empty();
         changes = container_instance_changes(p, engines, k_now)) {
        apply_instance_changes(p, changes);
        if (++passes > 3) break;
    }
    return passes;
}

std::vector<const model::ContainerInstance*> instances_of(const model::Partition& p,
                                                          const std::string& cluster) {
    std::vector<const model::ContainerInstance*> out;
    for (const auto& [arn, ci] : p.container_instances) {
        if (ci.cluster_name == cluster) out.push_back(&ci);
    }
    return out;
}

TEST(ContainerInstances, OnePerEngineAndActiveCluster) {
    auto p = partition_with({"a", "b"});
    p.clusters["gone"].status = model::ClusterStatus::inactive;
    EXPECT_EQ(settle(p, {engine("unix:///one.sock"), engine("tcp://10.0.0.2:2375")}), 1);
    EXPECT_EQ(instances_of(p, "a").size(), 2u);
    EXPECT_EQ(instances_of(p, "b").size(), 2u);
    EXPECT_TRUE(instances_of(p, "gone").empty());
    // Stable: nothing to do on the next pass.
    EXPECT_TRUE(container_instance_changes(
                    p, {engine("unix:///one.sock"), engine("tcp://10.0.0.2:2375")}, k_now)
                    .empty());
}

TEST(ContainerInstances, RecordCarriesTheEnginesResources) {
    auto p = partition_with({"default"});
    settle(p, {engine("unix:///one.sock")});
    const auto& ci = *instances_of(p, "default").at(0);
    EXPECT_EQ(ci.registered_cpu, 2048);
    EXPECT_EQ(ci.registered_memory, 4096);
    EXPECT_TRUE(ci.agent_connected);
    EXPECT_TRUE(ci.auto_registered);
    EXPECT_EQ(ci.docker_host, "unix:///one.sock");
    EXPECT_EQ(ci.arn, "arn:aws:ecs:eu-west-1:000000000000:container-instance/default/" + ci.id);
    EXPECT_EQ(ci.id.size(), 32u);
    EXPECT_TRUE(ci.ec2_instance_id.starts_with("i-"));
    EXPECT_EQ(ci.registered_at, k_now);
    EXPECT_GT(ci.seq, 0u);
    EXPECT_EQ(ci.version_info["dockerVersion"], "DockerVersion: 20.10.24");
}

// Each engine stands for an instance of its own zone, so that spread by zone spreads them.
TEST(ContainerInstances, EachEngineIsInAZoneOfItsOwn) {
    auto zone_of = [](std::size_t position) {
        auto e = engine("unix:///one.sock");
        e.zone = default_zone(position);
        for (const auto& a : engine_attributes(e, "eu-west-1")) {
            if (a["name"] == "ecs.availability-zone") return a["value"].get<std::string>();
        }
        return std::string();
    };
    EXPECT_EQ(zone_of(0), "eu-west-1a");
    EXPECT_EQ(zone_of(2), "eu-west-1c");
    EXPECT_EQ(zone_of(6), "eu-west-1a");
}

TEST(ContainerInstances, AttributesAsTheAgentReportsThem) {
    auto attrs = engine_attributes(engine("unix:///one.sock"), "eu-west-1");
    auto value_of = [&](const std::string& name) -> std::optional<std::string> {
        for (const auto& a : attrs) {
            if (a["name"] == name) return a.value("value", std::string());
        }
        return std::nullopt;
    };
    EXPECT_EQ(value_of("ecs.os-type"), "linux");
    EXPECT_EQ(value_of("ecs.cpu-architecture"), "arm64");
    EXPECT_EQ(value_of("ecs.availability-zone"), "eu-west-1a");
    EXPECT_TRUE(value_of("com.amazonaws.ecs.capability.docker-remote-api.1.17"));
    EXPECT_TRUE(value_of("com.amazonaws.ecs.capability.docker-remote-api.1.41"));
    EXPECT_FALSE(value_of("com.amazonaws.ecs.capability.docker-remote-api.1.42"));
    EXPECT_TRUE(value_of("ecs.capability.container-health-check"));
}

TEST(ContainerInstances, AgentConnectedFollowsTheEngineAndIdsStay) {
    auto p = partition_with({"default"});
    settle(p, {engine("unix:///one.sock")});
    const auto id = instances_of(p, "default").at(0)->id;
    EXPECT_EQ(settle(p, {engine("unix:///one.sock", false)}), 1);
    EXPECT_FALSE(instances_of(p, "default").at(0)->agent_connected);
    EXPECT_EQ(instances_of(p, "default").at(0)->id, id);
    settle(p, {engine("unix:///one.sock", true)});
    EXPECT_TRUE(instances_of(p, "default").at(0)->agent_connected);
}

TEST(ContainerInstances, AnEngineNeverReachedIsRegisteredDisconnected) {
    auto p = partition_with({"default"});
    EngineFacts absent;
    absent.host = "unix:///absent.sock";
    settle(p, {absent});
    const auto& ci = *instances_of(p, "default").at(0);
    EXPECT_FALSE(ci.agent_connected);
    EXPECT_EQ(ci.registered_cpu, 0);
}

TEST(ContainerInstances, ClientAttributesAndStatusSurvive) {
    auto p = partition_with({"default"});
    settle(p, {engine("unix:///one.sock")});
    auto& ci = p.container_instances.begin()->second;
    ci.attributes.push_back({{"name", "stack"}, {"value", "blue"}});
    ci.status = model::ContainerInstanceStatus::draining;
    settle(p, {engine("unix:///one.sock", false)});
    const auto& after = p.container_instances.begin()->second;
    EXPECT_EQ(after.status, model::ContainerInstanceStatus::draining);
    bool kept = false;
    for (const auto& a : after.attributes) kept |= a["name"] == "stack";
    EXPECT_TRUE(kept);
}

TEST(ContainerInstances, DeletedClustersAndForgottenEnginesLoseTheirs) {
    auto p = partition_with({"default"});
    model::ContainerInstance manual;
    manual.arn = "arn:manual";
    manual.cluster_name = "default";
    p.container_instances[manual.arn] = manual;  // registered by a client: never touched
    settle(p, {engine("unix:///one.sock"), engine("unix:///two.sock")});
    EXPECT_EQ(instances_of(p, "default").size(), 3u);
    settle(p, {engine("unix:///one.sock")});
    EXPECT_EQ(instances_of(p, "default").size(), 2u);
    p.clusters["default"].status = model::ClusterStatus::inactive;
    settle(p, {engine("unix:///one.sock")});
    ASSERT_EQ(instances_of(p, "default").size(), 1u);
    EXPECT_EQ(instances_of(p, "default")[0]->arn, "arn:manual");
}

}  // namespace
}  // namespace berth::runtime

#include "runtime/service_registrations.hpp"

#include <gtest/gtest.h>

namespace berth::runtime {
namespace {

using nlohmann::json;

const std::string k_registry = "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abc";

model::Partition partition_with(model::NetworkMode mode, model::ServiceRegistry registry) {
    model::Partition p;
    p.key = {"123456789012", "us-east-1"};
    model::TaskDefinition td;
    td.family = "web";
    td.revision = 1;
    td.arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1";
    auto body = std::make_shared<model::TaskDefinitionBody>();
    body->network_mode = mode;
    td.body = body;
    p.task_definitions["web"].push_back(td);
    model::Service s;
    s.name = "backend";
    s.cluster_name = "default";
    s.arn = "arn:aws:ecs:us-east-1:123456789012:service/default/backend";
    s.task_definition_arn = td.arn;
    s.service_registries = {std::move(registry)};
    p.services[s.arn] = s;
    return p;
}

model::Task& add_task(model::Partition& p, const std::string& id, model::TaskStatus last,
                      const std::string& ip) {
    model::Task t;
    t.id = id;
    t.arn = "arn:aws:ecs:us-east-1:123456789012:task/default/" + id;
    t.cluster_name = "default";
    t.service_name = "backend";
    t.family = "web";
    t.revision = 1;
    t.task_definition_arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1";
    t.last_status = last;
    t.availability_zone = "us-east-1a";
    if (!ip.empty()) {
        t.attachments =
            json::array({{{"type", "ElasticNetworkInterface"},
                          {"details", {{{"name", "privateIPv4Address"}, {"value", ip}}}}}});
    }
    t.containers.push_back({});
    t.containers.back().name = "app";
    return p.tasks[t.arn] = std::move(t);
}

model::ServiceRegistry registry(std::optional<int> port = {}, std::optional<std::string> name = {},
                                std::optional<int> container_port = {}) {
    return {k_registry, port, std::move(name), container_port};
}

TEST(ServiceRegistrations, RunningAwsvpcTasksWithAnAddressAreWanted) {
    auto p = partition_with(model::NetworkMode::awsvpc, registry());
    add_task(p, "t1", model::TaskStatus::running, "10.0.0.5");
    add_task(p, "t2", model::TaskStatus::pending, "10.0.0.6");  // not running yet
    add_task(p, "t3", model::TaskStatus::running, "");          // no address yet
    add_task(p, "t4", model::TaskStatus::running, "10.0.0.7").desired_status =
        model::TaskStatus::stopped;  // on its way out
    auto d = desired_instances(p);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].instance_id, "t1");
    EXPECT_EQ(d[0].service_id, "srv-abc");
    EXPECT_EQ(d[0].key.region, "us-east-1");
    const model::Attributes expected{
        {"AWS_INSTANCE_IPV4", "10.0.0.5"},    {"AWS_INIT_HEALTH_STATUS", "HEALTHY"},
        {"AVAILABILITY_ZONE", "us-east-1a"},  {"REGION", "us-east-1"},
        {"ECS_CLUSTER_NAME", "default"},      {"ECS_SERVICE_NAME", "backend"},
        {"ECS_TASK_DEFINITION_FAMILY", "web"}};
    EXPECT_EQ(d[0].attributes, expected);
}

// EXTERNAL controller: each task joins its own task set's registry, with the set's externalId.
TEST(ServiceRegistrations, TaskSetTasksJoinTheirTaskSetsRegistry) {
    auto p = partition_with(model::NetworkMode::awsvpc, registry());
    auto& s = p.services.begin()->second;
    s.deployment_controller = model::DeploymentControllerType::external;
    s.service_registries.clear();  // no primary task set yet
    model::TaskSet blue;
    blue.id = "ecs-svc/1";
    blue.external_id = "deploy-1";
    blue.service_registries = {registry()};
    model::TaskSet green;  // no registry
    green.id = "ecs-svc/2";
    s.task_sets = {blue, green};
    add_task(p, "t1", model::TaskStatus::running, "10.0.0.5").deployment_id = blue.id;
    add_task(p, "t2", model::TaskStatus::running, "10.0.0.6").deployment_id = green.id;
    auto d = desired_instances(p);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].instance_id, "t1");
    EXPECT_EQ(d[0].attributes.at("ECS_TASK_SET_EXTERNAL_ID"), "deploy-1");
}

TEST(ServiceRegistrations, PortsComeFromTheRegistryOrTheHostBinding) {
    struct Case {
        model::NetworkMode mode;
        model::ServiceRegistry registry;
        std::string ip, port;
    };
    const std::vector<Case> cases = {
        {model::NetworkMode::awsvpc, registry(8080), "10.0.0.5", "8080"},
        {model::NetworkMode::awsvpc, registry({}, "app", 80), "10.0.0.5", "80"},
        {model::NetworkMode::bridge, registry({}, "app", 80), "172.17.0.1", "32768"},
    };
    for (const auto& c : cases) {
        auto p = partition_with(c.mode, c.registry);
        auto& t = add_task(p, "t1", model::TaskStatus::running, "10.0.0.5");
        t.containers[0].network_bindings =
            json::array({{{"containerPort", 80}, {"hostPort", 32768}, {"protocol", "tcp"}}});
        auto d = desired_instances(p);
        ASSERT_EQ(d.size(), 1u);
        EXPECT_EQ(d[0].attributes.at("AWS_INSTANCE_IPV4"), c.ip);
        EXPECT_EQ(d[0].attributes.at("AWS_INSTANCE_PORT"), c.port);
    }
}

TEST(ServiceRegistrations, UnhealthyTasksAreUnhealthyInstances) {
    auto p = partition_with(model::NetworkMode::awsvpc, registry());
    add_task(p, "t1", model::TaskStatus::running, "10.0.0.5").health =
        model::HealthStatus::unhealthy;
    EXPECT_EQ(desired_instances(p).at(0).health, model::HealthStatus::unhealthy);
}

TEST(ServiceRegistrations, ThePlanPutsChangesAndRemovesWhatIsNoLongerWanted) {
    const model::PartitionKey key{"1", "r"};
    auto inst = [&](std::string id, std::string ip,
                    model::HealthStatus h = model::HealthStatus::healthy) {
        return RegisteredInstance{
            key, "srv-a", std::move(id), {{"AWS_INSTANCE_IPV4", std::move(ip)}}, h};
    };
    struct Case {
        std::vector<RegisteredInstance> desired, actual;
        std::size_t put, health, remove;
    };
    const std::vector<Case> cases = {
        {{inst("t1", "a")}, {}, 1, 0, 0},
        {{inst("t1", "a")}, {inst("t1", "a")}, 0, 0, 0},
        {{inst("t1", "b")}, {inst("t1", "a")}, 1, 0, 0},
        {{inst("t1", "a", model::HealthStatus::unhealthy)}, {inst("t1", "a")}, 0, 1, 0},
        {{}, {inst("t1", "a"), inst("t2", "b")}, 0, 0, 2},
        {{inst("t2", "b")}, {inst("t1", "a")}, 1, 0, 1},
    };
    for (const auto& c : cases) {
        auto plan = plan_registrations(c.desired, c.actual);
        EXPECT_EQ(plan.put.size(), c.put);
        EXPECT_EQ(plan.health.size(), c.health);
        EXPECT_EQ(plan.remove.size(), c.remove);
    }
}

TEST(ServiceRegistrations, OnlyEcsInstancesAreOurs) {
    model::CloudMapInstance mine, theirs;
    mine.attributes = {{"ECS_CLUSTER_NAME", "default"}, {"ECS_SERVICE_NAME", "backend"}};
    theirs.attributes = {{"AWS_INSTANCE_IPV4", "10.0.0.1"}};
    EXPECT_TRUE(registered_by_ecs(mine));
    EXPECT_FALSE(registered_by_ecs(theirs));
}

// Service Connect: a partition whose `backend` service publishes port mapping "http" (container
// port 80 of container "app") as discovery name `backend` with one client alias.
model::Partition connect_partition(model::NetworkMode mode, int alias_port) {
    auto p = partition_with(mode, registry());
    auto& td = p.task_definitions["web"][0];
    auto body = std::make_shared<model::TaskDefinitionBody>(*td.body);
    body->containers.push_back({});
    body->containers.back().name = "app";
    model::PortMapping http;
    http.container_port = 80;
    http.name = "http";
    body->containers.back().port_mappings.push_back(http);
    td.body = body;
    auto& s = p.services.begin()->second;
    s.service_registries.clear();
    model::ServiceConnectEndpoint e;
    e.discovery_name = "backend";
    e.discovery_arn = k_registry;
    e.port_name = "http";
    e.aliases = {{"api.demo.local", alias_port}};
    s.service_connect_endpoints = {e};
    return p;
}

TEST(ServiceConnectNames, NamesAnswerTheServingTasksWhereTheyListen) {
    using Table = model::ServiceConnectNameTable;
    struct Case {
        std::string what;
        model::NetworkMode mode;
        int alias_port;
        Table names;
    };
    const std::vector<Case> cases = {
        {"awsvpc, alias on the container port",
         model::NetworkMode::awsvpc,
         80,
         {{"backend", {"10.0.0.5"}}, {"api.demo.local", {"10.0.0.5"}}}},
        // The runtime redirects 8080 to 80 in the task's namespace: the alias answers too.
        {"awsvpc, alias on another port",
         model::NetworkMode::awsvpc,
         8080,
         {{"backend", {"10.0.0.5"}}, {"api.demo.local", {"10.0.0.5"}}}},
        {"bridge, alias on the host port",
         model::NetworkMode::bridge,
         32768,
         {{"backend", {"172.17.0.1"}}, {"api.demo.local", {"172.17.0.1"}}}},
        // No proxy forwards the alias port to the host port Docker bound.
        {"bridge, alias on the container port",
         model::NetworkMode::bridge,
         80,
         {{"backend", {"172.17.0.1"}}}},
    };
    for (const auto& c : cases) {
        auto p = connect_partition(c.mode, c.alias_port);
        auto& t = add_task(p, "t1", model::TaskStatus::running, "10.0.0.5");
        t.containers[0].network_bindings =
            json::array({{{"containerPort", 80}, {"hostPort", 32768}, {"protocol", "tcp"}}});
        EXPECT_EQ(service_connect_names(p), c.names) << c.what;
    }
}

TEST(ServiceConnectNames, OnlyRunningTasksThatAreNotUnhealthyAnswer) {
    auto p = connect_partition(model::NetworkMode::awsvpc, 80);
    add_task(p, "t1", model::TaskStatus::running, "10.0.0.5");
    add_task(p, "t2", model::TaskStatus::running, "10.0.0.6").health =
        model::HealthStatus::unhealthy;
    add_task(p, "t3", model::TaskStatus::pending, "10.0.0.7");
    add_task(p, "t4", model::TaskStatus::running, "10.0.0.8").health = model::HealthStatus::healthy;
    const model::ServiceConnectNameTable expected{{"backend", {"10.0.0.5", "10.0.0.8"}},
                                                  {"api.demo.local", {"10.0.0.5", "10.0.0.8"}}};
    EXPECT_EQ(service_connect_names(p), expected);
}

TEST(ServiceConnectNames, EachTaskRegistersInItsDiscoveryNamesCloudMapService) {
    auto p = connect_partition(model::NetworkMode::awsvpc, 8080);
    add_task(p, "t1", model::TaskStatus::running, "10.0.0.5");
    auto d = desired_instances(p);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].service_id, "srv-abc");
    EXPECT_EQ(d[0].attributes.at("AWS_INSTANCE_IPV4"), "10.0.0.5");
    EXPECT_EQ(d[0].attributes.at("AWS_INSTANCE_PORT"), "80");
}

}  // namespace
}  // namespace berth::runtime

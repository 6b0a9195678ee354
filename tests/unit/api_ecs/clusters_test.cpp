#include "ecs_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class Clusters : public EcsTest {
  protected:
    void add_service(const std::string& cluster, const std::string& name, const std::string& status,
                     const std::string& launch_type = "FARGATE") {
        seed([&](model::Partition& p) {
            model::Service s;
            s.arn = arn("service/" + cluster + "/" + name);
            s.name = name;
            s.cluster_name = cluster;
            s.status = *model::parse<model::ServiceStatus>(status);
            s.launch_type = model::parse<model::LaunchType>(launch_type);
            p.services[s.arn] = s;
        });
    }
    void add_task(const std::string& cluster, const std::string& id, model::TaskStatus status,
                  const std::string& launch_type = "FARGATE") {
        seed([&](model::Partition& p) {
            model::Task t;
            t.arn = arn("task/" + cluster + "/" + id);
            t.cluster_name = cluster;
            t.last_status = status;
            t.launch_type = *model::parse<model::LaunchType>(launch_type);
            p.tasks[t.arn] = t;
        });
    }
    void add_instance(const std::string& cluster, const std::string& status) {
        seed([&](model::Partition& p) {
            model::ContainerInstance ci;
            ci.arn = arn("container-instance/" + cluster + "/i1");
            ci.cluster_name = cluster;
            ci.status = *model::parse<model::ContainerInstanceStatus>(status);
            p.container_instances[ci.arn] = ci;
        });
    }
};

TEST_F(Clusters, CreateAnswersAsEcs) {
    auto c = call("CreateCluster", {{"clusterName", "web"},
                                    {"tags", {{{"key", "env"}, {"value", "dev"}}}}})["cluster"];
    EXPECT_EQ(c["clusterArn"], arn("cluster/web"));
    EXPECT_EQ(c["clusterName"], "web");
    EXPECT_EQ(c["status"], "ACTIVE");
    EXPECT_EQ(c["registeredContainerInstancesCount"], 0);
    EXPECT_EQ(c["runningTasksCount"], 0);
    EXPECT_EQ(c["pendingTasksCount"], 0);
    EXPECT_EQ(c["activeServicesCount"], 0);
    EXPECT_EQ(c["tags"], json({{{"key", "env"}, {"value", "dev"}}}));
    // The account's containerInsights setting (disabled by default) is the cluster's.
    EXPECT_EQ(c["settings"], json({{{"name", "containerInsights"}, {"value", "disabled"}}}));
    EXPECT_EQ(c["capacityProviders"], json::array());
}

TEST_F(Clusters, CreateWithoutANameMakesTheDefaultCluster) {
    EXPECT_EQ(call("CreateCluster")["cluster"]["clusterArn"], arn("cluster/default"));
    // Calls that omit `cluster` mean "default".
    EXPECT_EQ(call("DescribeClusters")["clusters"][0]["clusterName"], "default");
}

TEST_F(Clusters, CreateIsIdempotentByName) {
    call("CreateCluster", {{"clusterName", "web"}, {"tags", {{{"key", "a"}, {"value", "1"}}}}});
    auto again = call("CreateCluster", {{"clusterName", "web"}})["cluster"];
    EXPECT_EQ(again["tags"], json({{{"key", "a"}, {"value", "1"}}}));
    EXPECT_EQ(call("ListClusters")["clusterArns"], json({arn("cluster/web")}));
}

TEST_F(Clusters, CreateRefusesBadNamesAndSettings) {
    for (const std::string& bad :
         std::vector<std::string>{"my cluster", "web.prod", std::string(256, 'c'), ""}) {
        auto e = error("CreateCluster", {{"clusterName", bad}});
        EXPECT_EQ(e.type, "InvalidParameterException") << bad;
    }
    EXPECT_EQ(error("CreateCluster", {{"clusterName", std::string(255, 'c')}}).type, "none");
    EXPECT_EQ(error("CreateCluster",
                    {{"clusterName", "x"},
                     {"settings", {{{"name", "containerInsights"}, {"value", "maybe"}}}}})
                  .type,
              "InvalidParameterException");
}

TEST_F(Clusters, SettingsConfigurationAndCapacityProviders) {
    auto c = call("CreateCluster",
                  {{"clusterName", "web"},
                   {"settings", {{{"name", "containerInsights"}, {"value", "enhanced"}}}},
                   {"configuration", {{"executeCommandConfiguration", {{"logging", "DEFAULT"}}}}},
                   {"capacityProviders", {"FARGATE", "FARGATE_SPOT"}},
                   {"defaultCapacityProviderStrategy",
                    {{{"capacityProvider", "FARGATE"}, {"weight", 1}, {"base", 1}}}},
                   {"serviceConnectDefaults", {{"namespace", "local"}}}})["cluster"];
    EXPECT_EQ(c["settings"], json({{{"name", "containerInsights"}, {"value", "enhanced"}}}));
    EXPECT_EQ(c["configuration"]["executeCommandConfiguration"]["logging"], "DEFAULT");
    EXPECT_EQ(c["capacityProviders"], json({"FARGATE", "FARGATE_SPOT"}));
    EXPECT_EQ(c["serviceConnectDefaults"]["namespace"], "local");

    auto described = call("DescribeClusters", {{"clusters", {"web"}}})["clusters"][0];
    EXPECT_FALSE(described.contains("settings"));
    EXPECT_FALSE(described.contains("configuration"));
    auto full = call("DescribeClusters",
                     {{"clusters", {"web"}},
                      {"include", {"SETTINGS", "CONFIGURATIONS", "ATTACHMENTS"}}})["clusters"][0];
    EXPECT_EQ(full["settings"][0]["value"], "enhanced");
    EXPECT_TRUE(full.contains("configuration"));
    EXPECT_EQ(full["attachments"], json::array());

    auto updated =
        call("UpdateClusterSettings",
             {{"cluster", "web"},
              {"settings", {{{"name", "containerInsights"}, {"value", "disabled"}}}}})["cluster"];
    EXPECT_EQ(updated["settings"], json({{{"name", "containerInsights"}, {"value", "disabled"}}}));

    updated = call("UpdateCluster", {{"cluster", arn("cluster/web")},
                                     {"serviceConnectDefaults", {{"namespace", ""}}}})["cluster"];
    EXPECT_FALSE(updated.contains("serviceConnectDefaults"));

    auto put = call("PutClusterCapacityProviders",
                    {{"cluster", "web"},
                     {"capacityProviders", {"FARGATE"}},
                     {"defaultCapacityProviderStrategy", json::array()}})["cluster"];
    EXPECT_EQ(put["capacityProviders"], json({"FARGATE"}));
}

TEST_F(Clusters, CapacityProviderRules) {
    call("CreateCluster", {{"clusterName", "web"}});
    auto put = [&](json providers, json strategy) {
        return error("PutClusterCapacityProviders",
                     {{"cluster", "web"},
                      {"capacityProviders", providers},
                      {"defaultCapacityProviderStrategy", strategy}});
    };
    EXPECT_EQ(put({"MY_ASG"}, json::array()).type, "InvalidParameterException");
    EXPECT_EQ(put({"FARGATE"}, {{{"capacityProvider", "FARGATE_SPOT"}, {"weight", 1}}}).type,
              "InvalidParameterException");
    EXPECT_EQ(
        put({"FARGATE", "FARGATE_SPOT"}, {{{"capacityProvider", "FARGATE"}, {"base", 1}},
                                          {{"capacityProvider", "FARGATE_SPOT"}, {"base", 2}}})
            .type,
        "InvalidParameterException");
    EXPECT_EQ(put({"FARGATE"}, {{{"capacityProvider", "FARGATE"}, {"weight", 1}}}).type, "none");

    // A provider a live service uses cannot be taken away.
    seed([&](model::Partition& p) {
        model::Service s;
        s.arn = arn("service/web/api");
        s.cluster_name = "web";
        s.capacity_provider_strategy = json::array({{{"capacityProvider", "FARGATE"}}});
        p.services[s.arn] = s;
    });
    EXPECT_EQ(put({"FARGATE_SPOT"}, json::array()).type, "ResourceInUseException");
    EXPECT_EQ(
        error("PutClusterCapacityProviders", {{"cluster", "nope"},
                                              {"capacityProviders", json::array()},
                                              {"defaultCapacityProviderStrategy", json::array()}})
            .type,
        "ClusterNotFoundException");
}

TEST_F(Clusters, DescribeReportsUnknownNamesAsMissing) {
    call("CreateCluster", {{"clusterName", "web"}});
    auto out = call("DescribeClusters", {{"clusters", {"web", "ghost", arn("cluster/other")}}});
    ASSERT_EQ(out["clusters"].size(), 1u);
    ASSERT_EQ(out["failures"].size(), 2u);
    EXPECT_EQ(out["failures"][0], json({{"arn", arn("cluster/ghost")}, {"reason", "MISSING"}}));
    EXPECT_EQ(out["failures"][1], json({{"arn", arn("cluster/other")}, {"reason", "MISSING"}}));

    auto no_default = call("DescribeClusters");
    EXPECT_EQ(no_default["failures"][0]["arn"], arn("cluster/default"));
}

TEST_F(Clusters, CountsComeFromTasksServicesAndInstances) {
    call("CreateCluster", {{"clusterName", "web"}});
    add_task("web", "t1", model::TaskStatus::running);
    add_task("web", "t2", model::TaskStatus::running, "EC2");
    add_task("web", "t3", model::TaskStatus::provisioning);
    add_task("web", "t4", model::TaskStatus::stopped);
    add_task("other", "t5", model::TaskStatus::running);
    add_service("web", "a", "ACTIVE");
    add_service("web", "b", "DRAINING");
    add_service("web", "c", "INACTIVE");
    add_instance("web", "ACTIVE");

    auto c = call("DescribeClusters",
                  {{"clusters", {"web"}}, {"include", {"STATISTICS"}}})["clusters"][0];
    EXPECT_EQ(c["runningTasksCount"], 2);
    EXPECT_EQ(c["pendingTasksCount"], 1);
    EXPECT_EQ(c["activeServicesCount"], 1);
    EXPECT_EQ(c["registeredContainerInstancesCount"], 1);
    std::map<std::string, std::string> stats;
    for (const auto& s : c["statistics"]) stats[s["name"]] = s["value"];
    EXPECT_EQ(stats["runningFargateTasksCount"], "1");
    EXPECT_EQ(stats["runningEC2TasksCount"], "1");
    EXPECT_EQ(stats["pendingFargateTasksCount"], "1");
    EXPECT_EQ(stats["activeFargateServiceCount"], "1");
    EXPECT_EQ(stats["drainingFargateServiceCount"], "1");
}

TEST_F(Clusters, DeleteRefusesWhileWorkRemains) {
    call("CreateCluster", {{"clusterName", "web"}});
    add_instance("web", "ACTIVE");
    auto e = error("DeleteCluster", {{"cluster", "web"}});
    EXPECT_EQ(e.type, "ClusterContainsContainerInstancesException");
    seed([](model::Partition& p) { p.container_instances.clear(); });

    add_service("web", "api", "DRAINING");
    e = error("DeleteCluster", {{"cluster", "web"}});
    EXPECT_EQ(e.type, "ClusterContainsServicesException");
    EXPECT_EQ(e.message, "The Cluster cannot be deleted while Services are active.");
    seed([](model::Partition& p) {
        p.services.begin()->second.status = model::ServiceStatus::inactive;
    });

    add_task("web", "t1", model::TaskStatus::deprovisioning);
    e = error("DeleteCluster", {{"cluster", "web"}});
    EXPECT_EQ(e.type, "ClusterContainsTasksException");
    EXPECT_EQ(e.message, "The Cluster cannot be deleted while Tasks are active.");
    seed([](model::Partition& p) {
        p.tasks.begin()->second.last_status = model::TaskStatus::stopped;
    });

    EXPECT_EQ(call("DeleteCluster", {{"cluster", "web"}})["cluster"]["status"], "INACTIVE");
}

TEST_F(Clusters, DeletedClustersStayDescribableAndLeaveTheList) {
    call("CreateCluster", {{"clusterName", "a"}});
    call("CreateCluster", {{"clusterName", "b"}});
    call("DeleteCluster", {{"cluster", arn("cluster/a")}});
    EXPECT_EQ(call("ListClusters")["clusterArns"], json({arn("cluster/b")}));
    auto out = call("DescribeClusters", {{"clusters", {"a"}}});
    EXPECT_EQ(out["clusters"][0]["status"], "INACTIVE");
    // Deleting again answers the INACTIVE cluster; other calls find no cluster.
    EXPECT_EQ(call("DeleteCluster", {{"cluster", "a"}})["cluster"]["status"], "INACTIVE");
    EXPECT_EQ(error("UpdateClusterSettings",
                    {{"cluster", "a"},
                     {"settings", {{{"name", "containerInsights"}, {"value", "enabled"}}}}})
                  .type,
              "ClusterNotFoundException");
    EXPECT_EQ(error("DeleteCluster", {{"cluster", "ghost"}}).type, "ClusterNotFoundException");

    // Creating it again brings it back, fresh.
    auto again = call("CreateCluster", {{"clusterName", "a"}})["cluster"];
    EXPECT_EQ(again["status"], "ACTIVE");
    EXPECT_EQ(again["clusterArn"], arn("cluster/a"));
    EXPECT_EQ(call("ListClusters")["clusterArns"], json({arn("cluster/a"), arn("cluster/b")}));
}

TEST_F(Clusters, ListClustersPaginates) {
    std::vector<std::string> expected;
    for (int i = 0; i < 25; ++i) {
        char name[16];
        std::snprintf(name, sizeof name, "c%02d", i);
        call("CreateCluster", {{"clusterName", name}});
        expected.push_back(arn(std::string("cluster/") + name));
    }
    std::vector<std::string> seen;
    json request = {{"maxResults", 10}};
    int pages = 0;
    for (;;) {
        auto out = call("ListClusters", request);
        ++pages;
        for (const auto& a : out["clusterArns"]) seen.push_back(a);
        if (!out.contains("nextToken")) break;
        request["nextToken"] = out["nextToken"];
    }
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen, expected);
    EXPECT_EQ(error("ListClusters", {{"maxResults", 0}}).type, "InvalidParameterException");
    EXPECT_EQ(error("ListClusters", {{"maxResults", 101}}).type, "InvalidParameterException");
}

}  // namespace
}  // namespace berth::api::ecs::testing

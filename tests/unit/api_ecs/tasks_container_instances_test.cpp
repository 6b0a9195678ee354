// ListContainerInstances, DescribeContainerInstances and UpdateContainerInstancesState.
#include "tasks_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class ContainerInstances : public TasksTest {
  protected:
    void SetUp() override {
        create_cluster();
        arn_ = add_instance("default", 2048, 4096);
    }
    json describe(const json& extra = json::object()) {
        json input{{"containerInstances", {arn_}}};
        input.update(extra);
        return call("DescribeContainerInstances", input);
    }
    static std::int64_t resource(const json& list, const std::string& name) {
        for (const auto& r : list) {
            if (r["name"] == name) return r["integerValue"];
        }
        return -1;
    }
    std::string arn_;
};

TEST_F(ContainerInstances, DescribeReportsRegisteredAndRemaining) {
    auto ci = describe()["containerInstances"][0];
    EXPECT_EQ(ci["containerInstanceArn"], arn_);
    EXPECT_EQ(ci["status"], "ACTIVE");
    EXPECT_EQ(ci["agentConnected"], true);
    EXPECT_EQ(ci["versionInfo"]["dockerVersion"], "20.10.24");
    EXPECT_EQ(ci["runningTasksCount"], 0);
    EXPECT_EQ(ci["pendingTasksCount"], 0);
    EXPECT_EQ(resource(ci["registeredResources"], "CPU"), 2048);
    EXPECT_EQ(resource(ci["registeredResources"], "MEMORY"), 4096);
    EXPECT_EQ(ci["registeredResources"][2]["name"], "PORTS");
    EXPECT_EQ(ci["registeredResources"][2]["type"], "STRINGSET");
    EXPECT_EQ(ci["registeredResources"][3]["name"], "PORTS_UDP");
    EXPECT_FALSE(ci.contains("tags"));

    register_bridge("web", 512, 8080);
    auto task = call("RunTask", {{"taskDefinition", "web"}})["tasks"][0]["taskArn"];
    ci = describe()["containerInstances"][0];
    EXPECT_EQ(resource(ci["remainingResources"], "MEMORY"), 4096 - 512);
    EXPECT_EQ(resource(ci["remainingResources"], "CPU"), 2048 - 128);
    EXPECT_EQ(ci["remainingResources"][2]["stringSetValue"], json({"8080"}));
    EXPECT_EQ(ci["pendingTasksCount"], 1);

    set_last_status(task, model::TaskStatus::running);
    ci = describe()["containerInstances"][0];
    EXPECT_EQ(ci["runningTasksCount"], 1);
    EXPECT_EQ(ci["pendingTasksCount"], 0);

    set_last_status(task, model::TaskStatus::stopped);
    ci = describe()["containerInstances"][0];
    EXPECT_EQ(resource(ci["remainingResources"], "MEMORY"), 4096);
    EXPECT_EQ(ci["runningTasksCount"], 0);
}

TEST_F(ContainerInstances, DescribeByIdWithTagsAndMissing) {
    call("TagResource",
         {{"resourceArn", arn_}, {"tags", json::array({{{"key", "k"}, {"value", "v"}}})}});
    auto out = call("DescribeContainerInstances",
                    {{"containerInstances", {"0123456789abcdef0123456789abcdef", "nope"}},
                     {"include", {"TAGS"}}});
    ASSERT_EQ(out["containerInstances"].size(), 1u);
    EXPECT_EQ(out["containerInstances"][0]["tags"][0]["key"], "k");
    EXPECT_EQ(out["failures"], json::parse(R"([{"arn": "nope", "reason": "MISSING"}])"));
    EXPECT_EQ(error_of("DescribeContainerInstances",
                       {{"cluster", "nope"}, {"containerInstances", {arn_}}})
                  .first,
              "ClusterNotFoundException");
}

TEST_F(ContainerInstances, ListByStatusAndFilter) {
    auto second = add_instance("default", 1024, 1024, "22222222222222222222222222222222");
    store.write(key, [&](model::Partition& p) {
        p.container_instances.at(second).attributes =
            json::parse(R"([{"name": "ecs.instance-type", "value": "t3.large"}])");
    });
    auto all = call("ListContainerInstances", json::object())["containerInstanceArns"];
    EXPECT_EQ(all.size(), 2u);
    auto filtered =
        call("ListContainerInstances", {{"filter", "attribute:ecs.instance-type == t3.large"}});
    EXPECT_EQ(filtered["containerInstanceArns"], json({second}));
    EXPECT_EQ(error_of("ListContainerInstances", {{"filter", "attribute:x =="}}).first,
              "InvalidParameterException");

    auto drained = call("UpdateContainerInstancesState",
                        {{"containerInstances", {second, "nope"}}, {"status", "DRAINING"}});
    EXPECT_EQ(drained["containerInstances"][0]["status"], "DRAINING");
    EXPECT_EQ(drained["failures"][0]["reason"], "MISSING");
    EXPECT_EQ(call("ListContainerInstances", {{"status", "DRAINING"}})["containerInstanceArns"],
              json({second}));
    EXPECT_EQ(call("ListContainerInstances", {{"status", "ACTIVE"}})["containerInstanceArns"],
              json({arn_}));
    EXPECT_EQ(error_of("UpdateContainerInstancesState",
                       {{"containerInstances", {second}}, {"status", "REGISTERING"}})
                  .first,
              "InvalidParameterException");
}

TEST_F(ContainerInstances, DrainingInstancesTakeNoNewTasks) {
    register_bridge("web", 16);
    call("UpdateContainerInstancesState", {{"containerInstances", {arn_}}, {"status", "DRAINING"}});
    EXPECT_EQ(error_of("RunTask", {{"taskDefinition", "web"}}).second,
              "No Container Instances were found in your cluster.");
    auto started = call("StartTask", {{"taskDefinition", "web"}, {"containerInstances", {arn_}}});
    EXPECT_TRUE(started["tasks"].empty());
    EXPECT_EQ(started["failures"][0]["reason"], "DRAINING");
    call("UpdateContainerInstancesState", {{"containerInstances", {arn_}}, {"status", "ACTIVE"}});
    EXPECT_EQ(call("RunTask", {{"taskDefinition", "web"}})["tasks"].size(), 1u);
}

TEST_F(ContainerInstances, BerthsOwnInstancesNeverBlockDeleteCluster) {
    create_cluster("own");
    add_instance("own", 1024, 1024, "33333333333333333333333333333333");
    EXPECT_EQ(call("DeleteCluster", {{"cluster", "own"}})["cluster"]["status"], "INACTIVE");

    // An instance a client registered does.
    create_cluster("theirs");
    auto arn = add_instance("theirs", 1024, 1024, "44444444444444444444444444444444");
    store.write(
        key, [&](model::Partition& p) { p.container_instances.at(arn).auto_registered = false; });
    EXPECT_EQ(error_of("DeleteCluster", {{"cluster", "theirs"}}).first,
              "ClusterContainsContainerInstancesException");
}

}  // namespace
}  // namespace berth::api::ecs::testing

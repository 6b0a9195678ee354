// RegisterContainerInstance and DeregisterContainerInstance through the JSON API, as a client
// calls them (moto-style tests, scripts).
#include "tasks_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class RegisterInstances : public TasksTest {
  protected:
    void SetUp() override {
        create_cluster();
        engine_ = add_instance("default", 8192, 16384);
    }

    static std::int64_t resource(const json& list, const std::string& name) {
        for (const auto& r : list) {
            if (r["name"] == name) return r["integerValue"];
        }
        return -1;
    }

    static std::string attribute(const json& ci, const std::string& name) {
        for (const auto& a : ci["attributes"]) {
            if (a["name"] == name) return a.value("value", "(no value)");
        }
        return "(absent)";
    }

    json register_ec2(const std::string& instance_id, const std::string& zone,
                      json extra = json::object()) {
        json doc{{"instanceId", instance_id},
                 {"availabilityZone", zone},
                 {"instanceType", "t3.small"},
                 {"imageId", "ami-12345678"},
                 {"region", "us-east-1"}};
        json input{{"cluster", "default"}, {"instanceIdentityDocument", doc.dump()}};
        input.update(extra);
        return call("RegisterContainerInstance", input)["containerInstance"];
    }

    std::string engine_;
};

TEST_F(RegisterInstances, AnEc2InstanceFromItsIdentityDocument) {
    auto ci = register_ec2("i-0123456789abcdef0", "us-east-1b",
                           {{"totalResources",
                             {{{"name", "CPU"}, {"type", "INTEGER"}, {"integerValue", 2048}},
                              {{"name", "MEMORY"}, {"type", "INTEGER"}, {"integerValue", 3768}}}},
                            {"attributes", {{{"name", "stack"}, {"value", "prod"}}}},
                            {"tags", {{{"key", "team"}, {"value", "a"}}}}});
    EXPECT_EQ(ci["ec2InstanceId"], "i-0123456789abcdef0");
    EXPECT_EQ(ci["status"], "ACTIVE");
    EXPECT_EQ(ci["agentConnected"], true);
    EXPECT_EQ(resource(ci["registeredResources"], "CPU"), 2048);
    EXPECT_EQ(resource(ci["registeredResources"], "MEMORY"), 3768);
    EXPECT_EQ(attribute(ci, "ecs.availability-zone"), "us-east-1b");
    EXPECT_EQ(attribute(ci, "ecs.instance-type"), "t3.small");
    EXPECT_EQ(attribute(ci, "ecs.os-type"), "linux");  // the engine's
    EXPECT_EQ(attribute(ci, "stack"), "prod");
    EXPECT_EQ(ci["tags"], json::parse(R"([{"key":"team","value":"a"}])"));

    auto listed = call("ListContainerInstances", json::object())["containerInstanceArns"];
    EXPECT_EQ(listed.size(), 2u);
    // A client-registered instance keeps its cluster, as on ECS.
    EXPECT_EQ(error_of("DeleteCluster", {{"cluster", "default"}}).first,
              "ClusterContainsContainerInstancesException");
}

TEST_F(RegisterInstances, WithoutADocumentItIsExternalWithTheEnginesResources) {
    auto ci = call("RegisterContainerInstance", json::object())["containerInstance"];
    EXPECT_TRUE(ci["ec2InstanceId"].get<std::string>().starts_with("mi-")) << ci.dump();
    EXPECT_EQ(resource(ci["registeredResources"], "CPU"), 8192);
    EXPECT_EQ(resource(ci["registeredResources"], "MEMORY"), 16384);
}

TEST_F(RegisterInstances, TasksArePlacedOnRegisteredInstances) {
    const std::string a = register_ec2("i-a", "us-east-1a")["containerInstanceArn"];
    call("UpdateContainerInstancesState",
         {{"containerInstances", {engine_}}, {"status", "DRAINING"}});
    register_bridge("web", 256);
    auto tasks = call("RunTask", {{"taskDefinition", "web"}, {"count", 2}})["tasks"];
    ASSERT_EQ(tasks.size(), 2u);
    for (const auto& t : tasks) EXPECT_EQ(t["containerInstanceArn"], a);
}

// A task is in its instance's zone, whether RunTask placed it or StartTask named the instance.
TEST_F(RegisterInstances, TasksAreInTheZoneOfTheirInstance) {
    const std::string b = register_ec2("i-b", "us-east-1b")["containerInstanceArn"];
    call("UpdateContainerInstancesState",
         {{"containerInstances", {engine_}}, {"status", "DRAINING"}});
    register_bridge("web", 256);
    auto run = call("RunTask", {{"taskDefinition", "web"}})["tasks"];
    ASSERT_EQ(run.size(), 1u);
    EXPECT_EQ(run[0]["availabilityZone"], "us-east-1b");
    auto started =
        call("StartTask", {{"taskDefinition", "web"}, {"containerInstances", {b}}})["tasks"];
    ASSERT_EQ(started.size(), 1u);
    EXPECT_EQ(started[0]["availabilityZone"], "us-east-1b");
}

TEST_F(RegisterInstances, DeregisterNeedsForceWhileTasksRunAndThenStopsThem) {
    const std::string a = register_ec2("i-a", "us-east-1a")["containerInstanceArn"];
    call("UpdateContainerInstancesState",
         {{"containerInstances", {engine_}}, {"status", "DRAINING"}});
    register_bridge("web", 256);
    const std::string task = call("RunTask", {{"taskDefinition", "web"}})["tasks"][0]["taskArn"];
    set_last_status(task, model::TaskStatus::running);

    auto [type, message] = error_of("DeregisterContainerInstance", {{"containerInstance", a}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message, "Found running tasks on the instance.");

    auto ci = call("DeregisterContainerInstance",
                   {{"containerInstance", a}, {"force", true}})["containerInstance"];
    EXPECT_EQ(ci["status"], "INACTIVE");
    EXPECT_EQ(ci["agentConnected"], false);
    auto t = describe_task(task);
    EXPECT_EQ(t["desiredStatus"], "STOPPED");
    EXPECT_EQ(t["stopCode"], "TerminationNotice");
    // No longer listed, still described; the cluster may go once its tasks have.
    auto listed = call("ListContainerInstances", json::object())["containerInstanceArns"];
    EXPECT_EQ(listed, json::array({engine_}));
    EXPECT_EQ(call("DescribeContainerInstances",
                   {{"containerInstances", {a}}})["containerInstances"][0]["status"],
              "INACTIVE");
}

TEST_F(RegisterInstances, Refusals) {
    EXPECT_EQ(error_of("RegisterContainerInstance", {{"cluster", "nope"}}).first,
              "ClusterNotFoundException");
    EXPECT_EQ(
        error_of("RegisterContainerInstance", {{"instanceIdentityDocument", "{not json"}}).first,
        "InvalidParameterException");
    EXPECT_EQ(error_of("RegisterContainerInstance",
                       {{"attributes", {{{"name", "bad name!"}, {"value", "x"}}}}})
                  .first,
              "InvalidParameterException");
    EXPECT_EQ(error_of("DeregisterContainerInstance", {{"containerInstance", "0123"}}).first,
              "InvalidParameterException");
    EXPECT_EQ(call("ListContainerInstances", json::object())["containerInstanceArns"].size(), 1u)
        << "a refused registration registers nothing";
}

TEST_F(RegisterInstances, ReRegistrationUpdatesTheSameInstance) {
    const std::string a = register_ec2("i-a", "us-east-1a")["containerInstanceArn"];
    auto again = call(
        "RegisterContainerInstance",
        {{"containerInstanceArn", a},
         {"totalResources",
          {{{"name", "CPU"}, {"type", "INTEGER"}, {"integerValue", 1024}}}}})["containerInstance"];
    EXPECT_EQ(again["containerInstanceArn"], a);
    EXPECT_EQ(resource(again["registeredResources"], "CPU"), 1024);
}

}  // namespace
}  // namespace berth::api::ecs::testing

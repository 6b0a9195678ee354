// DescribeTasks, ListTasks and StopTask through the JSON API.
#include "tasks_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class DescribeTasks : public TasksTest {
  protected:
    void SetUp() override {
        create_cluster();
        add_instance("default", 4096, 4096);
        register_bridge("web", 16);
    }

    std::string run(const json& extra = json::object()) {
        json input{{"taskDefinition", "web"}};
        input.update(extra);
        return call("RunTask", input)["tasks"][0]["taskArn"];
    }

    static std::string id_of(const std::string& arn) { return arn.substr(arn.rfind('/') + 1); }
};

TEST_F(DescribeTasks, ByArnOrIdWithMissingOnesAsFailures) {
    auto arn = run();
    auto out =
        call("DescribeTasks", {{"tasks", {arn, id_of(arn), "0000000000000000000000000000000f"}}});
    ASSERT_EQ(out["tasks"].size(), 2u);
    EXPECT_EQ(out["tasks"][0]["taskArn"], arn);
    EXPECT_EQ(out["tasks"][1]["taskArn"], arn);
    EXPECT_EQ(out["failures"], json::parse(R"([{"arn": "0000000000000000000000000000000f",
                                                "reason": "MISSING"}])"));
}

TEST_F(DescribeTasks, ATaskOfAnotherClusterIsMissing) {
    auto arn = run();
    create_cluster("other");
    auto out = call("DescribeTasks", {{"cluster", "other"}, {"tasks", {arn}}});
    EXPECT_TRUE(out["tasks"].empty());
    EXPECT_EQ(out["failures"][0]["reason"], "MISSING");
}

TEST_F(DescribeTasks, TagsOnlyWhenAskedFor) {
    auto arn = run({{"tags", json::array({{{"key", "k"}, {"value", "v"}}})}});
    EXPECT_FALSE(describe_task(arn).contains("tags"));
    auto with = call("DescribeTasks", {{"tasks", {arn}}, {"include", {"TAGS"}}})["tasks"][0];
    EXPECT_EQ(with["tags"], json::parse(R"([{"key": "k", "value": "v"}])"));
}

TEST_F(DescribeTasks, ShowsWhatTheRuntimeWroteBack) {
    auto arn = run();
    store.write(key, [&](model::Partition& p) {
        auto& t = p.tasks.at(arn);
        t.last_status = model::TaskStatus::running;
        t.started_at = now + std::chrono::seconds(2);
        t.pull_started_at = now;
        t.connectivity = "CONNECTED";
        t.connectivity_at = now;
        t.containers[0].known_status = model::ContainerStatus::running;
        t.containers[0].runtime_id = "abc123";
        t.containers[0].network_bindings = json::parse(
            R"([{"bindIP": "0.0.0.0", "containerPort": 80, "hostPort": 32768, "protocol": "tcp"}])");
    });
    auto task = describe_task(arn);
    EXPECT_EQ(task["lastStatus"], "RUNNING");
    EXPECT_EQ(task["startedAt"], 1'700'000'002.0);
    EXPECT_EQ(task["connectivity"], "CONNECTED");
    EXPECT_EQ(task["containers"][0]["runtimeId"], "abc123");
    EXPECT_EQ(task["containers"][0]["networkBindings"][0]["hostPort"], 32768);
    EXPECT_FALSE(task.contains("stoppedAt"));
}

TEST_F(DescribeTasks, Limits) {
    EXPECT_EQ(error_of("DescribeTasks", {{"tasks", json::array()}}),
              std::make_pair(std::string("InvalidParameterException"),
                             std::string("Tasks cannot be empty.")));
    EXPECT_EQ(
        error_of("DescribeTasks", {{"tasks", json(std::vector<std::string>(101, "x"))}}).first,
        "InvalidParameterException");
    EXPECT_EQ(error_of("DescribeTasks", {{"cluster", "nope"}, {"tasks", {"x"}}}).first,
              "ClusterNotFoundException");
    // An ARN of another region is refused, not looked up.
    EXPECT_EQ(error_of("DescribeTasks",
                       {{"tasks", {"arn:aws:ecs:eu-west-1:000000000000:task/default/abc"}}})
                  .first,
              "InvalidParameterException");
}

TEST_F(DescribeTasks, StopTaskRecordsTheUsersStop) {
    auto arn = run();
    auto stopped = call("StopTask", {{"task", arn}, {"reason", "done here"}})["task"];
    EXPECT_EQ(stopped["desiredStatus"], "STOPPED");
    EXPECT_EQ(stopped["lastStatus"], "PENDING");  // the runtime has not stopped it yet
    EXPECT_EQ(stopped["stopCode"], "UserInitiated");
    EXPECT_EQ(stopped["stoppedReason"], "done here");
    EXPECT_EQ(stopped["stoppingAt"], 1'700'000'000.0);
    EXPECT_EQ(stopped["version"], 2);

    // Stopping again changes nothing, not even the reason.
    now += std::chrono::seconds(5);
    auto again = call("StopTask", {{"task", id_of(arn)}, {"reason", "other"}})["task"];
    EXPECT_EQ(again["stoppedReason"], "done here");
    EXPECT_EQ(again["version"], 2);

    auto plain = call("StopTask", {{"task", run()}})["task"];
    EXPECT_EQ(plain["stoppedReason"], "Task stopped by user");
}

TEST_F(DescribeTasks, StopTaskOfAnUnknownTask) {
    auto [type, message] = error_of("StopTask", {{"task", "0000000000000000000000000000000f"}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message, "The referenced task was not found.");
    EXPECT_EQ(error_of("StopTask", {{"cluster", "nope"}, {"task", "x"}}).first,
              "ClusterNotFoundException");
}

class ListTasks : public DescribeTasks {
  protected:
    std::vector<std::string> list(const json& input) {
        return call("ListTasks", input)["taskArns"].get<std::vector<std::string>>();
    }
};

TEST_F(ListTasks, RunningByDefaultStoppedOnRequest) {
    auto a = run();
    auto b = run();
    call("StopTask", {{"task", b}});
    EXPECT_EQ(list(json::object()), std::vector<std::string>{a});
    EXPECT_EQ(list({{"desiredStatus", "STOPPED"}}), std::vector<std::string>{b});
    EXPECT_TRUE(list({{"desiredStatus", "PENDING"}}).empty());
}

TEST_F(ListTasks, Filters) {
    register_bridge("worker", 16);
    auto web = run({{"startedBy", "me"}});
    auto worker = call("RunTask", {{"taskDefinition", "worker"}})["tasks"][0]["taskArn"];
    EXPECT_EQ(list({{"family", "worker"}}), std::vector<std::string>{worker});
    EXPECT_EQ(list({{"startedBy", "me"}}), std::vector<std::string>{web});
    EXPECT_EQ(list({{"launchType", "FARGATE"}}), std::vector<std::string>{});
    EXPECT_EQ(list({{"launchType", "EC2"}}).size(), 2u);
    EXPECT_EQ(list({{"containerInstance", "0123456789abcdef0123456789abcdef"}}).size(), 2u);
    EXPECT_TRUE(list({{"containerInstance", "ffffffffffffffffffffffffffffffff"}}).empty());
    EXPECT_EQ(list({{"family", "worker"}, {"startedBy", "me"}}), std::vector<std::string>{});
    EXPECT_EQ(error_of("ListTasks", {{"serviceName", "nope"}}).first, "ServiceNotFoundException");
    EXPECT_EQ(error_of("ListTasks", {{"cluster", "nope"}}).first, "ClusterNotFoundException");
}

TEST_F(ListTasks, ServiceTasksByServiceName) {
    // What the service scheduler stores for a service and the tasks it starts.
    auto service_arn = model::service_arn(key, "default", "front");
    store.write(key, [&](model::Partition& p) {
        auto& s = p.services[service_arn];
        s.arn = service_arn;
        s.name = "front";
        s.cluster_name = "default";
    });
    auto task = run({{"group", "service:front"}});
    run();
    EXPECT_EQ(list({{"serviceName", "front"}}), std::vector<std::string>{task});
    EXPECT_EQ(list({{"serviceName", service_arn}}), std::vector<std::string>{task});
}

TEST_F(ListTasks, PagesThroughEveryTaskOnce) {
    std::set<std::string> all;
    for (int i = 0; i < 7; ++i) all.insert(run());
    std::set<std::string> seen;
    json input{{"maxResults", 3}};
    int pages = 0;
    while (true) {
        auto out = call("ListTasks", input);
        ++pages;
        EXPECT_LE(out["taskArns"].size(), 3u);
        for (const auto& arn : out["taskArns"]) EXPECT_TRUE(seen.insert(arn).second);
        if (!out.contains("nextToken")) break;
        input["nextToken"] = out["nextToken"];
    }
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen, all);
}

}  // namespace
}  // namespace berth::api::ecs::testing

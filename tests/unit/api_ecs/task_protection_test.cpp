// GetTaskProtection and UpdateTaskProtection through the JSON API.
#include <optional>

#include "berth/model/task_predicates.hpp"
#include "tasks_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

using namespace std::chrono_literals;

class TaskProtection : public TasksTest {
  protected:
    std::string service_task;     // owned by service "web", as the service controller starts it
    std::string standalone_task;  // RunTask's
    const std::string unknown = "0000000000000000000000000000000f";

    void SetUp() override {
        create_cluster();
        add_instance("default", 4096, 4096);
        register_bridge("web", 16);
        service_task = call("RunTask", {{"taskDefinition", "web"}})["tasks"][0]["taskArn"];
        standalone_task = call("RunTask", {{"taskDefinition", "web"}})["tasks"][0]["taskArn"];
        store.write(key, [&](model::Partition& p) {
            auto& t = p.tasks.at(service_task);
            t.service_name = "web";
            t.group = "service:web";
        });
    }

    json update(const json& tasks, bool enabled, std::optional<int> minutes = std::nullopt) {
        json input{{"cluster", "default"}, {"tasks", tasks}, {"protectionEnabled", enabled}};
        if (minutes) input["expiresInMinutes"] = *minutes;
        return call("UpdateTaskProtection", input);
    }
    json get(const json& tasks) {
        return call("GetTaskProtection", {{"cluster", "default"}, {"tasks", tasks}});
    }
    double epoch(model::TimePoint t) const { return model::to_epoch_seconds(t); }
};

TEST_F(TaskProtection, EnableDefaultsToTwoHoursAndGetReadsIt) {
    auto out = update({service_task}, true);
    EXPECT_EQ(out["failures"], json::array());
    ASSERT_EQ(out["protectedTasks"].size(), 1u);
    const auto& pt = out["protectedTasks"][0];
    EXPECT_EQ(pt["taskArn"], service_task);
    EXPECT_EQ(pt["protectionEnabled"], true);
    EXPECT_EQ(pt["expirationDate"].get<double>(), epoch(now + 120min));
    EXPECT_EQ(get({service_task})["protectedTasks"][0], pt);
}

TEST_F(TaskProtection, EnablingAgainRestartsTheExpiry) {
    update({service_task}, true, 30);
    now += 20min;
    auto out = update({service_task}, true, 30);
    EXPECT_EQ(out["protectedTasks"][0]["expirationDate"].get<double>(), epoch(now + 30min));
}

TEST_F(TaskProtection, DisablingClearsTheExpirationDate) {
    update({service_task}, true, 60);
    auto out = update({service_task}, false);
    EXPECT_EQ(out["protectedTasks"][0],
              json({{"taskArn", service_task}, {"protectionEnabled", false}}));
    EXPECT_EQ(get({service_task})["protectedTasks"][0]["protectionEnabled"], false);
}

TEST_F(TaskProtection, AnExpiredProtectionReadsAsOff) {
    update({service_task}, true, 1);
    now += 59s;
    EXPECT_EQ(get({service_task})["protectedTasks"][0]["protectionEnabled"], true);
    now += 1s;
    EXPECT_EQ(get({service_task})["protectedTasks"][0],
              json({{"taskArn", service_task}, {"protectionEnabled", false}}));
}

TEST_F(TaskProtection, StandaloneAndUnknownTasksAreFailures) {
    const auto id = service_task.substr(service_task.rfind('/') + 1);
    auto out = update({id, standalone_task, unknown}, true);
    ASSERT_EQ(out["protectedTasks"].size(), 1u);
    EXPECT_EQ(out["protectedTasks"][0]["taskArn"], service_task);
    EXPECT_EQ(out["failures"],
              json::array({{{"arn", standalone_task}, {"reason", "TASK_NOT_VALID"}},
                           {{"arn", unknown}, {"reason", "MISSING"}}}));
    EXPECT_EQ(get({standalone_task, unknown})["failures"], out["failures"]);
}

TEST_F(TaskProtection, ExpiresInMinutesOutOfRangeIsRefused) {
    for (int minutes : {0, 2881, -5}) {
        auto [type, message] = error_of("UpdateTaskProtection", {{"cluster", "default"},
                                                                 {"tasks", {service_task}},
                                                                 {"protectionEnabled", true},
                                                                 {"expiresInMinutes", minutes}});
        EXPECT_EQ(type, "InvalidParameterException") << minutes;
    }
    EXPECT_EQ(update({service_task}, true, 2880)["protectedTasks"][0]["expirationDate"],
              epoch(now + 2880min));
}

TEST_F(TaskProtection, TasksAreBetweenOneAndTen) {
    EXPECT_EQ(
        error_of("UpdateTaskProtection",
                 {{"cluster", "default"}, {"tasks", json::array()}, {"protectionEnabled", true}})
            .first,
        "InvalidParameterException");
    json eleven = json::array();
    for (int i = 0; i < 11; ++i) eleven.push_back(service_task);
    EXPECT_EQ(error_of("UpdateTaskProtection",
                       {{"cluster", "default"}, {"tasks", eleven}, {"protectionEnabled", true}})
                  .first,
              "InvalidParameterException");
}

TEST_F(TaskProtection, UnknownClusterIsClusterNotFound) {
    EXPECT_EQ(
        error_of("UpdateTaskProtection",
                 {{"cluster", "nope"}, {"tasks", {service_task}}, {"protectionEnabled", true}})
            .first,
        "ClusterNotFoundException");
    EXPECT_EQ(error_of("GetTaskProtection", {{"cluster", "nope"}}).first,
              "ClusterNotFoundException");
}

TEST_F(TaskProtection, GetWithoutTasksListsTheProtectedOnes) {
    EXPECT_EQ(call("GetTaskProtection", {{"cluster", "default"}})["protectedTasks"], json::array());
    update({service_task}, true, 10);
    auto out = call("GetTaskProtection", {{"cluster", "default"}});
    ASSERT_EQ(out["protectedTasks"].size(), 1u);
    EXPECT_EQ(out["protectedTasks"][0]["taskArn"], service_task);
}

TEST_F(TaskProtection, TheSchedulerReadsItFromTheTask) {
    update({service_task}, true, 10);
    store.read(key, [&](const model::Partition& p) {
        const auto& t = p.tasks.at(service_task);
        EXPECT_TRUE(model::is_protected(t, now + 9min));
        EXPECT_FALSE(model::is_protected(t, now + 10min));
    });
}

}  // namespace
}  // namespace berth::api::ecs::testing

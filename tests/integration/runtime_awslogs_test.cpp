// The awslogs log driver on the real engine: a container's stdout and stderr reach the
// LogStore line by line, in order, in PREFIX/CONTAINER/TASK-ID of awslogs-group — also the
// lines written right before it exits — while it runs; the group is created or its absence
// stops the task as ECS says; awslogs-region and awslogs-multiline-pattern are honoured.
#include <algorithm>

#include "berth/model/log_store.hpp"
#include "integration/runtime_support.hpp"

namespace berth::test {
namespace {

using model::TaskStatus;

class RuntimeAwsLogs : public RuntimeTest {
  protected:
    model::LogStore logs_{100'000};

    void SetUp() override {
        RuntimeTest::SetUp();
        auto o = options();
        o.log_store = &logs_;
        start_runtime(std::move(o));
    }

    static json with_awslogs(json container, json options) {
        container["logConfiguration"] = {{"logDriver", "awslogs"}, {"options", options}};
        return container;
    }

    // The stream's messages, in the store's order; empty when the stream does not exist.
    std::vector<std::string> messages(const model::PartitionKey& key, const std::string& group,
                                      const std::string& stream) {
        return logs_.read(key, [&](const model::LogPartition& p) {
            std::vector<std::string> out;
            auto g = p.groups.find(group);
            if (g == p.groups.end()) return out;
            auto s = g->second.streams.find(stream);
            if (s == g->second.streams.end()) return out;
            for (const auto& e : s->second.events) out.push_back(e.message);
            return out;
        });
    }
};

TEST_F(RuntimeAwsLogs, EveryLineArrivesInOrderIncludingThoseRightBeforeExit) {
    const std::string group = unique_name("/ecs/lines");
    auto app = with_awslogs(
        busybox_container("app",
                          "i=1; while [ $i -le 300 ]; do echo line-$i; i=$((i+1)); done; "
                          "echo to-stderr >&2; echo last-line; exit 0"),
        {{"awslogs-group", group},
         {"awslogs-create-group", "true"},
         {"awslogs-region", "us-east-1"},
         {"awslogs-stream-prefix", "ecs"}});
    auto arn = run_task({{"containerDefinitions", {app}}});
    auto t = wait_status(arn, TaskStatus::stopped);
    // No waiting beyond STOPPED: the task stops only once its output has been read, last-line
    // (written right before exit) included. stdout and stderr are pipes the engine reads apart,
    // so only each one's own order is defined.
    auto got = messages(key_, group, "ecs/app/" + t.id);
    ASSERT_EQ(got.size(), 302u);
    EXPECT_EQ(std::count(got.begin(), got.end(), "to-stderr"), 1);
    std::erase(got, "to-stderr");
    for (int i = 1; i <= 300; ++i) EXPECT_EQ(got[i - 1], "line-" + std::to_string(i));
    EXPECT_EQ(got.back(), "last-line");
    // The engine kept the output in a driver it can read back.
    auto d = docker().container_inspect(container(t, "app").runtime_id);
    EXPECT_EQ(d.raw["HostConfig"]["LogConfig"]["Type"], "json-file");
}

TEST_F(RuntimeAwsLogs, LinesArriveWhileTheContainerRuns) {
    const std::string group = unique_name("/ecs/live");
    logs_.create_group(key_, group);  // exists already: no create-group needed
    auto app = with_awslogs(busybox_container("app", "echo hello; sleep 600"),
                            {{"awslogs-group", group}, {"awslogs-stream-prefix", "p"}});
    app["stopTimeout"] = 1;  // sh as PID 1 ignores SIGTERM
    auto arn = run_task({{"containerDefinitions", {app}}});
    auto t = wait_status(arn, TaskStatus::running);
    wait_until([&] { return !messages(key_, group, "p/app/" + t.id).empty(); }, 5s);
    EXPECT_EQ(messages(key_, group, "p/app/" + t.id), (std::vector<std::string>{"hello"}));
    EXPECT_EQ(task(arn).last_status, TaskStatus::running);
    stop_task(arn);
    wait_status(arn, TaskStatus::stopped);
}

TEST_F(RuntimeAwsLogs, ATtyContainersRawOutputIsCutIntoLinesToo) {
    const std::string group = unique_name("/ecs/tty");
    auto app = with_awslogs(busybox_container("app", "echo one; echo two; printf three"),
                            {{"awslogs-group", group},
                             {"awslogs-create-group", "true"},
                             {"awslogs-stream-prefix", "t"}});
    app["pseudoTerminal"] = true;
    auto t = wait_status(run_task({{"containerDefinitions", {app}}}), TaskStatus::stopped);
    EXPECT_EQ(messages(key_, group, "t/app/" + t.id),
              (std::vector<std::string>{"one", "two", "three"}));
}

TEST_F(RuntimeAwsLogs, AMissingGroupWithoutCreateGroupStopsTheTaskAsEcsSays) {
    auto app = with_awslogs(
        busybox_container("app", "echo never"),
        {{"awslogs-group", unique_name("/ecs/missing")}, {"awslogs-stream-prefix", "ecs"}});
    auto arn = run_task({{"containerDefinitions", {app}}});
    auto t = wait_status(arn, TaskStatus::stopped);
    EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start);
    EXPECT_TRUE(t.stopped_reason.starts_with(
        "ResourceInitializationError: failed to validate logger args: "))
        << t.stopped_reason;
    EXPECT_NE(t.stopped_reason.find("The specified log group does not exist."), std::string::npos);
    EXPECT_TRUE(container(t, "app").runtime_id.empty());  // nothing was created
}

TEST_F(RuntimeAwsLogs, AnUnknownOptionFailsCreationWithTheDriversWords) {
    auto app = with_awslogs(busybox_container("app", "echo never"),
                            {{"awslogs-group", "g"}, {"awslogs-bogus", "1"}});
    auto t = wait_status(run_task({{"containerDefinitions", {app}}}), TaskStatus::stopped);
    EXPECT_EQ(t.stopped_reason,
              "CannotCreateContainerError: Error response from daemon: unknown log opt "
              "'awslogs-bogus' for awslogs log driver");
}

TEST_F(RuntimeAwsLogs, AnotherRegionAndAMultilinePatternAreHonoured) {
    const model::PartitionKey eu{key_.account, "eu-west-1"};
    const std::string group = unique_name("/ecs/multi");
    auto app = with_awslogs(
        busybox_container("app", "printf 'INFO a\\n  at x\\n  at y\\nINFO b\\nINFO c\\n'"),
        {{"awslogs-group", group},
         {"awslogs-create-group", "true"},
         {"awslogs-region", "eu-west-1"},
         {"awslogs-stream-prefix", "ecs"},
         {"awslogs-multiline-pattern", "^INFO"}});
    auto t = wait_status(run_task({{"containerDefinitions", {app}}}), TaskStatus::stopped);
    EXPECT_EQ(messages(eu, group, "ecs/app/" + t.id),
              (std::vector<std::string>{"INFO a\n  at x\n  at y\n", "INFO b\n", "INFO c\n"}));
    EXPECT_FALSE(logs_.group_exists(key_, group));
}

}  // namespace
}  // namespace berth::test

// The runtime against the real engine: pidMode and ipcMode, seen from inside the containers.
// `task` makes the containers of a task share the PID and IPC namespaces of its pause container
// (the awsvpc sandbox, or one on no network for other modes); `host` gives them the host's.
#include <unistd.h>

#include <array>
#include <fstream>

#include "integration/runtime_support.hpp"

namespace berth::test {
namespace {

using model::TaskStatus;

class RuntimeNamespaces : public RuntimeTest {
  protected:
    // What a running container wrote to stdout, once it holds `marker` (bounded wait).
    std::string output_with(const std::string& docker_id, const std::string& marker) {
        std::string out;
        wait_until(
            [&] {
                out = docker().container_logs(docker_id).stdout_text();
                return out.find(marker) != std::string::npos;
            },
            15s, 50ms);
        return out;
    }

    // This process's namespace of `kind` ("pid", "ipc"), as readlink shows it: "ipc:[4026531839]".
    static std::string own_namespace(const std::string& kind) {
        std::array<char, 64> buf{};
        const auto path = "/proc/self/ns/" + kind;
        const auto n = ::readlink(path.c_str(), buf.data(), buf.size() - 1);
        return n > 0 ? std::string(buf.data(), static_cast<std::size_t>(n)) : std::string();
    }

    // A busybox container that prints its PID and IPC namespaces, the name of its PID 1, then
    // what `then` prints, and sleeps. The sleep is `sleep 600<n>` once running, a text the
    // shell's own arguments do not hold (it is written with ${p}), so only that process matches.
    static json printing(const std::string& name, int n, const std::string& then = "") {
        auto c = busybox_container(
            name, "readlink /proc/self/ns/pid; readlink /proc/self/ns/ipc; cat /proc/1/comm; " +
                      then + "echo printed; p=600; exec sleep ${p}" + std::to_string(n));
        c["stopTimeout"] = 1;
        return c;
    }
};

TEST_F(RuntimeNamespaces, PidAndIpcModeTaskShareTheTasksNamespaces) {
    start_runtime();
    // b waits until it sees a's sleep: one PID namespace.
    auto a = printing("a", 1);
    auto b = printing("b", 2, "until ps -o args | grep -qx 'sleep 6001'; do sleep 0.1; done; ");
    auto arn =
        run_task({{"pidMode", "task"}, {"ipcMode", "task"}, {"containerDefinitions", {a, b}}});
    auto t = wait_status(arn, TaskStatus::running);
    ASSERT_EQ(t.last_status, TaskStatus::running);
    ASSERT_FALSE(t.sandbox_id.empty()) << "a bridge task sharing namespaces has a pause container";
    const auto out_a = output_with(container(t, "a").runtime_id, "printed");
    const auto out_b = output_with(container(t, "b").runtime_id, "printed");
    ASSERT_NE(out_b.find("printed"), std::string::npos) << "b never saw a's process: " << out_b;
    // The same PID and IPC namespaces in both, whose PID 1 is the pause container's, not the
    // host's namespaces.
    EXPECT_EQ(out_a, out_b);
    EXPECT_NE(out_a.find("\npause\n"), std::string::npos) << out_a;
    EXPECT_EQ(out_a.find(own_namespace("pid")), std::string::npos) << out_a;
    EXPECT_EQ(out_a.find(own_namespace("ipc")), std::string::npos) << out_a;

    const auto host = docker().container_inspect(container(t, "a").runtime_id).raw["HostConfig"];
    EXPECT_EQ(host["PidMode"], "container:" + t.sandbox_id);
    EXPECT_EQ(host["IpcMode"], "container:" + t.sandbox_id);
    EXPECT_EQ(host["NetworkMode"], "bridge");
    const auto pause = docker().container_inspect(t.sandbox_id);
    EXPECT_EQ(pause.labels.at("berth.role"), "sandbox");
    EXPECT_EQ(pause.raw["HostConfig"]["NetworkMode"], "none");

    // The pause container ends with the task.
    stop_task(arn);
    wait_status(arn, TaskStatus::stopped, 15s);
    EXPECT_TRUE(
        wait_until([&] { return !docker().container_inspect(t.sandbox_id).state.running; }, 10s));
}

TEST_F(RuntimeNamespaces, PidModeTaskInAnAwsvpcTaskSharesTheSandbox) {
    start_runtime();
    auto a = printing("a", 1);
    auto b = printing("b", 2, "until ps -o args | grep -qx 'sleep 6001'; do sleep 0.1; done; ");
    auto arn = run_task({{"networkMode", "awsvpc"},
                         {"requiresCompatibilities", {"FARGATE"}},
                         {"cpu", "256"},
                         {"memory", "512"},
                         {"pidMode", "task"},
                         {"containerDefinitions", {a, b}}},
                        "FARGATE");
    auto t = wait_status(arn, TaskStatus::running);
    ASSERT_EQ(t.last_status, TaskStatus::running);
    const auto out_b = output_with(container(t, "b").runtime_id, "printed");
    EXPECT_NE(out_b.find("\npause\nprinted\n"), std::string::npos) << out_b;
    const auto host = docker().container_inspect(container(t, "b").runtime_id).raw["HostConfig"];
    EXPECT_EQ(host["PidMode"], "container:" + t.sandbox_id);
    EXPECT_EQ(host["NetworkMode"], "container:" + t.sandbox_id);
}

TEST_F(RuntimeNamespaces, PidAndIpcModeHostAreTheHosts) {
    start_runtime();
    auto arn = run_task(
        {{"pidMode", "host"}, {"ipcMode", "host"}, {"containerDefinitions", {printing("app", 0)}}});
    auto t = wait_status(arn, TaskStatus::running);
    ASSERT_EQ(t.last_status, TaskStatus::running);
    EXPECT_TRUE(t.sandbox_id.empty());
    const auto out = output_with(container(t, "app").runtime_id, "printed");
    // The host's PID 1 and namespaces, as this test process (on the host) sees them.
    std::string host_init;
    std::getline(std::ifstream("/proc/1/comm"), host_init);
    ASSERT_FALSE(host_init.empty());
    EXPECT_NE(out.find("\n" + host_init + "\nprinted\n"), std::string::npos) << out;
    EXPECT_NE(out.find(own_namespace("pid")), std::string::npos) << out;
    EXPECT_NE(out.find(own_namespace("ipc")), std::string::npos) << out;
}

}  // namespace
}  // namespace berth::test

// The runtime against the real engine: how tasks end (exit codes, stop codes, essential and
// non-essential containers, containers killed or removed outside Berth), start order with
// dependsOn, health checks, limits, shared task volumes, and the removal of stopped tasks'
// containers.
#include "integration/runtime_support.hpp"

namespace berth::test {
namespace {

using model::HealthStatus;
using model::TaskStatus;

class RuntimeLifecycle : public RuntimeTest {};

TEST_F(RuntimeLifecycle, EssentialExitStopsTheTaskWithItsExitCode) {
    start_runtime();
    auto arn = run_task({{"containerDefinitions", {busybox_container("app", "exit 3")}}});
    auto t = wait_status(arn, TaskStatus::stopped);
    EXPECT_EQ(t.desired_status, TaskStatus::stopped);
    EXPECT_EQ(t.stop_code, model::StopCode::essential_container_exited);
    EXPECT_EQ(t.stopped_reason, "Essential container in task exited");
    EXPECT_EQ(container(t, "app").exit_code, 3);
    EXPECT_EQ(container(t, "app").known_status, model::ContainerStatus::stopped);
    EXPECT_TRUE(t.stopped_at && t.execution_stopped_at);
}

TEST_F(RuntimeLifecycle, NonEssentialExitOnlyRecordsItsExitCode) {
    start_runtime();
    auto side = busybox_container("side", "exit 5");
    side["essential"] = false;
    auto arn = run_task({{"containerDefinitions", {busybox_container("app", "sleep 600"), side}}});
    auto t = wait_task(arn, [](const model::Task& t) {
        return t.last_status == TaskStatus::running && container(t, "side").exit_code.has_value();
    });
    EXPECT_EQ(t.last_status, TaskStatus::running);
    EXPECT_EQ(t.desired_status, TaskStatus::running);
    EXPECT_EQ(container(t, "side").exit_code, 5);
    EXPECT_EQ(container(t, "side").known_status, model::ContainerStatus::stopped);
    EXPECT_EQ(container(t, "app").known_status, model::ContainerStatus::running);
}

TEST_F(RuntimeLifecycle, StopTaskWaitsStopTimeoutThenKills) {
    start_runtime();
    // PID 1 ignores SIGTERM: only the SIGKILL after stopTimeout ends it.
    auto app = busybox_container("app", "sleep 600");
    app["stopTimeout"] = 1;
    auto arn = run_task({{"containerDefinitions", {app}}});
    wait_status(arn, TaskStatus::running);
    const auto started = std::chrono::steady_clock::now();
    stop_task(arn, "Task stopped by the test");
    auto t = wait_status(arn, TaskStatus::stopped, 15s);
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_GE(took, 900ms);
    EXPECT_LT(took, 8s);
    EXPECT_EQ(container(t, "app").exit_code, 137);
    EXPECT_EQ(t.stop_code, model::StopCode::user_initiated);
    EXPECT_EQ(t.stopped_reason, "Task stopped by the test");
}

TEST_F(RuntimeLifecycle, AContainerThatHandlesSigtermStopsAtOnce) {
    start_runtime();
    auto arn = run_task(
        {{"containerDefinitions",
          {busybox_container("app", "trap 'exit 0' TERM; while true; do sleep 0.1; done")}}});
    wait_status(arn, TaskStatus::running);
    const auto started = std::chrono::steady_clock::now();
    stop_task(arn);
    auto t = wait_status(arn, TaskStatus::stopped, 15s);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    EXPECT_EQ(container(t, "app").exit_code, 0);
}

TEST_F(RuntimeLifecycle, DockerKillOutsideBerthIsSeenWithinASecond) {
    start_runtime();
    auto arn = run_task({{"containerDefinitions", {busybox_container("app", "sleep 600")}}});
    auto t = wait_status(arn, TaskStatus::running);
    docker().container_kill(container(t, "app").runtime_id);
    const auto killed = std::chrono::steady_clock::now();
    t = wait_task(
        arn, [](const model::Task& t) { return t.desired_status == TaskStatus::stopped; }, 5s);
    EXPECT_LT(std::chrono::steady_clock::now() - killed, 1s);
    EXPECT_EQ(container(t, "app").exit_code, 137);
    EXPECT_EQ(t.stop_code, model::StopCode::essential_container_exited);
    wait_status(arn, TaskStatus::stopped);
}

TEST_F(RuntimeLifecycle, DockerRmForceOutsideBerthStopsTheTask) {
    start_runtime();
    auto arn = run_task({{"containerDefinitions", {busybox_container("app", "sleep 600")}}});
    auto t = wait_status(arn, TaskStatus::running);
    docker().container_remove(container(t, "app").runtime_id, true);
    t = wait_status(arn, TaskStatus::stopped, 10s);
    EXPECT_EQ(t.stop_code, model::StopCode::essential_container_exited);
    EXPECT_EQ(container(t, "app").known_status, model::ContainerStatus::stopped);
}

TEST_F(RuntimeLifecycle, DependsOnStartsContainersInOrder) {
    start_runtime();
    auto init = busybox_container("init", "sleep 1; echo ready > /shared/flag");
    init["essential"] = false;
    init["mountPoints"] = {{{"sourceVolume", "shared"}, {"containerPath", "/shared"}}};
    auto db = busybox_container("db", "sleep 1; touch /tmp/up; sleep 600");
    db["healthCheck"] = {
        {"command", {"CMD-SHELL", "test -f /tmp/up"}}, {"interval", 1}, {"retries", 2}};
    // The app fails unless init finished first.
    auto app = busybox_container("app", "test -f /shared/flag || exit 9; sleep 600");
    app["mountPoints"] = init["mountPoints"];
    app["dependsOn"] = {{{"containerName", "init"}, {"condition", "SUCCESS"}},
                        {{"containerName", "db"}, {"condition", "HEALTHY"}}};
    auto arn =
        run_task({{"volumes", {{{"name", "shared"}}}}, {"containerDefinitions", {init, db, app}}});
    auto t = wait_status(arn, TaskStatus::running, 30s);
    EXPECT_EQ(container(t, "init").exit_code, 0);
    EXPECT_EQ(container(t, "db").health, HealthStatus::healthy);
    EXPECT_EQ(container(t, "app").known_status, model::ContainerStatus::running);
    auto app_started = docker().container_inspect(container(t, "app").runtime_id).state.started_at;
    auto init_finished =
        docker().container_inspect(container(t, "init").runtime_id).state.finished_at;
    EXPECT_GT(app_started, init_finished);  // RFC 3339 in UTC compares as text
    EXPECT_EQ(t.health, HealthStatus::healthy);
}

TEST_F(RuntimeLifecycle, ADependencyThatFailsAbandonsTheDependentAndStopsTheTask) {
    start_runtime();
    auto init = busybox_container("init", "exit 1");
    init["essential"] = false;
    auto app = busybox_container("app", "sleep 600");
    app["dependsOn"] = {{{"containerName", "init"}, {"condition", "SUCCESS"}}};
    auto arn = run_task({{"containerDefinitions", {init, app}}});
    auto t = wait_status(arn, TaskStatus::stopped);
    EXPECT_EQ(container(t, "init").exit_code, 1);
    EXPECT_EQ(container(t, "app").exit_code, 143);
    EXPECT_NE(container(t, "app").reason.find("CannotStartContainerError: dependency graph"),
              std::string::npos)
        << container(t, "app").reason;
    EXPECT_EQ(t.stop_code, model::StopCode::essential_container_exited);
    // It never ran.
    auto d = docker().container_inspect(container(t, "app").runtime_id);
    EXPECT_EQ(d.state.status, "created");
}

TEST_F(RuntimeLifecycle, FailingHealthCheckMakesTheTaskUnhealthy) {
    start_runtime();
    auto app = busybox_container("app", "sleep 600");
    app["healthCheck"] = {
        {"command", {"CMD-SHELL", "exit 1"}}, {"interval", 1}, {"timeout", 1}, {"retries", 1}};
    auto arn = run_task({{"containerDefinitions", {app}}});
    auto t = wait_task(
        arn, [](const model::Task& t) { return t.health == HealthStatus::unhealthy; }, 15s);
    EXPECT_EQ(t.health, HealthStatus::unhealthy);
    EXPECT_EQ(container(t, "app").health, HealthStatus::unhealthy);
    EXPECT_EQ(t.last_status, TaskStatus::running);  // a standalone task keeps running
}

TEST_F(RuntimeLifecycle, LimitsAreVisibleInDockerInspect) {
    start_runtime();
    auto app = busybox_container("app", "sleep 600");
    app["cpu"] = 256;
    app["memory"] = 64;
    app["memoryReservation"] = 32;
    app["ulimits"] = {{{"name", "nofile"}, {"softLimit", 1024}, {"hardLimit", 2048}}};
    app["linuxParameters"] = {{"initProcessEnabled", true},
                              {"capabilities", {{"drop", {"NET_RAW"}}}}};
    app["readonlyRootFilesystem"] = true;
    app["environment"] = {{{"name", "GREETING"}, {"value", "hello"}}};
    app["workingDirectory"] = "/tmp";
    auto arn =
        run_task({{"cpu", "512"}, {"containerDefinitions", {app}}}, "EC2",
                 {{"containerOverrides",
                   {{{"name", "app"}, {"environment", {{{"name", "EXTRA"}, {"value", "1"}}}}}}}});
    auto t = wait_status(arn, TaskStatus::running);
    auto raw = docker().container_inspect(container(t, "app").runtime_id).raw;
    const auto& host = raw["HostConfig"];
    EXPECT_EQ(host["CpuShares"], 256);
    EXPECT_EQ(host["Memory"], 64LL * 1024 * 1024);
    EXPECT_EQ(host["MemoryReservation"], 32LL * 1024 * 1024);
    EXPECT_EQ(host["NanoCpus"], 500'000'000);
    EXPECT_EQ(host["Init"], true);
    EXPECT_EQ(host["ReadonlyRootfs"], true);
    EXPECT_EQ(host["CapDrop"], json({"NET_RAW"}));
    EXPECT_EQ(host["Ulimits"][0]["Name"], "nofile");
    EXPECT_EQ(host["Ulimits"][0]["Hard"], 2048);
    const auto& env = raw["Config"]["Env"];
    EXPECT_NE(std::find(env.begin(), env.end(), "GREETING=hello"), env.end());
    EXPECT_NE(std::find(env.begin(), env.end(), "EXTRA=1"), env.end());
    EXPECT_EQ(raw["Config"]["WorkingDir"], "/tmp");
}

TEST_F(RuntimeLifecycle, ATaskVolumeIsSharedAndRemovedWithTheTask) {
    auto o = options();
    o.stopped_task_retention = 1s;
    start_runtime(o);
    auto writer = busybox_container("writer", "echo hi > /data/x");
    writer["essential"] = false;
    writer["mountPoints"] = {{{"sourceVolume", "data"}, {"containerPath", "/data"}}};
    auto reader = busybox_container("reader", "test \"$(cat /data/x)\" = hi || exit 7; sleep 600");
    reader["mountPoints"] = {{{"sourceVolume", "data"},
                              {
                                  "containerPath",
                                  "/data",
                              },
                              {"readOnly", true}}};
    reader["dependsOn"] = {{{"containerName", "writer"}, {"condition", "COMPLETE"}}};
    reader["stopTimeout"] = 1;  // sh as PID 1 ignores SIGTERM
    auto arn = run_task(
        {{"volumes", {{{"name", "data"}, {"dockerVolumeConfiguration", {{"scope", "task"}}}}}},
         {"containerDefinitions", {writer, reader}}});
    auto t = wait_status(arn, TaskStatus::running);
    EXPECT_EQ(container(t, "reader").known_status, model::ContainerStatus::running);
    const std::vector<std::string> task_label = {"com.amazonaws.ecs.task-arn=" + arn};
    EXPECT_EQ(docker().volume_list(task_label).size(), 1u);

    // Stopped: the task stays describable; its containers and volume go after the retention.
    stop_task(arn);
    wait_status(arn, TaskStatus::stopped, 15s);
    t = wait_task(
        arn, [](const model::Task& t) { return t.resources_released; }, 10s);
    EXPECT_TRUE(t.resources_released);
    docker::ContainerFilter of_task;
    of_task.labels = task_label;
    EXPECT_TRUE(docker().container_list(of_task).empty());
    EXPECT_TRUE(docker().volume_list(task_label).empty());
}

TEST_F(RuntimeLifecycle, AVolumeIsCreatedWithItsDriverOptions) {
    start_runtime();
    auto app = busybox_container("app", "mount | grep ' /data ' > /dev/stderr; sleep 600");
    app["mountPoints"] = {{{"sourceVolume", "data"}, {"containerPath", "/data"}}};
    app["stopTimeout"] = 1;
    const json options = {{"type", "tmpfs"}, {"device", "tmpfs"}, {"o", "size=1m"}};
    auto arn = run_task({{"volumes",
                          {{{"name", "data"},
                            {"dockerVolumeConfiguration",
                             {{"scope", "task"}, {"driver", "local"}, {"driverOpts", options}}}}}},
                         {"containerDefinitions", {app}}});
    wait_status(arn, TaskStatus::running);
    const auto names = docker().volume_list({"com.amazonaws.ecs.task-arn=" + arn});
    ASSERT_EQ(names.size(), 1u);
    const auto volume = docker().volume_inspect(names[0]);
    ASSERT_TRUE(volume);
    EXPECT_EQ(volume->driver, "local");
    EXPECT_EQ(volume->options,
              (docker::Labels{{"type", "tmpfs"}, {"device", "tmpfs"}, {"o", "size=1m"}}));
    // The local driver mounted what the options say: a tmpfs of 1 MiB at /data.
    const auto id = container(task(arn), "app").runtime_id;
    std::string mounts;
    wait_until(
        [&] {
            mounts = docker().container_logs(id).stderr_text();
            return !mounts.empty();
        },
        10s);
    EXPECT_NE(mounts.find("tmpfs on /data type tmpfs"), std::string::npos) << mounts;
    EXPECT_NE(mounts.find("size=1024k"), std::string::npos) << mounts;
}

TEST_F(RuntimeLifecycle, AnOutOfMemoryKillIsTheContainersReason) {
    start_runtime();
    // dd's 64 MiB buffer cannot fit in 8 MiB.
    auto app = busybox_container("app", "dd if=/dev/zero of=/dev/null bs=64M count=1");
    app["memory"] = 8;
    app["linuxParameters"] = {{"maxSwap", 0}};
    auto arn = run_task({{"containerDefinitions", {app}}});
    auto t = wait_status(arn, TaskStatus::stopped);
    EXPECT_EQ(container(t, "app").exit_code, 137);
    EXPECT_EQ(container(t, "app").reason, "OutOfMemoryError: Container killed due to memory usage");
    EXPECT_EQ(t.stop_code, model::StopCode::essential_container_exited);
}

TEST_F(RuntimeLifecycle, AnImageNoRegistryHasFailsToStart) {
    start_runtime();
    auto app = busybox_container("app", "true");
    app["image"] = "127.0.0.1:1/berth/absent:latest";
    auto arn = run_task({{"containerDefinitions", {app}}});
    auto t = wait_status(arn, TaskStatus::stopped, 30s);
    EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start);
    EXPECT_TRUE(t.stopped_reason.starts_with("CannotPullContainerError: ")) << t.stopped_reason;
    EXPECT_TRUE(t.pull_started_at.has_value());
    EXPECT_TRUE(container(t, "app").runtime_id.empty());
}

TEST_F(RuntimeLifecycle, EveryContainerOfATaskThatFailedToPullHasTheReason) {
    start_runtime();
    auto app = busybox_container("app", "true");
    app["image"] = "127.0.0.1:1/berth/absent:latest";
    auto side = busybox_container("side", "sleep 600");  // its image is there
    side["essential"] = false;
    auto arn = run_task({{"containerDefinitions", {side, app}}});
    auto t = wait_status(arn, TaskStatus::stopped, 30s);
    ASSERT_TRUE(t.stopped_reason.starts_with("CannotPullContainerError: ")) << t.stopped_reason;
    for (const auto* name : {"app", "side"}) {
        EXPECT_EQ(container(t, name).reason, t.stopped_reason) << name;
        EXPECT_EQ(container(t, name).known_status, model::ContainerStatus::stopped) << name;
    }
}

TEST_F(RuntimeLifecycle, AContainerThatCannotStartHasTheReason) {
    start_runtime();
    auto app = busybox_container("app", "");
    app["command"] = {"/no/such/binary"};
    auto arn = run_task({{"containerDefinitions", {app}}});
    auto t = wait_status(arn, TaskStatus::stopped);
    ASSERT_TRUE(t.stopped_reason.starts_with("CannotStartContainerError: ")) << t.stopped_reason;
    EXPECT_EQ(container(t, "app").reason, t.stopped_reason);
}

TEST_F(RuntimeLifecycle, ACommandThatCannotRunFailsTheStart) {
    start_runtime();
    auto app = busybox_container("app", "");
    app["command"] = {"/no/such/binary"};
    auto arn = run_task({{"containerDefinitions", {app}}});
    auto t = wait_status(arn, TaskStatus::stopped);
    EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start);
    EXPECT_TRUE(t.stopped_reason.starts_with("CannotStartContainerError: ")) << t.stopped_reason;
}

}  // namespace
}  // namespace berth::test

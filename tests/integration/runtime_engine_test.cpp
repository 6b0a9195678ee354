// The runtime and its engines: container instances registered from `docker info`, an engine
// that is unreachable (tasks fail naming its socket; Berth keeps going) or goes away and comes
// back, many tasks at once, and nothing left behind at shutdown.
#include "integration/runtime_support.hpp"
#include "integration/support/socket_proxy.hpp"

namespace berth::test {
namespace {

using model::TaskStatus;

class RuntimeEngine : public RuntimeTest {
  protected:
    std::optional<model::ContainerInstance> instance_in(const std::string& cluster) {
        return store_.read(
            key_, [&](const model::Partition& p) -> std::optional<model::ContainerInstance> {
                for (const auto& [arn, ci] : p.container_instances) {
                    if (ci.cluster_name == cluster && ci.auto_registered) return ci;
                }
                return std::nullopt;
            });
    }

    bool has_attribute(const model::ContainerInstance& ci, const std::string& name,
                       const std::string& value = {}) {
        for (const auto& a : ci.attributes) {
            if (a.value("name", "") == name && (value.empty() || a.value("value", "") == value))
                return true;
        }
        return false;
    }

    void create_cluster(const std::string& name) {
        store_.write(key_, [&](model::Partition& p) {
            auto& c = p.clusters[name];
            c.name = name;
            c.arn = model::cluster_arn(key_, name);
            c.seq = p.take_seq();
        });
    }
};

TEST_F(RuntimeEngine, EachActiveClusterGetsAContainerInstancePerEngine) {
    start_runtime();
    ASSERT_FALSE(container_instance().empty());
    auto ci = *instance_in("default");
    auto info = docker().info();
    EXPECT_EQ(ci.registered_cpu, info.ncpu * 1024);
    EXPECT_EQ(ci.registered_memory, info.mem_total / (1024 * 1024));
    EXPECT_TRUE(ci.agent_connected);
    EXPECT_EQ(ci.docker_host, "unix:///var/run/docker.sock");
    EXPECT_EQ(ci.status, model::ContainerInstanceStatus::active);
    EXPECT_TRUE(ci.ec2_instance_id.starts_with("i-"));
    EXPECT_EQ(ci.arn, model::container_instance_arn(key_, "default", ci.id));
    EXPECT_EQ(ci.version_info["dockerVersion"], "DockerVersion: " + info.server_version);
    EXPECT_FALSE(ci.version_info.value("agentVersion", "").empty());
    EXPECT_TRUE(has_attribute(ci, "ecs.os-type", "linux"));
    EXPECT_TRUE(has_attribute(ci, "ecs.cpu-architecture"));
    EXPECT_TRUE(has_attribute(ci, "com.amazonaws.ecs.capability.docker-remote-api.1.17"));
    EXPECT_TRUE(has_attribute(ci, "ecs.capability.task-eni"));

    // A new cluster gets one too; a deleted one loses it.
    create_cluster("second");
    EXPECT_TRUE(wait_until([&] { return instance_in("second").has_value(); }, 5s));
    store_.write(key_, [](model::Partition& p) {
        p.clusters.at("second").status = model::ClusterStatus::inactive;
    });
    EXPECT_TRUE(wait_until([&] { return !instance_in("second").has_value(); }, 5s));
    EXPECT_TRUE(instance_in("default").has_value());
}

TEST_F(RuntimeEngine, AnUnreachableEngineFailsTasksNamingItsSocket) {
    const std::string socket = "/tmp/berth-it-absent-" + run_id() + ".sock";
    auto o = options();
    o.docker_hosts = {"unix://" + socket};
    start_runtime(o);
    // Berth's own state still works: the instance is there, disconnected.
    EXPECT_TRUE(wait_until([&] { return instance_in("default").has_value(); }, 5s));
    EXPECT_FALSE(instance_in("default")->agent_connected);

    json web = httpd_container();
    web["portMappings"][0].erase("hostPort");
    auto fargate = run_task({{"networkMode", "awsvpc"},
                             {"cpu", "256"},
                             {"memory", "512"},
                             {"containerDefinitions", {web}}},
                            "FARGATE");
    auto t = wait_status(fargate, TaskStatus::stopped, 10s);
    EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start);
    EXPECT_NE(t.stopped_reason.find(socket), std::string::npos) << t.stopped_reason;

    auto ec2 = run_task({{"containerDefinitions", {busybox_container("app", "true")}}});
    t = wait_status(ec2, TaskStatus::stopped, 10s);
    EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start);
    EXPECT_TRUE(t.stopped_reason.starts_with(
        "CannotPullContainerError: Cannot connect to the Docker daemon at unix://" + socket))
        << t.stopped_reason;
}

TEST_F(RuntimeEngine, WorkResumesWhenTheEngineComesBack) {
    SocketProxy proxy;
    auto o = options();
    o.docker_hosts = {proxy.host()};
    start_runtime(o);
    auto before = run_task({{"containerDefinitions", {busybox_container("app", "sleep 600")}}});
    auto t = wait_status(before, TaskStatus::stopped, 10s);
    EXPECT_NE(t.stopped_reason.find(proxy.path()), std::string::npos) << t.stopped_reason;

    proxy.start();
    EXPECT_TRUE(wait_until([&] { return instance_in("default")->agent_connected; }, 10s));
    auto app = busybox_container("app", "sleep 600");
    app["stopTimeout"] = 1;
    auto after = run_task({{"containerDefinitions", {app}}});
    t = wait_status(after, TaskStatus::running, 20s);

    // The engine goes away; a container dies meanwhile; the runtime catches up on reconnect.
    proxy.stop();
    EXPECT_TRUE(wait_until([&] { return !instance_in("default")->agent_connected; }, 10s));
    docker().container_kill(container(t, "app").runtime_id);
    proxy.start();
    t = wait_status(after, TaskStatus::stopped, 20s);
    EXPECT_EQ(container(t, "app").exit_code, 137);
    EXPECT_EQ(t.stop_code, model::StopCode::essential_container_exited);
    EXPECT_TRUE(wait_until([&] { return instance_in("default")->agent_connected; }, 10s));
    runtime_->stop();  // while the proxy still leads to the engine
}

TEST_F(RuntimeEngine, FortyTasksAtOnceAllRun) {
    start_runtime();
    const auto ci = container_instance();
    auto app = busybox_container("app", "sleep 600");
    app["stopTimeout"] = 1;
    auto td = register_definition({{"networkMode", "none"}, {"containerDefinitions", {app}}});
    std::vector<std::string> arns;
    const auto started = std::chrono::steady_clock::now();
    store_.write(key_, [&](model::Partition& p) {
        for (int i = 0; i < 40; ++i) {
            model::TaskLaunch launch;
            launch.container_instance_arn = ci;
            launch.now = model::Clock::now();
            auto task = model::make_task(key_, p.clusters.at("default"), td, launch);
            task.seq = p.take_seq();
            arns.push_back(task.arn);
            p.tasks.emplace(task.arn, std::move(task));
        }
    });
    for (const auto& arn : arns) wait_status(arn, TaskStatus::running, 120s);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    std::cout << "forty tasks RUNNING after " << took.count() << " ms\n";
    for (const auto& arn : arns) stop_task(arn);
    for (const auto& arn : arns) wait_status(arn, TaskStatus::stopped, 60s);
}

TEST_F(RuntimeEngine, StopLeavesNothingBehind) {
    start_runtime();
    json web = httpd_container();
    web["portMappings"][0].erase("hostPort");
    auto awsvpc = run_task({{"networkMode", "awsvpc"},
                            {"cpu", "256"},
                            {"memory", "512"},
                            {"containerDefinitions", {web}}},
                           "FARGATE");
    auto bridge = run_task(
        {{"volumes", {{{"name", "scratch"}}}},
         {"containerDefinitions", {[] {
              auto c = httpd_container();
              c["mountPoints"] = {{{"sourceVolume", "scratch"}, {"containerPath", "/scratch"}}};
              return c;
          }()}}});
    wait_status(awsvpc, TaskStatus::running);
    wait_status(bridge, TaskStatus::running);
    runtime_->stop();
    docker::ContainerFilter mine;
    mine.labels = {"berth.instance=" + instance_id_};
    EXPECT_TRUE(docker().container_list(mine).empty());
    EXPECT_TRUE(docker().volume_list(mine.labels).empty());
    // The awsvpc network is shared by every Berth on the engine: it stays only while another
    // one made it or uses it.
    if (auto network = docker().network_inspect("berth-awsvpc")) {
        auto owner = network->labels.find("berth.instance");
        bool in_use = !network->raw.value("Containers", json::object()).empty();
        EXPECT_TRUE(in_use || owner == network->labels.end() || owner->second != instance_id_);
    }
}

}  // namespace
}  // namespace berth::test

// The runtime against the real engine: every network mode, ports reachable from the host, the
// awsvpc sandbox and its ENI, and the labels on every container.
#include "integration/runtime_support.hpp"

namespace berth::test {
namespace {

using model::TaskStatus;

class RuntimeNetwork : public RuntimeTest {};

TEST_F(RuntimeNetwork, BridgeWithADynamicPortServesAndReportsTheBinding) {
    start_runtime();
    auto arn = run_task({{"containerDefinitions", {httpd_container()}}});
    // Bounds for a loaded engine (eight test runs shared one): what is proven is the outcome.
    auto t = wait_status(arn, TaskStatus::running, 60s);
    ASSERT_EQ(t.last_status, TaskStatus::running);
    EXPECT_TRUE(t.started_at && t.pull_started_at && t.pull_stopped_at && t.connectivity_at);
    EXPECT_EQ(t.connectivity, "CONNECTED");
    const auto& web = container(t, "web");
    EXPECT_EQ(web.known_status, model::ContainerStatus::running);
    EXPECT_FALSE(web.runtime_id.empty());
    EXPECT_TRUE(web.image_digest.starts_with("sha256:")) << web.image_digest;
    ASSERT_FALSE(web.network_bindings.empty());
    const auto& binding = web.network_bindings[0];
    EXPECT_EQ(binding["containerPort"], 80);
    EXPECT_EQ(binding["protocol"], "tcp");
    int host_port = binding["hostPort"];
    EXPECT_GT(host_port, 0);
    EXPECT_TRUE(serves_httpd_page("127.0.0.1", host_port));

    // The agent's labels and Berth's own, on the container itself.
    auto d = docker().container_inspect(web.runtime_id);
    EXPECT_EQ(d.labels["com.amazonaws.ecs.task-arn"], arn);
    EXPECT_EQ(d.labels["com.amazonaws.ecs.container-name"], "web");
    EXPECT_EQ(d.labels["com.amazonaws.ecs.cluster"], model::cluster_arn(key_, "default"));
    EXPECT_EQ(d.labels["com.amazonaws.ecs.task-definition-family"], t.family);
    EXPECT_EQ(d.labels["com.amazonaws.ecs.task-definition-version"], "1");
    EXPECT_EQ(d.labels["berth.instance"], instance_id_);
    EXPECT_EQ(d.labels["berth.partition"], "000000000000/us-east-1");
    EXPECT_TRUE(d.name.starts_with("ecs-" + t.family + "-1-web-")) << d.name;

    stop_task(arn);
    t = wait_status(arn, TaskStatus::stopped, 60s);
    EXPECT_TRUE(t.stopping_at && t.execution_stopped_at && t.stopped_at);
    EXPECT_EQ(t.stop_code, model::StopCode::user_initiated);
    EXPECT_EQ(container(t, "web").known_status, model::ContainerStatus::stopped);
    EXPECT_EQ(container(t, "web").exit_code, 0);  // httpd-foreground exits on SIGTERM
    EXPECT_TRUE(http_get("127.0.0.1", host_port, 500ms).empty());
}

TEST_F(RuntimeNetwork, BridgeWithAStaticPort) {
    start_runtime();
    const int port = free_port();
    auto web = httpd_container();
    web["portMappings"][0]["hostPort"] = port;
    auto arn = run_task({{"containerDefinitions", {web}}});
    auto t = wait_status(arn, TaskStatus::running);
    ASSERT_FALSE(container(t, "web").network_bindings.empty());
    EXPECT_EQ(container(t, "web").network_bindings[0]["hostPort"], port);
    EXPECT_TRUE(serves_httpd_page("127.0.0.1", port));
}

TEST_F(RuntimeNetwork, HostModeServesOnTheHostsPort) {
    start_runtime();
    const int port = free_port();
    auto c = busybox_container(
        "web", "exec httpd -f -p " + std::to_string(port) + " -h /usr/local/apache2/htdocs");
    c["portMappings"] = {{{"containerPort", port}, {"hostPort", port}}};
    auto arn = run_task({{"networkMode", "host"}, {"containerDefinitions", {c}}});
    auto t = wait_status(arn, TaskStatus::running);
    EXPECT_EQ(
        docker().container_inspect(container(t, "web").runtime_id).raw["HostConfig"]["NetworkMode"],
        "host");
    ASSERT_FALSE(container(t, "web").network_bindings.empty());
    EXPECT_EQ(container(t, "web").network_bindings[0]["hostPort"], port);
    EXPECT_TRUE(serves_httpd_page("127.0.0.1", port));
}

TEST_F(RuntimeNetwork, NoneModeHasNoNetwork) {
    start_runtime();
    auto arn = run_task({{"networkMode", "none"},
                         {"containerDefinitions", {busybox_container("app", "sleep 600")}}});
    auto t = wait_status(arn, TaskStatus::running);
    auto d = docker().container_inspect(container(t, "app").runtime_id);
    EXPECT_EQ(d.raw["HostConfig"]["NetworkMode"], "none");
    EXPECT_TRUE(container(t, "app").network_bindings.empty());
}

TEST_F(RuntimeNetwork, AFargateSizeBiggerThanTheHostRunsWithinIt) {
    start_runtime();
    // 4 vCPU and 30 GiB, the largest memory Fargate gives 4 vCPU: more than this machine has.
    const auto info = docker().info();
    if (info.ncpu >= 4 || info.mem_total >= (30LL << 30)) {
        GTEST_SKIP() << "the engine has 4 CPUs or 30 GiB or more: nothing to lower";
    }
    auto app = busybox_container("app", "sleep 600");
    app["stopTimeout"] = 1;
    auto arn = run_task({{"networkMode", "awsvpc"},
                         {"requiresCompatibilities", {"FARGATE"}},
                         {"cpu", "4096"},
                         {"memory", "30720"},
                         {"containerDefinitions", {app}}},
                        "FARGATE");
    auto t = wait_status(arn, TaskStatus::running);
    ASSERT_EQ(t.last_status, TaskStatus::running);
    // The task reports the size it asked for; its container has what the engine has.
    EXPECT_EQ(t.cpu, "4096");
    EXPECT_EQ(t.memory, "30720");
    const auto host = docker().container_inspect(container(t, "app").runtime_id).raw["HostConfig"];
    EXPECT_EQ(host["NanoCpus"], info.ncpu * 1'000'000'000LL);
    EXPECT_EQ(host["Memory"], info.mem_total);
}

TEST_F(RuntimeNetwork, AwsvpcTaskGetsAnEniAddressReachableFromTheHost) {
    start_runtime();
    json web = httpd_container();
    web["portMappings"][0].erase("hostPort");
    auto arn = run_task({{"networkMode", "awsvpc"},
                         {"requiresCompatibilities", {"FARGATE"}},
                         {"cpu", "256"},
                         {"memory", "512"},
                         {"containerDefinitions", {web}}},
                        "FARGATE");
    auto t = wait_status(arn, TaskStatus::running);
    ASSERT_EQ(t.last_status, TaskStatus::running);
    ASSERT_EQ(t.attachments.size(), 1u);
    EXPECT_EQ(t.attachments[0]["type"], "ElasticNetworkInterface");
    EXPECT_EQ(t.attachments[0]["status"], "ATTACHED");
    const auto ip = detail(t, "privateIPv4Address");
    ASSERT_FALSE(ip.empty());
    EXPECT_EQ(detail(t, "subnetId"), "subnet-0123456789abcdef0");
    EXPECT_TRUE(detail(t, "networkInterfaceId").starts_with("eni-"));
    EXPECT_EQ(detail(t, "macAddress").size(), 17u);
    auto dashed = ip;
    std::replace(dashed.begin(), dashed.end(), '.', '-');
    EXPECT_EQ(detail(t, "privateDnsName"), "ip-" + dashed + ".ec2.internal");
    const auto& interfaces = container(t, "web").network_interfaces;
    ASSERT_EQ(interfaces.size(), 1u);
    EXPECT_EQ(interfaces[0]["privateIpv4Address"], ip);
    EXPECT_EQ(interfaces[0]["attachmentId"], t.attachments[0]["id"]);

    // The container shares the sandbox's namespace; the task's address serves its port 80.
    auto d = docker().container_inspect(container(t, "web").runtime_id);
    EXPECT_EQ(d.raw["HostConfig"]["NetworkMode"], "container:" + t.sandbox_id);
    EXPECT_EQ(docker().container_inspect(t.sandbox_id).labels["berth.role"], "sandbox");
    EXPECT_TRUE(serves_httpd_page(ip, 80));
    // Fargate-sized limits.
    EXPECT_EQ(d.raw["HostConfig"]["NanoCpus"], 250'000'000);
    EXPECT_EQ(d.raw["HostConfig"]["Memory"], 512LL * 1024 * 1024);

    stop_task(arn);
    t = wait_status(arn, TaskStatus::stopped);
    EXPECT_EQ(t.attachments[0]["status"], "DELETED");
    auto sandbox = docker().container_inspect(t.sandbox_id);
    EXPECT_FALSE(sandbox.state.running);
}

TEST_F(RuntimeNetwork, AwsvpcNetworkRemovedOutsideBerthIsMadeAgain) {
    start_runtime();
    json web = httpd_container();
    web["portMappings"][0].erase("hostPort");
    const json doc = {{"networkMode", "awsvpc"},
                      {"cpu", "256"},
                      {"memory", "512"},
                      {"containerDefinitions", {web}}};
    auto first = run_task(doc, "FARGATE");
    wait_status(first, TaskStatus::running);
    stop_task(first);
    auto t = wait_status(first, TaskStatus::stopped);
    docker().container_remove(t.sandbox_id, true);
    try {
        docker().network_remove("berth-awsvpc");
    } catch (const docker::DockerError& e) {
        GTEST_SKIP() << "another Berth uses the network: " << e.what();
    }
    auto second = run_task(doc, "FARGATE");
    t = wait_status(second, TaskStatus::running);
    EXPECT_FALSE(detail(t, "privateIPv4Address").empty());
}

}  // namespace
}  // namespace berth::test

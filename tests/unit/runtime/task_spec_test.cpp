#include "berth/runtime/task_spec.hpp"

#include <gtest/gtest.h>

#include "runtime/container_body.hpp"

namespace berth::runtime {
namespace {

using nlohmann::json;

const model::PartitionKey k_partition{"000000000000", "us-east-1"};

model::Task make_task(model::LaunchType launch_type = model::LaunchType::ec2) {
    model::Task t;
    t.arn = "arn:aws:ecs:us-east-1:000000000000:task/default/0123456789abcdef0123456789abcdef";
    t.id = "0123456789abcdef0123456789abcdef";
    t.cluster_name = "default";
    t.cluster_arn = "arn:aws:ecs:us-east-1:000000000000:cluster/default";
    t.family = "web";
    t.revision = 3;
    t.launch_type = launch_type;
    return t;
}

struct Fixture {
    model::Task task = make_task();
    json td;
    std::string sandbox;
    std::optional<std::string> resolver;
    std::string efs_dir = "/data/efs";
    std::optional<EngineCapacity> capacity;
    std::vector<model::ServiceConnectEndpoint> service_connect;
    int counter = 0;

    TaskSpec spec() {
        const auto definition = model::read_task_definition(td);
        SpecInput in{task,      *definition, k_partition,
                     "berth-1", sandbox,     [this] { return "s" + std::to_string(counter++); }};
        in.resolver = resolver;
        in.efs_dir = efs_dir;
        in.capacity = capacity;
        in.service_connect = &service_connect;
        return make_task_spec(in);
    }
    json body(std::size_t i = 0) { return spec().containers.at(i).create_body; }
};

Fixture with_container(json def) {
    Fixture f;
    if (!def.contains("name")) def["name"] = "app";
    if (!def.contains("image")) def["image"] = "busybox:latest";
    f.td = {{"family", "web"}, {"containerDefinitions", json::array({def})}};
    return f;
}

// Table: one container definition field → what Docker's create body must contain.
struct BodyCase {
    const char* name;
    json def;
    json::json_pointer pointer;
    json expected;
};

class ContainerBody : public testing::TestWithParam<BodyCase> {};

TEST_P(ContainerBody, MapsField) {
    const auto& c = GetParam();
    auto body = with_container(c.def).body();
    ASSERT_TRUE(body.contains(c.pointer)) << body.dump(2);
    EXPECT_EQ(body[c.pointer], c.expected) << body.dump(2);
}

const json k_health = {{"command", {"CMD-SHELL", "wget -q -O- localhost || exit 1"}},
                       {"interval", 5},
                       {"timeout", 2},
                       {"retries", 4},
                       {"startPeriod", 10}};

INSTANTIATE_TEST_SUITE_P(
    Fields, ContainerBody,
    testing::Values(
        BodyCase{"image", json::object(), json::json_pointer("/Image"), "busybox:latest"},
        BodyCase{
            "command", {{"command", {"httpd", "-f"}}}, json::json_pointer("/Cmd"), {"httpd", "-f"}},
        BodyCase{"entryPoint",
                 {{"entryPoint", {"/bin/sh", "-c"}}},
                 json::json_pointer("/Entrypoint"),
                 {"/bin/sh", "-c"}},
        BodyCase{
            "environment",
            {{"environment", {{{"name", "A"}, {"value", "1"}}, {{"name", "B"}, {"value", ""}}}}},
            json::json_pointer("/Env"),
            {"A=1", "B="}},
        BodyCase{"workingDirectory",
                 {{"workingDirectory", "/srv"}},
                 json::json_pointer("/WorkingDir"),
                 "/srv"},
        BodyCase{"user", {{"user", "1000:1000"}}, json::json_pointer("/User"), "1000:1000"},
        BodyCase{"hostname", {{"hostname", "box"}}, json::json_pointer("/Hostname"), "box"},
        BodyCase{"stopTimeout", {{"stopTimeout", 7}}, json::json_pointer("/StopTimeout"), 7},
        BodyCase{"cpu", {{"cpu", 512}}, json::json_pointer("/HostConfig/CpuShares"), 512},
        BodyCase{"no cpu → minimum shares", json::object(),
                 json::json_pointer("/HostConfig/CpuShares"), 2},
        BodyCase{"memory",
                 {{"memory", 256}},
                 json::json_pointer("/HostConfig/Memory"),
                 256LL * 1024 * 1024},
        BodyCase{"memoryReservation",
                 {{"memoryReservation", 128}},
                 json::json_pointer("/HostConfig/MemoryReservation"),
                 128LL * 1024 * 1024},
        BodyCase{"maxSwap",
                 {{"memory", 100}, {"linuxParameters", {{"maxSwap", 50}}}},
                 json::json_pointer("/HostConfig/MemorySwap"),
                 150LL * 1024 * 1024},
        BodyCase{"ulimits",
                 {{"ulimits", {{{"name", "nofile"}, {"softLimit", 1024}, {"hardLimit", 4096}}}}},
                 json::json_pointer("/HostConfig/Ulimits"),
                 {{{"Name", "nofile"}, {"Soft", 1024}, {"Hard", 4096}}}},
        BodyCase{"initProcessEnabled",
                 {{"linuxParameters", {{"initProcessEnabled", true}}}},
                 json::json_pointer("/HostConfig/Init"),
                 true},
        BodyCase{"capabilities add",
                 {{"linuxParameters", {{"capabilities", {{"add", {"NET_ADMIN"}}}}}}},
                 json::json_pointer("/HostConfig/CapAdd"),
                 {"NET_ADMIN"}},
        BodyCase{"capabilities drop",
                 {{"linuxParameters", {{"capabilities", {{"drop", {"MKNOD"}}}}}}},
                 json::json_pointer("/HostConfig/CapDrop"),
                 {"MKNOD"}},
        BodyCase{"sharedMemorySize",
                 {{"linuxParameters", {{"sharedMemorySize", 64}}}},
                 json::json_pointer("/HostConfig/ShmSize"),
                 64LL * 1024 * 1024},
        BodyCase{"tmpfs",
                 {{"linuxParameters",
                   {{"tmpfs",
                     {{{"containerPath", "/tmp"}, {"size", 16}, {"mountOptions", {"noexec"}}}}}}}},
                 json::json_pointer("/HostConfig/Tmpfs"),
                 {{"/tmp", "size=16m,noexec"}}},
        BodyCase{
            "devices",
            {{"linuxParameters",
              {{"devices", {{{"hostPath", "/dev/fuse"}, {"permissions", {"read", "write"}}}}}}}},
            json::json_pointer("/HostConfig/Devices"),
            {{{"PathOnHost", "/dev/fuse"},
              {"PathInContainer", "/dev/fuse"},
              {"CgroupPermissions", "rw"}}}},
        BodyCase{"readonlyRootFilesystem",
                 {{"readonlyRootFilesystem", true}},
                 json::json_pointer("/HostConfig/ReadonlyRootfs"),
                 true},
        BodyCase{"privileged",
                 {{"privileged", true}},
                 json::json_pointer("/HostConfig/Privileged"),
                 true},
        BodyCase{"extraHosts",
                 {{"extraHosts", {{{"hostname", "db"}, {"ipAddress", "10.0.0.5"}}}}},
                 json::json_pointer("/HostConfig/ExtraHosts"),
                 {"db:10.0.0.5"}},
        BodyCase{"dnsServers",
                 {{"dnsServers", {"1.1.1.1"}}},
                 json::json_pointer("/HostConfig/Dns"),
                 {"1.1.1.1"}},
        BodyCase{"dnsSearchDomains",
                 {{"dnsSearchDomains", {"corp"}}},
                 json::json_pointer("/HostConfig/DnsSearch"),
                 {"corp"}},
        BodyCase{"dockerSecurityOptions",
                 {{"dockerSecurityOptions", {"no-new-privileges"}}},
                 json::json_pointer("/HostConfig/SecurityOpt"),
                 {"no-new-privileges"}},
        BodyCase{"systemControls",
                 {{"systemControls", {{{"namespace", "net.core.somaxconn"}, {"value", "512"}}}}},
                 json::json_pointer("/HostConfig/Sysctls"),
                 {{"net.core.somaxconn", "512"}}},
        BodyCase{
            "logConfiguration",
            {{"logConfiguration", {{"logDriver", "json-file"}, {"options", {{"max-size", "1m"}}}}}},
            json::json_pointer("/HostConfig/LogConfig"),
            {{"Type", "json-file"}, {"Config", {{"max-size", "1m"}}}}},
        // Berth follows awslogs containers from the engine: their output stays in json-file.
        BodyCase{"logConfiguration awslogs",
                 {{"logConfiguration",
                   {{"logDriver", "awslogs"}, {"options", {{"awslogs-group", "g"}}}}}},
                 json::json_pointer("/HostConfig/LogConfig"),
                 {{"Type", "json-file"}, {"Config", json::object()}}},
        BodyCase{"dockerLabels",
                 {{"dockerLabels", {{"team", "web"}}}},
                 json::json_pointer("/Labels/team"),
                 "web"},
        BodyCase{"static port",
                 {{"portMappings", {{{"containerPort", 80}, {"hostPort", 8080}}}}},
                 json::json_pointer("/HostConfig/PortBindings"),
                 {{"80/tcp", {{{"HostIp", ""}, {"HostPort", "8080"}}}}}},
        BodyCase{
            "dynamic port (hostPort 0)",
            {{"portMappings", {{{"containerPort", 53}, {"hostPort", 0}, {"protocol", "udp"}}}}},
            json::json_pointer("/HostConfig/PortBindings"),
            {{"53/udp", {{{"HostIp", ""}, {"HostPort", ""}}}}}},
        BodyCase{"exposed port",
                 {{"portMappings", {{{"containerPort", 80}}}}},
                 json::json_pointer("/ExposedPorts"),
                 {{"80/tcp", json::object()}}},
        BodyCase{"health check",
                 {{"healthCheck", k_health}},
                 json::json_pointer("/Healthcheck"),
                 {{"Test", {"CMD-SHELL", "wget -q -O- localhost || exit 1"}},
                  {"Interval", 5'000'000'000LL},
                  {"Timeout", 2'000'000'000LL},
                  {"Retries", 4},
                  {"StartPeriod", 10'000'000'000LL}}},
        BodyCase{"bridge by default", json::object(), json::json_pointer("/HostConfig/NetworkMode"),
                 "bridge"}),
    [](const testing::TestParamInfo<BodyCase>& info) {
        std::string n;
        for (char c : std::string(info.param.name))
            n += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        return n;
    });

TEST(ContainerBody, HealthCheckDefaultsAreEcs) {
    auto hc = make_healthcheck({{"command", {"CMD", "true"}}});
    EXPECT_EQ(hc["Interval"], 30'000'000'000LL);
    EXPECT_EQ(hc["Timeout"], 5'000'000'000LL);
    EXPECT_EQ(hc["Retries"], 3);
    EXPECT_EQ(hc["StartPeriod"], 0);
}

TEST(TaskSpec, AgentLabelsOnEveryContainerAndTheyWinOverDockerLabels) {
    auto f = with_container({{"dockerLabels", {{label::cluster, "spoofed"}}}});
    auto labels = f.body()["Labels"];
    EXPECT_EQ(labels[label::cluster], f.task.cluster_arn);
    EXPECT_EQ(labels[label::task_arn], f.task.arn);
    EXPECT_EQ(labels[label::container_name], "app");
    EXPECT_EQ(labels[label::family], "web");
    EXPECT_EQ(labels[label::version], "3");
    EXPECT_EQ(labels[label::partition], "000000000000/us-east-1");
    EXPECT_EQ(labels[label::instance], "berth-1");
}

TEST(TaskSpec, ContainerNamesFollowTheAgent) {
    auto f = with_container({{"name", "my_app.v2"}});
    EXPECT_EQ(f.spec().containers[0].docker_name, "ecs-web-3-myappv2-s0");
}

TEST(TaskSpec, HostAndNoneModesPublishNoPorts) {
    for (const char* mode : {"host", "none"}) {
        auto f = with_container({{"portMappings", {{{"containerPort", 80}, {"hostPort", 80}}}}});
        f.td["networkMode"] = mode;
        auto host = f.body()["HostConfig"];
        EXPECT_EQ(host["NetworkMode"], mode);
        EXPECT_FALSE(host.contains("PortBindings")) << mode;
    }
}

TEST(TaskSpec, AwsvpcJoinsTheSandbox) {
    auto f = with_container({{"portMappings", {{{"containerPort", 80}}}},
                             {"hostname", "x"},
                             {"dnsServers", {"1.1.1.1"}}});
    f.td["networkMode"] = "awsvpc";
    f.sandbox = "pause123";
    auto body = f.body();
    EXPECT_EQ(body["HostConfig"]["NetworkMode"], "container:pause123");
    // Docker refuses these on a joined namespace.
    EXPECT_FALSE(body["HostConfig"].contains("PortBindings"));
    EXPECT_FALSE(body.contains("ExposedPorts"));
    EXPECT_FALSE(body["HostConfig"].contains("Dns"));
    EXPECT_FALSE(body.contains("Hostname"));
}

TEST(TaskSpec, CarriesTheServiceConnectAliasPortRedirects) {
    auto f = with_container({{"portMappings", {{{"containerPort", 8080}, {"name", "http"}}}}});
    f.td["networkMode"] = "awsvpc";
    f.sandbox = "pause123";
    EXPECT_TRUE(f.spec().port_redirects.empty());  // not a Service Connect task
    model::ServiceConnectEndpoint e;
    e.port_name = "http";
    e.aliases = {{"api.demo.local", 80}, {"web.demo.local", 8080}};
    f.service_connect = {e};
    EXPECT_EQ(f.spec().port_redirects, (std::vector<model::PortRedirect>{{80, 8080}}));
}

TEST(TaskSpec, BridgeContainersUseBerthsResolver) {
    auto f = with_container(json::object());
    f.resolver = "172.17.0.1";
    EXPECT_EQ(f.body()["HostConfig"]["Dns"], json::array({"172.17.0.1"}));
}

TEST(TaskSpec, DnsServersOfTheDefinitionWinOverBerthsResolver) {
    auto f = with_container({{"dnsServers", {"1.1.1.1"}}});
    f.resolver = "172.17.0.1";
    EXPECT_EQ(f.body()["HostConfig"]["Dns"], json::array({"1.1.1.1"}));
}

TEST(TaskSpec, OnlyBridgeContainersGetBerthsResolver) {
    for (const char* mode : {"host", "none", "awsvpc"}) {
        auto f = with_container(json::object());
        f.td["networkMode"] = mode;
        f.sandbox = "pause123";
        f.resolver = "172.17.0.1";
        EXPECT_FALSE(f.body()["HostConfig"].contains("Dns")) << mode;
    }
}

TEST(TaskSpec, FargateIsAlwaysAwsvpcAndNeedsASandbox) {
    auto f = with_container(json::object());
    f.task = make_task(model::LaunchType::fargate);
    EXPECT_EQ(network_mode_of(f.task, *model::read_task_definition(f.td)),
              model::NetworkMode::awsvpc);
    EXPECT_THROW(f.spec(), SpecError);
    f.sandbox = "p";
    EXPECT_EQ(f.spec().network_mode, "awsvpc");
}

TEST(TaskSpec, TaskLevelSizesBecomeLimits) {
    auto f = with_container({{"memoryReservation", 64}});
    f.task.cpu = "512";
    f.task.memory = "1 GB";
    auto host = f.body()["HostConfig"];
    EXPECT_EQ(host["NanoCpus"], 500'000'000LL);
    EXPECT_EQ(host["Memory"], 1024LL * 1024 * 1024);
    EXPECT_EQ(host["MemoryReservation"], 64LL * 1024 * 1024);
}

TEST(TaskSpec, AFargateSizeBeyondTheEngineIsLoweredToWhatItHas) {
    auto f = with_container({{"memoryReservation", 6144}});
    f.task = make_task(model::LaunchType::fargate);
    f.sandbox = "p";
    f.task.cpu = "4096";
    f.task.memory = "8192";
    f.capacity = EngineCapacity{2, 4096LL * 1024 * 1024};
    auto spec = f.spec();
    EXPECT_TRUE(spec.limits_clamped);
    auto host = spec.containers.at(0).create_body["HostConfig"];
    EXPECT_EQ(host["NanoCpus"], 2'000'000'000LL);
    EXPECT_EQ(host["Memory"], 4096LL * 1024 * 1024);
    EXPECT_EQ(host["MemoryReservation"], 4096LL * 1024 * 1024);  // never above the limit

    // A size the engine has is left as it is.
    f.task.cpu = "1024";
    f.task.memory = "2048";
    f.td["containerDefinitions"][0].erase("memoryReservation");
    spec = f.spec();
    EXPECT_FALSE(spec.limits_clamped);
    host = spec.containers.at(0).create_body["HostConfig"];
    EXPECT_EQ(host["NanoCpus"], 1'000'000'000LL);
    EXPECT_EQ(host["Memory"], 2048LL * 1024 * 1024);
}

TEST(TaskSpec, AnEc2SizeIsNeverLowered) {
    // Placement keeps EC2 tasks within their instance (RESOURCE:CPU / RESOURCE:MEMORY).
    auto f = with_container(json::object());
    f.task.cpu = "4096";
    f.capacity = EngineCapacity{2, 4096LL * 1024 * 1024};
    auto spec = f.spec();
    EXPECT_FALSE(spec.limits_clamped);
    EXPECT_EQ(spec.containers.at(0).create_body["HostConfig"]["NanoCpus"], 4'000'000'000LL);
}

TEST(TaskSpec, ContainerMemoryWinsOverTaskMemory) {
    auto f = with_container({{"memory", 128}});
    f.task.memory = "512";
    EXPECT_EQ(f.body()["HostConfig"]["Memory"], 128LL * 1024 * 1024);
}

TEST(TaskSpec, TaskSizesFallBackToTheDefinition) {
    auto f = with_container(json::object());
    f.td["cpu"] = "1 vCPU";
    f.td["memory"] = "2048";
    auto host = f.body()["HostConfig"];
    EXPECT_EQ(host["NanoCpus"], 1'000'000'000LL);
    EXPECT_EQ(host["Memory"], 2048LL * 1024 * 1024);
}

TEST(TaskSpec, OverridesReplaceCommandAndMergeEnvironment) {
    auto f = with_container(
        {{"command", {"old"}},
         {"memory", 64},
         {"environment", {{{"name", "A"}, {"value", "1"}}, {{"name", "B"}, {"value", "2"}}}}});
    f.task.overrides = {
        {"containerOverrides",
         {{{"name", "app"},
           {"command", {"new", "args"}},
           {"memory", 96},
           {"environment", {{{"name", "B"}, {"value", "x"}}, {{"name", "C"}, {"value", "3"}}}}},
          {{"name", "other"}, {"command", {"nope"}}}}}};
    auto body = f.body();
    EXPECT_EQ(body["Cmd"], json({"new", "args"}));
    EXPECT_EQ(body["Env"], json({"A=1", "B=x", "C=3"}));
    EXPECT_EQ(body["HostConfig"]["Memory"], 96LL * 1024 * 1024);
}

TEST(TaskSpec, VolumesHostDockerAndTaskScoped) {
    Fixture f;
    f.td = {{"family", "web"},
            {"volumes",
             {{{"name", "logs"}, {"host", {{"sourcePath", "/var/log/app"}}}},
              {{"name", "scratch"}},
              {{"name", "cache"},
               {"dockerVolumeConfiguration",
                {{"scope", "shared"}, {"autoprovision", true}, {"driver", "local"}}}},
              {{"name", "data"},
               {"dockerVolumeConfiguration",
                {{"scope", "task"},
                 {"labels", {{"k", "v"}}},
                 {"driverOpts", {{"type", "tmpfs"}, {"o", "size=1m"}}}}}}}},
            {"containerDefinitions",
             {{{"name", "writer"},
               {"image", "busybox"},
               {"mountPoints",
                {{{"sourceVolume", "logs"}, {"containerPath", "/logs"}},
                 {{"sourceVolume", "scratch"}, {"containerPath", "/scratch"}},
                 {{"sourceVolume", "cache"}, {"containerPath", "/cache"}, {"readOnly", true}},
                 {{"sourceVolume", "data"}, {"containerPath", "/data"}}}}},
              {{"name", "reader"},
               {"image", "busybox"},
               {"volumesFrom", {{{"sourceContainer", "writer"}, {"readOnly", true}}}}}}}};
    auto spec = f.spec();
    ASSERT_EQ(spec.volumes.size(), 3u);
    EXPECT_EQ(spec.volumes[0].name, "ecs-web-3-scratch-s0");
    EXPECT_TRUE(spec.volumes[0].task_scoped);
    EXPECT_EQ(spec.volumes[0].labels[label::task_arn], f.task.arn);
    EXPECT_EQ(spec.volumes[1].name, "cache");
    EXPECT_FALSE(spec.volumes[1].task_scoped);
    EXPECT_FALSE(spec.volumes[1].labels.contains(label::task_arn));
    EXPECT_EQ(spec.volumes[2].name, "ecs-web-3-data-s1");
    EXPECT_EQ(spec.volumes[2].labels["k"], "v");
    EXPECT_EQ(spec.volumes[2].driver_opts, json({{"type", "tmpfs"}, {"o", "size=1m"}}));
    EXPECT_EQ(spec.volumes[0].driver_opts, json::object());
    EXPECT_EQ(spec.containers[0].create_body["HostConfig"]["Binds"],
              json({"/var/log/app:/logs", "ecs-web-3-scratch-s0:/scratch", "cache:/cache:ro",
                    "ecs-web-3-data-s1:/data"}));
    EXPECT_EQ(spec.containers[1].create_body["HostConfig"]["VolumesFrom"],
              json({spec.containers[0].docker_name + ":ro"}));
}

TEST(TaskSpec, UnknownReferencesAreSpecErrors) {
    auto f =
        with_container({{"mountPoints", {{{"sourceVolume", "nope"}, {"containerPath", "/x"}}}}});
    EXPECT_THROW(f.spec(), SpecError);
    auto g =
        with_container({{"dependsOn", {{{"containerName", "ghost"}, {"condition", "START"}}}}});
    EXPECT_THROW(g.spec(), SpecError);
    auto h = with_container(json::object());
    h.td["volumes"] = {
        {{"name", "fsx"}, {"fsxWindowsFileServerVolumeConfiguration", {{"fileSystemId", "fs-1"}}}}};
    EXPECT_THROW(h.spec(), SpecError);
}

Fixture with_efs_volume(json config) {
    auto f = with_container(
        {{"mountPoints", {{{"sourceVolume", "shared"}, {"containerPath", "/mnt/efs"}}}}});
    f.td["volumes"] = {{{"name", "shared"}, {"efsVolumeConfiguration", config}}};
    return f;
}

std::string efs_failure(Fixture f) {
    try {
        f.spec();
    } catch (const SpecError& e) {
        EXPECT_EQ(e.failure(), model::FailureClass::resource_initialization);
        return e.what();
    }
    return "no error";
}

TEST(TaskSpec, AnEfsFileSystemIsADirectoryOfTheDataDirShared) {
    auto f = with_efs_volume({{"fileSystemId", "fs-0123456789abcdef0"}});
    auto spec = f.spec();
    EXPECT_TRUE(spec.volumes.empty());  // no Docker volume: the task's own would not outlive it
    EXPECT_EQ(spec.host_directories, std::vector<std::string>{"/data/efs/fs-0123456789abcdef0"});
    EXPECT_EQ(spec.containers[0].create_body["HostConfig"]["Binds"],
              json({"/data/efs/fs-0123456789abcdef0:/mnt/efs"}));
}

TEST(TaskSpec, EfsRootDirectoryIsAFolderInsideTheFileSystem) {
    auto f = with_efs_volume({{"fileSystemId", "fs-12345678"},
                              {"rootDirectory", "/app//data/./"},
                              {"transitEncryption", "ENABLED"},
                              {"transitEncryptionPort", 2999},
                              {"authorizationConfig", {{"iam", "ENABLED"}}}});
    EXPECT_EQ(f.spec().host_directories,
              std::vector<std::string>{"/data/efs/fs-12345678/app/data"});
    // An access point's own root is unknown to Berth: the file system's root stands for it.
    auto g =
        with_efs_volume({{"fileSystemId", "fs-12345678"},
                         {"transitEncryption", "ENABLED"},
                         {"authorizationConfig", {{"accessPointId", "fsap-0123456789abcdef0"}}}});
    EXPECT_EQ(g.spec().host_directories, std::vector<std::string>{"/data/efs/fs-12345678"});
}

TEST(TaskSpec, AMountWhosePathHoldsAColonGoesToMountsNotBinds) {
    auto f = with_efs_volume({{"fileSystemId", "fs-12345678"}, {"rootDirectory", "/a:b"}});
    f.td["containerDefinitions"][0]["mountPoints"][0]["readOnly"] = true;
    const auto host = f.body()["HostConfig"];
    EXPECT_FALSE(host.contains("Binds")) << host.dump();
    EXPECT_EQ(host["Mounts"], json::parse(R"([{"Type": "bind", "Source":
        "/data/efs/fs-12345678/a:b", "Target": "/mnt/efs", "ReadOnly": true}])"));
}

TEST(TaskSpec, PinnedGpusBecomeANvidiaDeviceRequestAndVisibleDevices) {
    auto f =
        with_container({{"environment", {{{"name", "NVIDIA_VISIBLE_DEVICES"}, {"value", "all"}}}},
                        {"resourceRequirements", {{{"type", "GPU"}, {"value", "2"}}}}});
    f.task.containers.push_back({});
    f.task.containers[0].name = "app";
    f.task.containers[0].gpu_ids = {"0", "GPU-b"};
    const auto body = f.body();
    EXPECT_EQ(body["HostConfig"]["DeviceRequests"], json::parse(R"([{"Driver": "nvidia",
        "DeviceIDs": ["0", "GPU-b"], "Capabilities": [["gpu"]]}])"));
    EXPECT_EQ(body["Env"], json({"NVIDIA_VISIBLE_DEVICES=0,GPU-b"}))
        << "in place of the definition's";
    f.task.containers[0].gpu_ids.clear();
    EXPECT_FALSE(f.body()["HostConfig"].contains("DeviceRequests")) << "no GPUs pinned: none";
}

TEST(TaskSpec, EfsVolumesThatCannotBeMountedStopTheTaskAsTheAgentDoes) {
    EXPECT_EQ(efs_failure(with_efs_volume({{"fileSystemId", "fs-1"}})),
              "failed to invoke EFS utils commands to set up EFS volumes: stderr: Failed to "
              "resolve \"fs-1.efs.us-east-1.amazonaws.com\" - check that your file system ID is "
              "correct.");
    EXPECT_NE(efs_failure(with_efs_volume({{"fileSystemId", "../../etc"}})), "no error");
    EXPECT_NE(efs_failure(with_efs_volume(
                  {{"fileSystemId", "fs-12345678"}, {"rootDirectory", "/a/../../escape"}})),
              "no error");
    auto f = with_efs_volume({{"fileSystemId", "fs-12345678"}});
    f.efs_dir = "";
    EXPECT_NE(efs_failure(f), "no error");
}

TEST(TaskSpec, StartRulesOfEachContainer) {
    Fixture f;
    f.td = {{"family", "web"},
            {"containerDefinitions",
             {{{"name", "init"}, {"image", "busybox"}, {"essential", false}},
              {{"name", "app"},
               {"image", "busybox"},
               {"startTimeout", 20},
               {"stopTimeout", 5},
               {"healthCheck", k_health},
               {"links", {"init:setup"}},
               {"dependsOn", {{{"containerName", "init"}, {"condition", "SUCCESS"}}}}}}}};
    auto spec = f.spec();
    EXPECT_FALSE(spec.containers[0].rules.essential);
    EXPECT_EQ(spec.containers[0].rules.stop_timeout, std::chrono::seconds(30));
    const auto& app = spec.containers[1].rules;
    EXPECT_TRUE(app.essential);
    EXPECT_TRUE(app.has_health_check);
    EXPECT_EQ(app.start_timeout, std::chrono::seconds(20));
    EXPECT_EQ(app.stop_timeout, std::chrono::seconds(5));
    // dependsOn, then the link as an implicit START dependency.
    ASSERT_EQ(app.depends_on.size(), 2u);
    EXPECT_EQ(app.depends_on[0].container, "init");
    EXPECT_EQ(app.depends_on[0].condition, DependencyCondition::success);
    EXPECT_EQ(app.depends_on[1].container, "init");
    EXPECT_EQ(app.depends_on[1].condition, DependencyCondition::start);
    EXPECT_EQ(spec.containers[1].create_body["HostConfig"]["Links"],
              json({spec.containers[0].docker_name + ":setup"}));
}

TEST(TaskSpec, CreationOrderPutsVolumeSourcesFirst) {
    Fixture f;
    f.td = {{"family", "web"},
            {"containerDefinitions",
             {{{"name", "reader"},
               {"image", "busybox"},
               {"volumesFrom", {{{"sourceContainer", "writer"}}}}},
              {{"name", "writer"}, {"image", "busybox"}},
              {{"name", "side"}, {"image", "busybox"}}}}};
    auto spec = f.spec();
    ASSERT_EQ(spec.containers.size(), 3u);
    EXPECT_EQ(spec.containers[0].name, "writer");
    EXPECT_EQ(spec.containers[1].name, "reader");
    EXPECT_EQ(spec.containers[2].name, "side");
    f.td["containerDefinitions"][1]["volumesFrom"] = {{{"sourceContainer", "reader"}}};
    EXPECT_THROW(f.spec(), SpecError);
}

TEST(TaskSpec, RulesWithoutBuildingBodies) {
    json td = {
        {"containerDefinitions",
         {{{"name", "a"}, {"essential", false}},
          {{"name", "b"}, {"dependsOn", {{{"containerName", "a"}, {"condition", "COMPLETE"}}}}}}}};
    auto rules = container_rules(*model::read_task_definition(td));
    ASSERT_EQ(rules.size(), 2u);
    EXPECT_FALSE(rules[0].essential);
    EXPECT_EQ(rules[1].depends_on.at(0).condition, DependencyCondition::complete);
}

TEST(TaskSpec, SandboxSitsOnTheBerthNetwork) {
    auto f = with_container(json::object());
    f.task = make_task(model::LaunchType::fargate);
    const auto definition = model::read_task_definition(f.td);
    SpecInput in{f.task, *definition, k_partition, "berth-1", "", [] { return std::string("x"); }};
    auto s = make_sandbox_spec(in, "berth/pause:1", "berth-awsvpc");
    EXPECT_EQ(s.create_body["HostConfig"]["NetworkMode"], "berth-awsvpc");
    EXPECT_TRUE(s.create_body["NetworkingConfig"]["EndpointsConfig"].contains("berth-awsvpc"));
    EXPECT_EQ(s.create_body["Labels"][label::role], "sandbox");
    EXPECT_EQ(s.create_body["Labels"][label::task_arn], f.task.arn);
    EXPECT_FALSE(s.create_body["HostConfig"].contains("Dns"));  // no resolver: Docker's
    in.resolver = "172.30.0.1";
    EXPECT_EQ(
        make_sandbox_spec(in, "berth/pause:1", "berth-awsvpc").create_body["HostConfig"]["Dns"],
        json::array({"172.30.0.1"}));
}

TEST(TaskSpec, PidAndIpcModeTaskJoinTheSandboxsNamespaces) {
    auto f = with_container(json::object());
    f.td["containerDefinitions"].push_back({{"name", "side"}, {"image", "busybox"}});
    f.td["pidMode"] = "task";
    f.td["ipcMode"] = "task";
    const auto definition = model::read_task_definition(f.td);
    EXPECT_TRUE(needs_sandbox(f.task, *definition));  // a bridge task, with shared namespaces
    EXPECT_THROW(f.spec(), SpecError);                // not without its sandbox
    f.sandbox = "pause123";
    auto spec = f.spec();
    for (const auto& c : spec.containers) {
        EXPECT_EQ(c.create_body["HostConfig"]["PidMode"], "container:pause123") << c.name;
        EXPECT_EQ(c.create_body["HostConfig"]["IpcMode"], "container:pause123") << c.name;
        EXPECT_EQ(c.create_body["HostConfig"]["NetworkMode"], "bridge") << c.name;
    }
    // The sandbox of a bridge task holds no network; its IPC namespace can be joined.
    SpecInput in{f.task, *definition, k_partition, "berth-1", "", [] { return std::string("x"); }};
    auto sandbox = make_sandbox_spec(in, "berth/pause:1", "");
    EXPECT_EQ(sandbox.create_body["HostConfig"]["NetworkMode"], "none");
    EXPECT_EQ(sandbox.create_body["HostConfig"]["IpcMode"], "shareable");
    EXPECT_FALSE(sandbox.create_body.contains("NetworkingConfig"));
}

TEST(TaskSpec, PidAndIpcModeHostAndNoneAreTheEnginesModes) {
    auto f = with_container(json::object());
    f.td["pidMode"] = "host";
    f.td["ipcMode"] = "none";
    EXPECT_FALSE(needs_sandbox(f.task, *model::read_task_definition(f.td)));
    auto host = f.body()["HostConfig"];
    EXPECT_EQ(host["PidMode"], "host");
    EXPECT_EQ(host["IpcMode"], "none");
    f.td["ipcMode"] = "host";
    EXPECT_EQ(f.body()["HostConfig"]["IpcMode"], "host");
    // Absent: Docker's defaults, and no sandbox for a bridge task.
    auto plain = with_container(json::object());
    EXPECT_FALSE(plain.body()["HostConfig"].contains("PidMode"));
    EXPECT_FALSE(plain.body()["HostConfig"].contains("IpcMode"));
    EXPECT_FALSE(needs_sandbox(plain.task, *model::read_task_definition(plain.td)));
}

}  // namespace
}  // namespace berth::runtime

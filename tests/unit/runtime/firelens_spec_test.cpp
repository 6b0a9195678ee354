// A task with a FireLens router → what the router and the routed containers get on Docker.
#include <algorithm>

#include <gtest/gtest.h>

#include "berth/runtime/task_spec.hpp"
#include "runtime/task_secrets.hpp"

namespace berth::runtime {
namespace {

using nlohmann::json;

const model::PartitionKey k_partition{"000000000000", "us-east-1"};

json container(const std::string& name, json extra = json::object()) {
    json c = {{"name", name}, {"image", "busybox:latest"}};
    c.update(extra);
    return c;
}

const json k_router = container("log_router", {{"firelensConfiguration", {{"type", "fluentbit"}}}});
const json k_routed =
    container("app", {{"logConfiguration",
                       {{"logDriver", "awsfirelens"},
                        {"options", {{"Name", "http"}}},
                        {"secretOptions", {{{"name", "Host"}, {"valueFrom", "arn:x"}}}}}}});

struct Built {
    TaskSpec spec;
    const ContainerSpec& of(const std::string& name) const {
        return *std::find_if(spec.containers.begin(), spec.containers.end(),
                             [&](const ContainerSpec& c) { return c.name == name; });
    }
};

Built build(json containers, const std::string& network_mode = "bridge",
            const TaskSecrets* secrets = nullptr, const std::string& dir = "/data/firelens") {
    model::Task task;
    task.arn = "arn:aws:ecs:us-east-1:000000000000:task/prod/0123abcd";
    task.id = "0123abcd";
    task.cluster_name = "prod";
    task.family = "web";
    task.revision = 2;
    const json td = {{"family", "web"},
                     {"networkMode", network_mode},
                     {"containerDefinitions", std::move(containers)}};
    const auto definition = model::read_task_definition(td);
    int counter = 0;
    SpecInput in{task,
                 *definition,
                 k_partition,
                 "berth-1",
                 network_mode == "awsvpc" ? "sandbox" : "",
                 [&] { return std::to_string(counter++); },
                 secrets};
    in.firelens_dir = dir;
    return {make_task_spec(in)};
}

TEST(FirelensSpec, TheRouterGetsItsConfigurationAndSocketDirectory) {
    const auto built = build({k_router, k_routed});
    ASSERT_TRUE(built.spec.firelens);
    EXPECT_EQ(built.spec.firelens->dir, "/data/firelens/0123abcd");
    EXPECT_NE(built.spec.firelens->config_text.find("Match app-firelens*"), std::string::npos);
    EXPECT_NE(built.spec.firelens->config_text.find("Host ${Host_app}"), std::string::npos);
    EXPECT_EQ(built.of("log_router").create_body["HostConfig"]["Binds"],
              json({"/data/firelens/0123abcd/config/fluent.conf:/fluent-bit/etc/fluent-bit.conf",
                    "/data/firelens/0123abcd/socket/:/var/run/"}));
}

TEST(FirelensSpec, AFluentdRouterReadsFluentdsPath) {
    json router = k_router;
    router["firelensConfiguration"]["type"] = "fluentd";
    json routed = k_routed;
    routed["logConfiguration"]["options"] = {{"@type", "stdout"}};
    const auto built = build({router, routed});
    EXPECT_EQ(built.of("log_router").create_body["HostConfig"]["Binds"][0],
              "/data/firelens/0123abcd/config/fluent.conf:/fluentd/etc/fluent.conf");
}

TEST(FirelensSpec, ARoutedContainerWritesToTheSocketWithTheAgentsTag) {
    const auto built = build({k_routed, k_router});
    EXPECT_EQ(built.of("app").create_body["HostConfig"]["LogConfig"],
              json({{"Type", "fluentd"},
                    {"Config",
                     {{"fluentd-address", "unix:///data/firelens/0123abcd/socket/fluent.sock"},
                      {"tag", "app-firelens-0123abcd"},
                      {"fluentd-async", "true"},
                      {"fluentd-sub-second-precision", "true"}}}}));
    const auto env = built.of("app").create_body.value("Env", json::array()).dump();
    EXPECT_EQ(env.find("FLUENT_HOST"), std::string::npos) << env;  // awsvpc only
}

TEST(FirelensSpec, TheBufferLimitIsTheDriversNotThePlugins) {
    json routed = k_routed;
    routed["logConfiguration"]["options"]["log-driver-buffer-limit"] = "2097152";
    const auto built = build({k_router, routed});
    EXPECT_EQ(
        built.of("app").create_body["HostConfig"]["LogConfig"]["Config"]["fluentd-buffer-limit"],
        "2097152");
    EXPECT_EQ(built.spec.firelens->config_text.find("buffer-limit"), std::string::npos);
}

TEST(FirelensSpec, UnderAwsvpcFluentHostIsTheSharedLoopback) {
    const auto env = build({k_router, k_routed}, "awsvpc").of("app").create_body["Env"];
    EXPECT_EQ(env, json({"FLUENT_HOST=127.0.0.1", "FLUENT_PORT=24224"}));
}

TEST(FirelensSpec, RoutedContainersStartAfterTheRouter) {
    const auto built = build({k_routed, k_router, container("other")});
    const auto& deps = built.of("app").rules.depends_on;
    ASSERT_EQ(deps.size(), 1u);
    EXPECT_EQ(deps[0].container, "log_router");
    EXPECT_EQ(deps[0].condition, DependencyCondition::start);
    EXPECT_TRUE(built.of("other").rules.depends_on.empty());
    EXPECT_TRUE(built.of("log_router").rules.depends_on.empty());
}

TEST(FirelensSpec, NoDependencyIsAddedWhenTheRouterWaitsOnOthers) {
    json router = k_router;
    router["dependsOn"] = {{{"containerName", "other"}, {"condition", "START"}}};
    const auto built = build({k_routed, router, container("other")});
    EXPECT_TRUE(built.of("app").rules.depends_on.empty());
}

TEST(FirelensSpec, SecretOptionsReachTheRouterAsItsVariables) {
    TaskSecrets secrets;
    secrets.containers["app"].log_options = {{"Host", "logs.example"}};
    const auto built = build({k_router, k_routed}, "bridge", &secrets);
    EXPECT_EQ(built.of("log_router").create_body["Env"], json({"Host_app=logs.example"}));
    EXPECT_EQ(built.spec.firelens->config_text.find("logs.example"), std::string::npos);
}

TEST(FirelensSpec, AwsfirelensWithoutARouterIsRefused) {
    try {
        build(json::array({k_routed}));
        FAIL() << "no error";
    } catch (const SpecError& e) {
        EXPECT_EQ(e.failure(), model::FailureClass::resource_initialization);
        EXPECT_NE(std::string(e.what()).find("no container of the task has a firelens"),
                  std::string::npos);
    }
}

TEST(FirelensSpec, ATaskWithoutARouterHasNoFiles) {
    EXPECT_FALSE(build(json::array({container("app")})).spec.firelens);
}

}  // namespace
}  // namespace berth::runtime

// The environment ECS adds to a task's containers, through make_task_spec as the runtime uses it.
#include "runtime/task_environment.hpp"

#include <gtest/gtest.h>

#include "berth/runtime/task_spec.hpp"

namespace berth::runtime {
namespace {

using nlohmann::json;

model::Task make_task(std::string launch_type, json overrides = json::object()) {
    model::Task t;
    t.arn = "arn:aws:ecs:eu-west-1:000000000000:task/default/0123456789abcdef0123456789abcdef";
    t.id = "0123456789abcdef0123456789abcdef";
    t.cluster_name = "default";
    t.family = "web";
    t.revision = 1;
    t.launch_type = *model::parse<model::LaunchType>(launch_type);
    t.overrides = std::move(overrides);
    return t;
}

TaskEnvironment environment(bool fargate) {
    TaskEnvironment env;
    env.region = "eu-west-1";
    env.fargate = fargate;
    env.metadata_ids = {{"app", "id-app"}};
    env.credentials_id = "cred-1";
    env.aws_endpoint_url = "http://169.254.170.2";
    return env;
}

// The container's Env as a map, failing on a name set twice.
std::map<std::string, std::string> env_of(const json& td, const model::Task& task,
                                          const TaskEnvironment& env) {
    auto definition = model::read_task_definition(td);
    SpecInput in{task,      *definition, {"000000000000", "eu-west-1"},
                 "berth-1", "sandbox",   [] { return std::string("s"); }};
    in.environment = &env;
    auto spec = make_task_spec(in);
    std::map<std::string, std::string> out;
    for (const auto& entry : spec.containers.at(0).create_body["Env"]) {
        auto text = entry.get<std::string>();
        auto eq = text.find('=');
        EXPECT_TRUE(out.emplace(text.substr(0, eq), text.substr(eq + 1)).second) << text;
    }
    return out;
}

json definition(json container_extra = json::object(), json task_extra = json::object()) {
    json c = {{"name", "app"}, {"image", "busybox"}};
    c.update(container_extra);
    json td = {{"family", "web"}, {"containerDefinitions", json::array({c})}};
    td.update(task_extra);
    return td;
}

TEST(TaskEnvironment, SetsWhatEcsSetsOnFargate) {
    auto env =
        env_of(definition(json::object(), {{"taskRoleArn", "arn:aws:iam::000000000000:role/app"}}),
               make_task("FARGATE"), environment(true));
    EXPECT_EQ(env["AWS_REGION"], "eu-west-1");
    EXPECT_EQ(env["AWS_DEFAULT_REGION"], "eu-west-1");
    EXPECT_EQ(env["AWS_EXECUTION_ENV"], "AWS_ECS_FARGATE");
    EXPECT_EQ(env["ECS_CONTAINER_METADATA_URI"], "http://169.254.170.2/v3/id-app");
    EXPECT_EQ(env["ECS_CONTAINER_METADATA_URI_V4"], "http://169.254.170.2/v4/id-app");
    EXPECT_EQ(env["ECS_AGENT_URI"], "http://169.254.170.2/api/id-app");
    EXPECT_EQ(env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], "/v2/credentials/cred-1");
    EXPECT_EQ(env["AWS_ENDPOINT_URL"], "http://169.254.170.2");
}

TEST(TaskEnvironment, NoCredentialsUriWithoutATaskRole) {
    auto env = env_of(definition(), make_task("EC2"), environment(false));
    EXPECT_EQ(env["AWS_EXECUTION_ENV"], "AWS_ECS_EC2");
    EXPECT_FALSE(env.contains("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
    EXPECT_FALSE(env.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
}

TEST(TaskEnvironment, TheOverridesRoleCounts) {
    auto task = make_task("EC2", {{"taskRoleArn", "arn:aws:iam::000000000000:role/other"}});
    auto env = env_of(definition(), task, environment(false));
    EXPECT_EQ(env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], "/v2/credentials/cred-1");
}

TEST(TaskEnvironment, TheDefinitionsOwnValuesWin) {
    json own = {{"environment",
                 {{{"name", "AWS_REGION"}, {"value", "ap-south-1"}},
                  {{"name", "AWS_ENDPOINT_URL"}, {"value", "http://localstack:4566"}}}}};
    auto env = env_of(definition(own), make_task("EC2"), environment(false));
    EXPECT_EQ(env["AWS_REGION"], "ap-south-1");
    EXPECT_EQ(env["AWS_ENDPOINT_URL"], "http://localstack:4566");
    EXPECT_EQ(env["AWS_DEFAULT_REGION"], "eu-west-1");
}

TEST(TaskEnvironment, AContainerOverrideWinsToo) {
    json overrides = {{"containerOverrides",
                       {{{"name", "app"},
                         {"environment", {{{"name", "AWS_EXECUTION_ENV"}, {"value", "mine"}}}}}}}};
    auto env = env_of(definition(), make_task("EC2", overrides), environment(false));
    EXPECT_EQ(env["AWS_EXECUTION_ENV"], "mine");
}

TEST(TaskEnvironment, HostModeGetsAFullCredentialsUriOnTheMainListener) {
    auto te = environment(false);
    te.endpoint_base = "http://127.0.0.1:4566";
    te.full_credentials_uri = true;
    te.aws_endpoint_url = "http://127.0.0.1:4566";
    auto env =
        env_of(definition(json::object(), {{"networkMode", "host"},
                                           {"taskRoleArn", "arn:aws:iam::000000000000:role/app"}}),
               make_task("EC2"), te);
    EXPECT_EQ(env["ECS_CONTAINER_METADATA_URI_V4"], "http://127.0.0.1:4566/v4/id-app");
    EXPECT_EQ(env["AWS_CONTAINER_CREDENTIALS_FULL_URI"],
              "http://127.0.0.1:4566/v2/credentials/cred-1");
    EXPECT_FALSE(env.contains("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
}

TEST(TaskEnvironment, NoEndpointUrlWhenTurnedOff) {
    auto te = environment(false);
    te.aws_endpoint_url.clear();
    auto env = env_of(definition(), make_task("EC2"), te);
    EXPECT_FALSE(env.contains("AWS_ENDPOINT_URL"));
}

TEST(TaskEnvironment, NoneWithoutAnEnvironment) {
    auto definition_body = model::read_task_definition(definition());
    auto task = make_task("EC2");
    SpecInput in{task, *definition_body, {"000000000000", "eu-west-1"}, "berth-1", "", [] {
                     return std::string("s");
                 }};
    EXPECT_EQ(make_task_spec(in).containers.at(0).create_body["Env"], json::array());
}

}  // namespace
}  // namespace berth::runtime

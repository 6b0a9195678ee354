// Secrets on the real engine (issue 10): a task's `secrets` read from the Secrets Manager and
// SSM stores when it starts land in its container's environment before the process starts; a
// secret that cannot be read stops the task with ECS's reason before any container exists.
#include <algorithm>

#include "integration/runtime_support.hpp"
#include "support/secret_stores.hpp"

namespace berth::test {
namespace {

using model::TaskStatus;

class RuntimeSecrets : public RuntimeTest {
  protected:
    model::SecretStore secrets_;
    model::ParameterStore parameters_;

    void start() {
        auto o = options();
        o.secret_sources = {&secrets_, &parameters_};
        start_runtime(o);
    }

    std::string put_secret(const std::string& name, const std::string& value) {
        return test::put_secret(secrets_, key_, name, value);
    }
    void put_parameter(const std::string& name, const std::string& value) {
        test::put_parameter(parameters_, key_, name, value);
    }

    // The Docker containers of a task, by the agent's task-arn label.
    std::size_t containers_of(const std::string& task_arn) {
        docker::ContainerFilter filter;
        filter.labels = {std::string(runtime::label::task_arn) + "=" + task_arn};
        return docker().container_list(filter).size();
    }

    model::Task run_and_fail(json secrets) {
        auto app = busybox_container("app", "sleep 600");
        app["secrets"] = std::move(secrets);
        auto arn = run_task({{"containerDefinitions", {app}}});
        auto t = wait_status(arn, TaskStatus::stopped);
        EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start);
        EXPECT_TRUE(container(t, "app").runtime_id.empty());
        EXPECT_EQ(containers_of(arn), 0u);
        EXPECT_EQ(container(t, "app").reason, t.stopped_reason);  // as every failure path
        return t;
    }
};

constexpr const char* k_prefix =
    "ResourceInitializationError: unable to pull secrets or registry auth: execution resource "
    "retrieval failed: ";

TEST_F(RuntimeSecrets, ValuesAreInTheEnvironmentBeforeTheProcessStarts) {
    start();
    const auto plain = put_secret(unique_name("plain"), "s3cr3t value");
    const auto doc = put_secret(unique_name("doc"), R"({"user":"admin","port":5432})");
    const auto param = "/" + unique_name("app") + "/token";
    put_parameter(param, "tok-1");
    // The process prints what it was started with; sh reads its environment at exec.
    auto app = busybox_container("app", "echo \"$PLAIN|$DB_USER|$DB_PORT|$TOKEN\"; sleep 600");
    app["stopTimeout"] = 1;  // sh as PID 1 ignores SIGTERM
    app["environment"] = {{{"name", "TOKEN"}, {"value", "overridden by the secret"}}};
    app["secrets"] = {{{"name", "PLAIN"}, {"valueFrom", plain}},
                      {{"name", "DB_USER"}, {"valueFrom", doc + ":user::"}},
                      {{"name", "DB_PORT"}, {"valueFrom", doc + ":port::"}},
                      {{"name", "TOKEN"}, {"valueFrom", param}}};
    auto arn = run_task({{"containerDefinitions", {app}}});
    auto t = wait_status(arn, TaskStatus::running);
    const auto id = container(t, "app").runtime_id;
    const auto env = docker().container_inspect(id).raw["Config"]["Env"];
    for (const char* expected :
         {"PLAIN=s3cr3t value", "DB_USER=admin", "DB_PORT=5432", "TOKEN=tok-1"}) {
        EXPECT_NE(std::find(env.begin(), env.end(), expected), env.end()) << expected;
    }
    EXPECT_EQ(
        std::count_if(env.begin(), env.end(),
                      [](const json& e) { return e.get<std::string>().starts_with("TOKEN="); }),
        1);
    std::string printed;
    wait_until(
        [&] {
            printed = docker().container_logs(id).stdout_text();
            return !printed.empty();
        },
        5s);
    EXPECT_EQ(printed, "s3cr3t value|admin|5432|tok-1\n");
    stop_task(arn);
    wait_status(arn, TaskStatus::stopped);
}

TEST_F(RuntimeSecrets, AMissingSecretStopsTheTaskBeforeAnyContainer) {
    start();
    const std::string missing =
        "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + unique_name("gone") + "-AbCdEf";
    auto t = run_and_fail({{{"name", "X"}, {"valueFrom", missing}}});
    EXPECT_EQ(t.stopped_reason,
              std::string(k_prefix) +
                  "unable to retrieve secret from asm: service call has been retried 1 time(s): "
                  "failed to fetch secret " +
                  missing +
                  " from secrets manager: ResourceNotFoundException: Secrets Manager can't find "
                  "the specified secret.");
}

TEST_F(RuntimeSecrets, AMissingJsonKeyOrParameterStopsTheTask) {
    start();
    const auto doc = put_secret(unique_name("doc"), R"({"user":"admin"})");
    auto t = run_and_fail({{{"name", "X"}, {"valueFrom", doc + ":password::"}}});
    EXPECT_EQ(t.stopped_reason,
              std::string(k_prefix) +
                  "unable to retrieve secret from asm: service call has been retried 1 time(s): "
                  "retrieved secret from Secrets Manager did not contain json key password");
    const auto param = "/" + unique_name("absent");
    t = run_and_fail({{{"name", "X"}, {"valueFrom", param}}});
    EXPECT_EQ(t.stopped_reason,
              std::string(k_prefix) +
                  "unable to retrieve secrets from ssm: service call has been retried 1 time(s): "
                  "invalid ssm parameters: " +
                  param);
}

TEST_F(RuntimeSecrets, EnvironmentFilesStopTheTaskNamingTheFile) {
    start();
    auto app = busybox_container("app", "sleep 600");
    app["environmentFiles"] = {{{"value", "arn:aws:s3:::my-bucket/conf/app.env"}, {"type", "s3"}}};
    auto arn = run_task({{"containerDefinitions", {app}}});
    auto t = wait_status(arn, TaskStatus::stopped);
    EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start);
    EXPECT_EQ(t.stopped_reason,
              "ResourceInitializationError: failed to download env files: unable to download env "
              "file with key conf/app.env from bucket my-bucket, error: NoSuchBucket: Berth serves "
              "no S3, so environmentFiles cannot be loaded");
    EXPECT_EQ(containers_of(arn), 0u);
}

}  // namespace
}  // namespace berth::test

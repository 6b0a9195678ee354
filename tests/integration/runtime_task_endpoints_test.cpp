// Inside tasks on the real engine: the runtime gives containers ECS's environment, redirects
// 169.254.170.2 in their network namespace to Berth's listener on their network's gateway
// (app::EdgeListeners serving edge::TaskEndpoints, as berth wires them), samples stats on
// demand, and forgets the task's endpoints once its containers are removed.
#include <gtest/gtest.h>

#include "app/edge_listeners.hpp"
#include "berth/edge/task_endpoints.hpp"
#include "integration/runtime_support.hpp"

namespace berth::test {
namespace {

using model::TaskStatus;

// Prints the task's metadata and credentials, then "END".
const std::string k_probe =
    "sleep 1; wget -q -O - \"$ECS_CONTAINER_METADATA_URI_V4/task\"; echo; "
    "wget -q -O - \"http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI\"; echo; "
    "echo END; sleep 60";
const std::string k_role = "arn:aws:iam::000000000000:role/probe";

class RuntimeTaskEndpoints : public RuntimeTest {
  protected:
    model::TaskEndpointIndex index_;
    model::ContainerStatsStore stats_;
    model::CredentialStore credentials_;
    edge::TaskEndpoints endpoints_{{store_, index_, stats_, credentials_}};
    app::EdgeListeners listeners_{[this](http::Request&& r) {
                                      http::Response not_mine;
                                      not_mine.status = 404;
                                      return edge::TaskEndpoints::serves(r) ? endpoints_.handle(r)
                                                                            : not_mine;
                                  },
                                  0};

    void TearDown() override {
        RuntimeTest::TearDown();
        listeners_.stop();
    }

    void start() {
        auto o = options();
        o.stopped_task_retention = 0s;
        o.task_endpoints.index = &index_;
        o.task_endpoints.stats = &stats_;
        o.task_endpoints.listen_on = [this](const std::string& a) {
            return listeners_.listen_on(a);
        };
        o.task_endpoints.stats_interval = 500ms;
        start_runtime(std::move(o));
    }

    // The probe's two JSON lines, once it printed END.
    std::pair<json, json> probe_output(const model::Task& t) {
        std::string out;
        wait_until(
            [&] {
                out = docker().container_logs(container(t, "probe").runtime_id).stdout_text();
                return out.find("END") != std::string::npos;
            },
            20s);
        auto first = out.find('\n');
        auto second = out.find('\n', first + 1);
        auto parse = [](const std::string& s) { return json::parse(s, nullptr, false); };
        return {parse(out.substr(0, first)), parse(out.substr(first + 1, second - first - 1))};
    }

    void check(const std::string& arn, const std::string& network_mode) {
        auto t = wait_status(arn, TaskStatus::running);
        ASSERT_EQ(t.last_status, TaskStatus::running);
        auto [task, credentials] = probe_output(t);
        ASSERT_TRUE(task.is_object()) << "no metadata reached the container";
        EXPECT_EQ(task["TaskARN"], arn);
        EXPECT_EQ(task["Containers"][0]["DockerId"], container(t, "probe").runtime_id);
        EXPECT_EQ(task["Containers"][0]["Networks"][0]["NetworkMode"], network_mode);
        ASSERT_TRUE(credentials.is_object()) << "no credentials reached the container";
        EXPECT_EQ(credentials["RoleArn"], k_role);
        auto issued =
            credentials_.find(credentials["AccessKeyId"].get<std::string>(), model::Clock::now());
        ASSERT_TRUE(issued);
        EXPECT_EQ(issued->session_token, credentials["Token"]);

        // The environment is in the container as Docker created it.
        auto env =
            docker().container_inspect(container(t, "probe").runtime_id).raw["Config"]["Env"];
        EXPECT_NE(std::find(env.begin(), env.end(), "AWS_REGION=us-east-1"), env.end());

        // Stats are sampled once asked for.
        const auto id = container(t, "probe").runtime_id;
        stats_.want(arn, model::Clock::now());
        ASSERT_TRUE(stats_.wait_for_samples({id}, 10s));
        EXPECT_TRUE(stats_.latest(id)->contains("memory_stats"));

        stop_task(arn);
        wait_task(
            arn, [](const model::Task& t) { return t.resources_released; }, 30s);
        EXPECT_FALSE(index_.by_task_arn(arn)) << "the endpoints outlive the containers";
        EXPECT_FALSE(stats_.latest(id));
    }
};

// The probe, stopped at once (sh ignores SIGTERM).
json probe() {
    auto c = busybox_container("probe", k_probe);
    c["stopTimeout"] = 1;
    c["memory"] = 64;
    return c;
}

TEST_F(RuntimeTaskEndpoints, AwsvpcTaskReachesItsMetadataAndCredentials) {
    start();
    auto arn = run_task({{"networkMode", "awsvpc"},
                         {"requiresCompatibilities", {"FARGATE"}},
                         {"cpu", "256"},
                         {"memory", "512"},
                         {"taskRoleArn", k_role},
                         {"containerDefinitions", {probe()}}},
                        "FARGATE");
    check(arn, "awsvpc");
}

TEST_F(RuntimeTaskEndpoints, BridgeTaskReachesItsMetadataAndCredentials) {
    start();
    auto arn = run_task({{"taskRoleArn", k_role}, {"containerDefinitions", {probe()}}});
    check(arn, "bridge");
}

}  // namespace
}  // namespace berth::test

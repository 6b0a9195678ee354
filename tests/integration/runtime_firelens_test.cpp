// FireLens on the real engine: the router is created with Berth's generated configuration and
// the task's socket directory mounted at fluent-bit's paths, starts before the container that
// logs to awsfirelens, and that container's stdout reaches the router's socket through Docker's
// fluentd driver, tagged as the agent tags it. The router here is a busybox stand-in that shows
// its configuration; the socket is served by a host-side Forward receiver (no fluent-bit on
// Debian), at the path the real router would listen on.
#include <algorithm>
#include <filesystem>

#include "integration/runtime_support.hpp"
#include "integration/support/forward_receiver.hpp"

namespace berth::test {
namespace {

using model::TaskStatus;

// "2026-12-03T06:02:05.12Z" → "2026-12-03T06:02:05.120000000": comparable as text (Docker's
// RFC 3339 drops the fraction's trailing zeros).
std::string comparable_time(const std::string& rfc3339) {
    auto dot = rfc3339.find('.');
    auto end = rfc3339.find_first_of("Z+", dot == std::string::npos ? 0 : dot);
    if (dot == std::string::npos) return rfc3339.substr(0, end) + ".000000000";
    auto fraction = rfc3339.substr(dot + 1, end - dot - 1);
    fraction.resize(9, '0');
    return rfc3339.substr(0, dot) + "." + fraction;
}

class RuntimeFirelens : public RuntimeTest {
  protected:
    // Short: the socket's path must fit a unix socket address.
    std::string dir_ = "/tmp/bfl-" + run_id();

    void SetUp() override {
        RuntimeTest::SetUp();
        auto o = options();
        o.firelens_dir = dir_;
        start_runtime(std::move(o));
    }
    void TearDown() override {
        RuntimeTest::TearDown();
        std::filesystem::remove_all(dir_);
    }

    std::string started_at(const model::Task& t, const std::string& container) {
        for (const auto& c : t.containers) {
            if (c.name == container) {
                return comparable_time(docker().container_inspect(c.runtime_id).state.started_at);
            }
        }
        return {};
    }
};

TEST_F(RuntimeFirelens, AppOutputReachesTheRoutersSocketTaggedAfterTheRouterStarted) {
    auto router = busybox_container(
        "log_router", "cat /fluent-bit/etc/fluent-bit.conf; ls /var/run; exec sleep 600");
    router["firelensConfiguration"] = {{"type", "fluentbit"}};
    // Listed first: only the implicit dependency makes the router start before it.
    auto app = busybox_container("app", "echo line-one; echo line-two; exec sleep 600");
    app["logConfiguration"] = {{"logDriver", "awsfirelens"},
                               {"options", {{"Name", "stdout"}, {"Format", "json_lines"}}}};
    // sleep as PID 1 ignores SIGTERM: a short grace keeps the stop short.
    app["stopTimeout"] = router["stopTimeout"] = 2;
    const auto arn = run_task({{"containerDefinitions", {app, router}}});
    const auto id = task(arn).id;
    ForwardReceiver receiver(dir_ + "/" + id + "/socket/fluent.sock");
    auto t = wait_status(arn, TaskStatus::running, 60s);

    std::vector<ForwardRecord> records;
    ASSERT_TRUE(wait_until(
        [&] {
            records = receiver.records();
            return records.size() >= 2;
        },
        60s, 20ms))
        << "records received: " << records.size() << ", listening: " << receiver.listening();
    for (const auto& r : records) {
        EXPECT_EQ(r.tag, "app-firelens-" + id);
        EXPECT_EQ(r.record.value("source", ""), "stdout") << r.record.dump();
    }
    EXPECT_EQ(records[0].record.value("log", ""), "line-one");
    EXPECT_EQ(records[1].record.value("log", ""), "line-two");

    EXPECT_LT(started_at(t, "log_router"), started_at(t, "app"));
    // The router read the configuration Berth generated, at fluent-bit's path.
    const auto router_id = std::find_if(t.containers.begin(), t.containers.end(), [](auto& c) {
                               return c.name == "log_router";
                           })->runtime_id;
    const auto shown = docker().container_logs(router_id).stdout_text();
    EXPECT_NE(shown.find("unix_path /var/run/fluent.sock"), std::string::npos) << shown;
    EXPECT_NE(shown.find("Match app-firelens*"), std::string::npos) << shown;
    EXPECT_NE(shown.find("Format json_lines"), std::string::npos) << shown;
    EXPECT_NE(shown.find("Record ecs_task_arn " + arn), std::string::npos) << shown;

    stop_task(arn);
    wait_status(arn, TaskStatus::stopped, 60s);
}

TEST_F(RuntimeFirelens, AnS3ConfigurationStopsTheTask) {
    auto router = busybox_container("log_router", "exec sleep 600");
    router["firelensConfiguration"] = {
        {"type", "fluentbit"},
        {"options",
         {{"config-file-type", "s3"}, {"config-file-value", "arn:aws:s3:::bucket/extra.conf"}}}};
    auto app = busybox_container("app", "exec sleep 600");
    app["logConfiguration"] = {{"logDriver", "awsfirelens"}, {"options", {{"Name", "stdout"}}}};
    const auto t =
        wait_status(run_task({{"containerDefinitions", {router, app}}}), TaskStatus::stopped, 60s);
    EXPECT_NE(t.stopped_reason.find("ResourceInitializationError"), std::string::npos)
        << t.stopped_reason;
    EXPECT_NE(t.stopped_reason.find("Berth serves no S3"), std::string::npos) << t.stopped_reason;
}

}  // namespace
}  // namespace berth::test

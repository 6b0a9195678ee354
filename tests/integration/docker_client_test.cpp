// The docker module's Client against the real engine: negotiation, engine info, the container
// lifecycle, logs, and the error kinds callers rely on.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "integration/support/docker_fixture.hpp"
#include "unit/docker/expect_error.hpp"

namespace berth::test {
namespace {

using namespace std::chrono_literals;
using docker::DockerError;
using docker::ErrorKind;

class DockerClientTest : public DockerTest {};

TEST_F(DockerClientTest, NegotiatesTheEnginesVersionCappedAtOurs) {
    EXPECT_FALSE(docker().api_version());
    const auto chosen = docker().negotiate();
    const auto engine = docker().version();
    const auto engine_max = docker::parse_api_version(engine.api_version);
    ASSERT_TRUE(engine_max) << engine.api_version;
    EXPECT_EQ(chosen, std::min(*engine_max, docker::k_max_api_version));
    EXPECT_EQ(docker().api_version(), chosen);
    EXPECT_FALSE(engine.version.empty());
    EXPECT_EQ(engine.os, "linux");
}

TEST_F(DockerClientTest, FirstCallNegotiatesByItself) {
    docker().ping();
    const auto info = docker().info();
    EXPECT_TRUE(docker().api_version());
    EXPECT_GT(info.ncpu, 0);
    EXPECT_GT(info.mem_total, 0);
    EXPECT_FALSE(info.server_version.empty());
    EXPECT_FALSE(info.operating_system.empty());
    EXPECT_EQ(info.server_version, docker().version().version);
}

TEST_F(DockerClientTest, ContainerLifecycleWithLabelsAndLogs) {
    const auto name = unique_name("life");
    const auto id = docker().container_create(
        name, busybox_spec({"sh", "-c",
                            "echo out-line; echo err-line >&2; trap 'exit 0' TERM; "
                            "while true; do sleep 0.1; done"},
                           {{"com.example.role", "lifecycle"}}));
    ASSERT_FALSE(id.empty());

    auto created = docker().container_inspect(name);  // by name works too
    EXPECT_EQ(created.id, id);
    EXPECT_EQ(created.name, name);
    EXPECT_EQ(created.state.status, "created");
    EXPECT_EQ(created.image, k_busybox_image);
    EXPECT_EQ(created.labels.at("com.example.role"), "lifecycle");
    EXPECT_EQ(created.labels.at(k_test_label), run_id());

    docker().container_start(id);
    docker().container_start(id);  // already started: not an error
    const auto running = docker().container_inspect(id);
    EXPECT_TRUE(running.state.running);
    EXPECT_GT(running.state.pid, 0);

    docker::LogOutput logs;
    ASSERT_TRUE(wait_until(
        [&] {
            logs = docker().container_logs(id);
            return logs.stderr_text() == "err-line\n" && logs.stdout_text() == "out-line\n";
        },
        5s))
        << "stdout: " << logs.stdout_text() << " stderr: " << logs.stderr_text();
    EXPECT_EQ(docker().container_logs(id, {.err = false}).stderr_text(), "");

    const auto listed = docker().container_list({.labels = {test_label_filter()}});
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].id, id);
    EXPECT_EQ(listed[0].state, "running");
    EXPECT_EQ(listed[0].names.at(0), name);

    // The trap turns SIGTERM into exit 0, long before the 10 s grace period ends.
    const auto before = std::chrono::steady_clock::now();
    docker().container_stop(id, 10);
    EXPECT_LT(std::chrono::steady_clock::now() - before, 5s);
    docker().container_stop(id, 10);  // already stopped: not an error
    const auto exited = docker().container_inspect(id);
    EXPECT_FALSE(exited.state.running);
    EXPECT_EQ(exited.state.status, "exited");
    EXPECT_EQ(exited.state.exit_code, 0);

    docker().container_remove(id);
    expect_error(ErrorKind::not_found, [&] { docker().container_inspect(id); });
    EXPECT_TRUE(docker().container_list({.labels = {test_label_filter()}}).empty());
}

TEST_F(DockerClientTest, StopKillsAContainerThatIgnoresSigterm) {
    const auto id = docker().container_create(
        unique_name("stubborn"),
        busybox_spec({"sh", "-c", "trap '' TERM; while true; do sleep 0.1; done"}));
    docker().container_start(id);
    const auto before = std::chrono::steady_clock::now();
    docker().container_stop(id, 1);
    const auto took = std::chrono::steady_clock::now() - before;
    EXPECT_GE(took, 900ms);
    EXPECT_LT(took, 10s);
    EXPECT_EQ(docker().container_inspect(id).state.exit_code, 137);
}

TEST_F(DockerClientTest, WaitReturnsTheExitCode) {
    const auto id =
        docker().container_create(unique_name("wait"), busybox_spec({"sh", "-c", "exit 42"}));
    docker().container_start(id);
    EXPECT_EQ(docker().container_wait(id, 30s), 42);
}

TEST_F(DockerClientTest, LogsOfATtyContainerAreItsRawOutput) {
    auto spec = busybox_spec({"sh", "-c", "echo tty-out; echo tty-err >&2"});
    spec["Tty"] = true;
    const auto id = docker().container_create(unique_name("tty"), spec);
    docker().container_start(id);
    ASSERT_EQ(docker().container_wait(id, 30s), 0);
    const auto logs = docker().container_logs(id);
    EXPECT_NE(logs.stdout_text().find("tty-out"), std::string::npos) << logs.stdout_text();
    EXPECT_NE(logs.stdout_text().find("tty-err"), std::string::npos) << logs.stdout_text();
    EXPECT_EQ(logs.stderr_text(), "");
}

TEST_F(DockerClientTest, LogsTail) {
    const auto id = docker().container_create(
        unique_name("tail"),
        busybox_spec({"sh", "-c", "for i in 1 2 3 4 5; do echo line$i; done"}));
    docker().container_start(id);
    ASSERT_EQ(docker().container_wait(id, 30s), 0);
    EXPECT_EQ(docker().container_logs(id, {.tail = 2}).stdout_text(), "line4\nline5\n");
    const auto stamped = docker().container_logs(id, {.tail = 1, .timestamps = true}).stdout_text();
    EXPECT_TRUE(stamped.ends_with(" line5\n")) << stamped;
    EXPECT_EQ(stamped.find("20"), 0u) << stamped;  // RFC 3339 year first
}

TEST_F(DockerClientTest, MissingContainerIsNotFound) {
    const auto e = expect_error(ErrorKind::not_found,
                                [&] { docker().container_inspect(unique_name("missing")); });
    EXPECT_EQ(e.http_status(), 404);
    EXPECT_FALSE(e.retryable());
    EXPECT_NE(std::string(e.what()).find("No such container"), std::string::npos) << e.what();
    expect_error(ErrorKind::not_found, [&] { docker().container_start(unique_name("missing")); });
    expect_error(ErrorKind::not_found,
                 [&] { docker().container_remove(unique_name("missing"), true); });
}

TEST_F(DockerClientTest, MissingImageIsNotFoundAtCreate) {
    auto spec = busybox_spec({"true"});
    spec["Image"] = "berth-test/no-such-image:never";
    expect_error(ErrorKind::not_found,
                 [&] { docker().container_create(unique_name("noimg"), spec); });
}

TEST_F(DockerClientTest, NameInUseIsAConflict) {
    const auto name = unique_name("dup");
    docker().container_create(name, busybox_spec({"true"}));
    const auto e = expect_error(ErrorKind::conflict,
                                [&] { docker().container_create(name, busybox_spec({"true"})); });
    EXPECT_EQ(e.http_status(), 409);
}

TEST_F(DockerClientTest, KillingAStoppedContainerIsAConflict) {
    const auto id = docker().container_create(unique_name("kill"), busybox_spec({"true"}));
    expect_error(ErrorKind::conflict, [&] { docker().container_kill(id); });
}

TEST_F(DockerClientTest, RemovingARunningContainerNeedsForce) {
    const auto id = docker().container_create(unique_name("rm"), busybox_spec({"sleep", "60"}));
    docker().container_start(id);
    expect_error(ErrorKind::conflict, [&] { docker().container_remove(id); });
    docker().container_remove(id, true);
    expect_error(ErrorKind::not_found, [&] { docker().container_inspect(id); });
}

TEST_F(DockerClientTest, StatsOfARunningContainer) {
    const auto id = docker().container_create(unique_name("stats"), busybox_spec({"sleep", "60"}));
    docker().container_start(id);
    const auto stats = docker().container_stats(id);
    EXPECT_TRUE(stats.contains("memory_stats")) << stats.dump();
    EXPECT_TRUE(stats.contains("cpu_stats")) << stats.dump();
}

TEST_F(DockerClientTest, ACallThatOutlivesItsTimeoutIsATimeout) {
    const auto id = docker().container_create(unique_name("slow"), busybox_spec({"sleep", "600"}));
    docker().container_start(id);
    const auto before = std::chrono::steady_clock::now();
    const auto e = expect_error(ErrorKind::timeout, [&] { docker().container_wait(id, 300ms); });
    EXPECT_LT(std::chrono::steady_clock::now() - before, 3s);
    EXPECT_TRUE(e.retryable());
    EXPECT_TRUE(docker().container_inspect(id).state.running);  // the client still works
}

TEST_F(DockerClientTest, ConcurrentCallsFromManyThreads) {
    const auto id =
        docker().container_create(unique_name("shared"), busybox_spec({"sleep", "600"}));
    docker().container_start(id);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                try {
                    if (docker().container_inspect(id).id != id) ++failures;
                    if (docker().container_list({.labels = {test_label_filter()}}).size() != 1) {
                        ++failures;
                    }
                } catch (const DockerError&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures, 0);
}

TEST(DockerClientUnreachable, MissingSocketIsUnreachableAndNamesTheSocket) {
    docker::Client client("unix:///tmp/berth-it-no-such-dir/docker.sock");
    for (auto call :
         {+[](docker::Client& c) { c.ping(); }, +[](docker::Client& c) { c.container_list(); },
          +[](docker::Client& c) { c.negotiate(); }}) {
        try {
            call(client);
            ADD_FAILURE() << "expected DockerError";
        } catch (const DockerError& e) {
            EXPECT_EQ(e.kind(), ErrorKind::unreachable) << e.what();
            EXPECT_TRUE(e.retryable());
            EXPECT_EQ(e.http_status(), 0);
            EXPECT_NE(std::string(e.what()).find("/tmp/berth-it-no-such-dir/docker.sock"),
                      std::string::npos)
                << e.what();
        }
    }
    EXPECT_FALSE(client.api_version());
}

TEST(DockerClientUnreachable, SocketThatRefusesIsUnreachable) {
    // A bound socket that never listens: connect() is refused, as after an engine crash.
    const auto path = "/tmp/" + unique_name("refused") + ".sock";
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    docker::Client client("unix://" + path);
    try {
        client.ping();
        ADD_FAILURE() << "expected DockerError";
    } catch (const DockerError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::unreachable) << e.what();
    }
    ::close(fd);
    ::unlink(path.c_str());
}

}  // namespace
}  // namespace berth::test

#pragma once
// What the runtime's integration tests share: a Store with a cluster, a Runtime driving the real
// engine, task definitions and tasks written straight into the Store (as the API handlers
// would), waits on the task's state, and a plain TCP/HTTP client to reach what tasks serve.
// Header-only: tests/CMakeLists.txt compiles only *_test.cpp files.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "berth/model/arn.hpp"
#include "berth/model/store.hpp"
#include "berth/model/task_factory.hpp"
#include "berth/runtime/runtime.hpp"
#include "berth/runtime/task_spec.hpp"
#include "integration/support/docker_fixture.hpp"

namespace berth::test {

using nlohmann::json;
using namespace std::chrono_literals;

// GET / from host:port; the whole response ("" when nothing answers).
inline std::string http_get(const std::string& host, int port,
                            std::chrono::milliseconds timeout = 2s) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return {};
    timeval tv{static_cast<time_t>(timeout.count() / 1000),
               static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    std::string response;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        const std::string request = "GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n";
        if (::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
            char buf[4096];
            ssize_t n;
            while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0)
                response.append(buf, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return response;
}

// Whether GET / from host:port answers with httpd's page within `timeout`. A task is RUNNING
// once its containers have started, before the server in them listens: under load that can
// take seconds, so what a task serves is polled for, not read once.
inline bool serves_httpd_page(const std::string& host, int port,
                              std::chrono::milliseconds timeout = 30s) {
    return wait_until(
        [&] { return http_get(host, port).find("It works!") != std::string::npos; }, timeout,
        50ms);
}

// A TCP port nothing listens on right now.
inline int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

// A container definition of the busybox test image running `cmd` through sh, labelled so the
// fixture removes whatever a failed test leaves.
inline json busybox_container(const std::string& name, const std::string& cmd) {
    return {{"name", name},
            {"image", k_busybox_image},
            {"command", {"sh", "-c", cmd}},
            {"essential", true},
            {"dockerLabels", {{k_test_label, run_id()}}}};
}

inline json httpd_container(const std::string& name = "web") {
    return {{"name", name},
            {"image", k_httpd_image},
            {"essential", true},
            {"portMappings", {{{"containerPort", 80}, {"hostPort", 0}, {"protocol", "tcp"}}}},
            {"dockerLabels", {{k_test_label, run_id()}}}};
}

class RuntimeTest : public DockerTest {
  protected:
    const model::PartitionKey key_{"000000000000", "us-east-1"};
    model::Store store_;
    std::unique_ptr<runtime::Runtime> runtime_;
    std::string instance_id_;

    void SetUp() override {
        DockerTest::SetUp();
        store_.write(key_, [&](model::Partition& p) {
            auto& c = p.clusters["default"];
            c.name = "default";
            c.arn = model::cluster_arn(key_, "default");
            c.seq = p.take_seq();
        });
    }

    void TearDown() override {
        if (runtime_) {
            runtime_->stop();
            // stop() leaves nothing of this Berth behind.
            docker::ContainerFilter mine;
            mine.labels = {std::string(runtime::label::instance) + "=" + instance_id_};
            EXPECT_TRUE(docker().container_list(mine).empty()) << "containers left behind";
            EXPECT_TRUE(docker().volume_list(mine.labels).empty()) << "volumes left behind";
        }
        DockerTest::TearDown();
    }

    runtime::RuntimeOptions options() {
        runtime::RuntimeOptions o;
        o.instance_id = unique_name("rt");
        o.tick = 200ms;
        o.shutdown_stop_timeout = 2s;
        return o;
    }

    void start_runtime(runtime::RuntimeOptions o) {
        instance_id_ = o.instance_id;
        runtime_ = std::make_unique<runtime::Runtime>(store_, std::move(o));
        runtime_->start();
    }
    void start_runtime() { start_runtime(options()); }

    // Registers `doc` (containerDefinitions, networkMode, ...) as a new revision of a family.
    model::TaskDefinition register_definition(json doc) {
        const auto family = unique_name("fam");
        doc["family"] = family;
        return store_.write(key_, [&](model::Partition& p) {
            auto& revisions = p.task_definitions[family];
            model::TaskDefinition td;
            td.family = family;
            td.revision = static_cast<int>(revisions.size()) + 1;
            td.arn = model::task_definition_arn(key_, family, td.revision);
            doc["revision"] = td.revision;
            doc["taskDefinitionArn"] = td.arn;
            td.body = model::read_task_definition(doc);
            td.registered_at = model::Clock::now();
            td.seq = p.take_seq();
            revisions.push_back(td);
            return td;
        });
    }

    // The container instance the runtime registered for the (first) engine in "default".
    std::string container_instance() {
        std::string arn;
        wait_until(
            [&] {
                arn = store_.read(key_, [](const model::Partition& p) {
                    for (const auto& [a, ci] : p.container_instances) {
                        if (ci.cluster_name == "default" && ci.auto_registered) return a;
                    }
                    return std::string();
                });
                return !arn.empty();
            },
            5s);
        return arn;
    }

    // Writes a task as RunTask does and returns its ARN.
    std::string run_task(json doc, const std::string& launch_type = "EC2", json overrides = {}) {
        auto td = register_definition(std::move(doc));
        model::TaskLaunch launch;
        launch.launch_type = *model::parse<model::LaunchType>(launch_type);
        launch.overrides = overrides;
        launch.now = model::Clock::now();
        if (launch_type == "FARGATE" || model::network_mode_of(td) == "awsvpc") {
            launch.network_configuration = model::read_network_configuration(
                {{"awsvpcConfiguration", {{"subnets", {"subnet-0123456789abcdef0"}}}}});
        }
        if (launch_type != "FARGATE") launch.container_instance_arn = container_instance();
        return store_.write(key_, [&](model::Partition& p) {
            auto task = model::make_task(key_, p.clusters.at("default"), td, launch);
            task.seq = p.take_seq();
            auto arn = task.arn;
            p.tasks.emplace(arn, std::move(task));
            return arn;
        });
    }

    model::Task task(const std::string& arn) {
        return store_.read(key_, [&](const model::Partition& p) { return p.tasks.at(arn); });
    }

    // Waits (bounded) until `pred(task)` holds; returns the task as last seen.
    model::Task wait_task(const std::string& arn,
                          const std::function<bool(const model::Task&)>& pred,
                          std::chrono::milliseconds timeout = 20s) {
        model::Task t;
        wait_until(
            [&] {
                t = task(arn);
                return pred(t);
            },
            timeout, 10ms);
        return t;
    }

    model::Task wait_status(const std::string& arn, model::TaskStatus status,
                            std::chrono::milliseconds timeout = 20s) {
        auto t = wait_task(
            arn, [&](const model::Task& t) { return t.last_status == status; }, timeout);
        EXPECT_EQ(model::to_string(t.last_status), model::to_string(status))
            << "stopCode=" << model::to_string(t.stop_code)
            << " stoppedReason=" << t.stopped_reason;
        return t;
    }

    void stop_task(const std::string& arn, const std::string& reason = "test") {
        store_.write(key_, [&](model::Partition& p) {
            auto& t = p.tasks.at(arn);
            t.desired_status = model::TaskStatus::stopped;
            t.stop_code = model::StopCode::user_initiated;
            t.stopped_reason = reason;
        });
    }

    static const model::TaskContainer& container(const model::Task& t, const std::string& name) {
        for (const auto& c : t.containers) {
            if (c.name == name) return c;
        }
        throw std::out_of_range("no container " + name);
    }

    static std::string detail(const model::Task& t, const std::string& name) {
        for (const auto& a : t.attachments) {
            for (const auto& d : a.value("details", json::array())) {
                if (d.value("name", "") == name) return d.value("value", "");
            }
        }
        return {};
    }
};

}  // namespace berth::test

#pragma once
// What every integration test that touches Docker needs: an engine, the test images, names that
// never collide with another run, labels that let a test remove everything it created, and a
// bounded wait. Header-only, because tests/CMakeLists.txt compiles only *_test.cpp files.
//
//   berth::test::ensure_docker_ready();              // once per process, throws on failure
//   auto name = berth::test::unique_name("web");     // berth-it-web-4242-a1b2-3
//   spec["Labels"] = berth::test::test_labels();     // {"org.berth.test": "<run id>"}
//   berth::test::remove_test_resources(client);      // everything labelled with this run id
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "berth/docker/client.hpp"
#include "support/source_paths.hpp"

namespace berth::test {

inline constexpr const char* k_busybox_image = "berth-test/busybox:latest";
inline constexpr const char* k_httpd_image = "public.ecr.aws/docker/library/httpd:latest";
// Every container, network and volume a test creates carries this label, valued run_id().
inline constexpr const char* k_test_label = "org.berth.test";

// Unique to this test process: "<pid>-<random hex>".
inline const std::string& run_id() {
    static const std::string id = [] {
        std::random_device rd;
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "%04x", static_cast<unsigned>(rd() & 0xFFFF));
        return std::to_string(::getpid()) + "-" + suffix;
    }();
    return id;
}

// "berth-it-<prefix>-<run id>-<n>": valid as a container, network and volume name.
inline std::string unique_name(std::string_view prefix) {
    static std::atomic<int> counter{0};
    return "berth-it-" + std::string(prefix) + "-" + run_id() + "-" + std::to_string(++counter);
}

inline docker::Labels test_labels() {
    return {{k_test_label, run_id()}};
}

// The label filter matching everything this process created.
inline std::string test_label_filter() {
    return std::string(k_test_label) + "=" + run_id();
}

// Runs docker/engine.sh then docker/test-images.sh, once per process. Throws
// std::runtime_error (with the script's name) when either fails, then and on every later call.
inline void ensure_docker_ready() {
    static std::once_flag once;
    static std::string failure;
    std::call_once(once, [] {
        for (const char* script : {"docker/engine.sh", "docker/test-images.sh"}) {
            const std::string command = std::string(test_paths::source_dir()) + "/" + script;
            if (std::system(command.c_str()) != 0) {
                failure = command + " failed; see its output above";
                return;
            }
        }
    });
    if (!failure.empty()) throw std::runtime_error(failure);
}

// Force-removes the containers (with their anonymous volumes), then the networks and volumes
// labelled with this run id. Errors on single resources are ignored so one stuck resource does
// not leave the rest behind.
inline void remove_test_resources(docker::Client& client) {
    const auto filter = test_label_filter();
    for (const auto& c : client.container_list({.labels = {filter}})) {
        try {
            client.container_remove(c.id, true, true);
        } catch (const docker::DockerError&) {
        }
    }
    for (const auto& n : client.network_list({filter})) {
        try {
            client.network_remove(n.id);
        } catch (const docker::DockerError&) {
        }
    }
    for (const auto& v : client.volume_list({filter})) {
        try {
            client.volume_remove(v, true);
        } catch (const docker::DockerError&) {
        }
    }
}

// Polls `done` every `interval` until it returns true or `timeout` passes; returns its last
// answer.
template <class Pred>
bool wait_until(Pred&& done, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval = std::chrono::milliseconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) return done();
        std::this_thread::sleep_for(interval);
    }
    return true;
}

// A create body for a busybox container running `cmd`, labelled for cleanup, with no network
// (fast to start, and independent of the host's bridge).
inline docker::Json busybox_spec(const std::vector<std::string>& cmd,
                                 const docker::Labels& extra_labels = {}) {
    auto labels = test_labels();
    labels.insert(extra_labels.begin(), extra_labels.end());
    return {{"Image", k_busybox_image},
            {"Cmd", cmd},
            {"Labels", labels},
            {"HostConfig", {{"NetworkMode", "none"}}}};
}

}  // namespace berth::test

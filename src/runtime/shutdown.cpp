#include "shutdown.hpp"

#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "berth/runtime/task_spec.hpp"

namespace berth::runtime {

namespace {

template <class F>
void quietly(const char* what, F&& f) {
    try {
        f();
    } catch (const docker::DockerError& e) {
        if (!e.is_not_found()) spdlog::debug("shutdown: {}: {}", what, e.what());
    }
}

bool is_sandbox(const docker::ContainerSummary& c) {
    auto role = c.labels.find(label::role);
    return role != c.labels.end() && role->second == "sandbox";
}

}  // namespace

void remove_containers(docker::Client& client,
                       const std::vector<docker::ContainerSummary>& containers,
                       std::chrono::seconds stop_timeout) {
    std::vector<std::thread> stoppers;
    for (const auto& c : containers) {
        if (is_sandbox(c)) continue;
        stoppers.emplace_back([&client, &c, stop_timeout] {
            if (c.state == "running") {
                quietly("stop", [&] {
                    client.container_stop(c.id, static_cast<int>(stop_timeout.count()));
                });
            }
            quietly("remove", [&] { client.container_remove(c.id, true, true); });
        });
    }
    for (auto& t : stoppers) t.join();
    for (const auto& c : containers) {
        if (is_sandbox(c)) quietly("remove", [&] { client.container_remove(c.id, true, true); });
    }
}

void remove_everything(Engine& engine, const std::string& instance_id,
                       std::chrono::seconds stop_timeout, const std::string& awsvpc_network) {
    auto& client = engine.client();
    const std::string mine = std::string(label::instance) + "=" + instance_id;
    docker::ContainerFilter filter;
    filter.labels = {mine};
    std::vector<docker::ContainerSummary> containers;
    try {
        containers = client.container_list(filter);
    } catch (const docker::DockerError& e) {
        spdlog::warn("docker engine {}: cannot clean up: {}", engine.host(), e.what());
        return;
    }
    remove_containers(client, containers, stop_timeout);
    quietly("volumes", [&] {
        for (const auto& v : client.volume_list({mine})) {
            quietly("volume", [&] { client.volume_remove(v, true); });
        }
    });
    quietly("network", [&] {
        auto network = client.network_inspect(awsvpc_network);
        if (!network) return;
        auto owner = network->labels.find(label::instance);
        bool ours = owner != network->labels.end() && owner->second == instance_id;
        bool empty = network->raw.value("Containers", nlohmann::json::object()).empty();
        if (ours && empty) client.network_remove(awsvpc_network);
    });
    if (!containers.empty()) {
        spdlog::info("docker engine {}: removed {} containers", engine.host(), containers.size());
    }
}

}  // namespace berth::runtime

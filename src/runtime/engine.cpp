#include "engine.hpp"

#include <spdlog/spdlog.h>

namespace berth::runtime {

Engine::Engine(const std::string& host) : host_(host), client_(host) {
    facts_.host = host;
}

EngineFacts Engine::facts() const {
    std::lock_guard lock(mutex_);
    auto f = facts_;
    f.reachable = reachable_;
    return f;
}

void Engine::set_reachable(bool reachable) {
    if (reachable_.exchange(reachable) == reachable) return;
    if (reachable) {
        spdlog::info("docker engine {} is reachable", host_);
    } else {
        spdlog::warn("docker engine {} is unreachable", host_);
        // A restarted engine may have lost its networks and images.
        std::lock_guard lock(setup_mutex_);
        network_ready = pause_ready = false;
    }
}

bool Engine::refresh() {
    try {
        auto api = client_.negotiate();
        auto info = client_.info();
        {
            std::lock_guard lock(mutex_);
            facts_.known = true;
            facts_.ncpu = info.ncpu;
            facts_.mem_total = info.mem_total;
            facts_.server_version = info.server_version;
            facts_.api_version = api.str();
            facts_.architecture = info.architecture;
            facts_.os_type = info.os_type.empty() ? "linux" : info.os_type;
        }
        set_reachable(true);
        return true;
    } catch (const docker::DockerError& e) {
        spdlog::debug("docker engine {}: {}", host_, e.what());
        set_reachable(false);
        return false;
    }
}

Engines::Engines(const std::vector<std::string>& hosts) {
    for (const auto& h : hosts) engines_.push_back(std::make_unique<Engine>(h));
    if (engines_.empty()) engines_.push_back(std::make_unique<Engine>(docker::k_default_host));
}

Engine& Engines::for_host(const std::string& host) {
    for (auto& e : engines_) {
        if (e->host() == host) return *e;
    }
    return first();
}

std::vector<Engine*> Engines::all() {
    std::vector<Engine*> out;
    for (auto& e : engines_) out.push_back(e.get());
    return out;
}

std::vector<EngineFacts> Engines::facts() const {
    std::vector<EngineFacts> out;
    for (const auto& e : engines_) out.push_back(e->facts());
    return out;
}

}  // namespace berth::runtime

#include "engine.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace berth::runtime {

Engine::Engine(const std::string& host, std::vector<std::string> gpu_ids, char zone)
    : host_(host), client_(host), configured_gpus_(std::move(gpu_ids)) {
    facts_.host = host;
    facts_.zone = zone;
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
            const bool nvidia = std::find(info.runtimes.begin(), info.runtimes.end(), "nvidia") !=
                                info.runtimes.end();
            facts_.gpu_ids = nvidia ? configured_gpus_ : std::vector<std::string>{};
            if (!nvidia && !configured_gpus_.empty() && !gpu_warned_) {
                gpu_warned_ = true;
                spdlog::warn(
                    "docker engine {} lists no nvidia runtime: its --gpus are not "
                    "registered, and GPU tasks are not placed there",
                    host_);
            }
        }
        set_reachable(true);
        return true;
    } catch (const docker::DockerError& e) {
        spdlog::debug("docker engine {}: {}", host_, e.what());
        set_reachable(false);
        return false;
    }
}

Engines::Engines(const std::vector<std::string>& hosts,
                 const std::map<std::string, std::vector<std::string>>& gpus,
                 const std::map<std::string, char>& zones) {
    for (const auto& h : hosts) {
        auto given = gpus.find(h);
        auto zone = zones.find(h);
        engines_.push_back(std::make_unique<Engine>(
            h, given == gpus.end() ? std::vector<std::string>{} : given->second,
            zone == zones.end() ? default_zone(engines_.size()) : zone->second));
    }
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

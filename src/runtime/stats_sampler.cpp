#include "stats_sampler.hpp"

#include <set>
#include <vector>

#include <spdlog/spdlog.h>

namespace berth::runtime {

namespace {

constexpr docker::Timeout k_stats_timeout{5000};

struct Due {
    std::string docker_host;
    std::string docker_id;
};

std::vector<Due> running_containers(const model::Store& store,
                                    const std::vector<std::string>& task_arns) {
    const std::set<std::string> wanted(task_arns.begin(), task_arns.end());
    std::vector<Due> due;
    store.read_all([&](const model::Partition& p) {
        for (const auto& arn : wanted) {
            auto it = p.tasks.find(arn);
            if (it == p.tasks.end()) continue;
            for (const auto& c : it->second.containers) {
                if (c.known_status == model::ContainerStatus::running && !c.runtime_id.empty()) {
                    due.push_back({docker_host_of(p, it->second), c.runtime_id});
                }
            }
        }
    });
    return due;
}

}  // namespace

void StatsSampler::start() {
    if (!ctx_.options.task_endpoints.stats || running_) return;
    running_ = true;
    thread_ = std::thread([this] { loop(); });
}

void StatsSampler::stop() {
    if (!running_.exchange(false)) return;
    ctx_.options.task_endpoints.stats->wake();
    if (thread_.joinable()) thread_.join();
}

void StatsSampler::loop() {
    auto& stats = *ctx_.options.task_endpoints.stats;
    while (running_) {
        stats.wait_for_demand(ctx_.options.task_endpoints.stats_interval);
        if (!running_) break;
        try {
            sample_once();
        } catch (const std::exception& e) {
            spdlog::warn("stats sampler: {}", e.what());
        }
    }
}

void StatsSampler::sample_once() {
    const auto& opts = ctx_.options.task_endpoints;
    auto wanted = opts.stats->wanted_since(model::Clock::now() - opts.stats_demand_window);
    if (wanted.empty()) return;
    for (const auto& due : running_containers(ctx_.store, wanted)) {
        if (!running_) return;
        try {
            auto sample = ctx_.engines.for_host(due.docker_host)
                              .client()
                              .container_stats(due.docker_id, k_stats_timeout);
            opts.stats->put(due.docker_id, std::move(sample));
        } catch (const docker::DockerError& e) {
            spdlog::debug("stats of {}: {}", due.docker_id.substr(0, 12), e.what());
        }
    }
}

}  // namespace berth::runtime

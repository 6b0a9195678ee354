#pragma once
// Samples Docker's stats (one GET /containers/{id}/stats?stream=false per container) for the
// running containers of the tasks whose stats endpoint was asked for in the last
// stats_demand_window, every stats_interval, and at once when a task is first asked for. The
// samples go into the ContainerStatsStore, where the edge reads them. One thread; Docker is
// called with no lock held. Tasks nobody asks about cost nothing.
#include <atomic>
#include <string>
#include <thread>

#include "context.hpp"

namespace berth::runtime {

class StatsSampler {
  public:
    explicit StatsSampler(Context& ctx) : ctx_(ctx) {}
    ~StatsSampler() { stop(); }
    StatsSampler(const StatsSampler&) = delete;
    StatsSampler& operator=(const StatsSampler&) = delete;

    void start();  // no-op when the options have no stats store
    void stop();

  private:
    void loop();
    void sample_once();

    Context& ctx_;
    std::atomic<bool> running_{false};
    std::thread thread_;
};

}  // namespace berth::runtime

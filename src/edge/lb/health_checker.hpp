#pragma once
// Health checks as each target group configures them, for every target of a group that a
// listener or rule forwards to: one probe per target per interval (the first right after
// registration), its outcome fed to the target's HealthTrack, and the verdict written to the
// store (state, reason, description) when it changes. Probes run on the io_context; the
// checker's own lock guards its tracks and is never held across a probe or a store call.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/io_context.hpp>

#include "berth/model/load_balancers.hpp"
#include "health_state.hpp"
#include "router.hpp"

namespace berth::edge::lb {

class HealthChecker {
  public:
    HealthChecker(asio::io_context& ioc, model::LoadBalancerStore& store, Router& router);

    // Starts the probes that are due in `snapshot` and forgets targets that have gone.
    void tick(const model::LoadBalancerSnapshot& snapshot);

  private:
    struct Slot {
        HealthTrack track;
        std::chrono::steady_clock::time_point next_at{};
        bool in_flight = false;
        bool seen = false;  // in the last tick's snapshot
    };
    struct Job {
        model::PartitionKey partition;
        std::string group_arn, target_id, key;
        int port = 0;
        Endpoint endpoint;
        model::TargetHealth current;
        HealthThresholds thresholds;
    };
    void run(Job job, CheckOutcome outcome);

    asio::io_context& ioc_;
    model::LoadBalancerStore& store_;
    Router& router_;
    std::mutex mutex_;
    std::map<std::string, Slot> slots_;
};

// The store's health for a track's verdict.
model::TargetHealth health_of(const HealthTrack& track);

}  // namespace berth::edge::lb

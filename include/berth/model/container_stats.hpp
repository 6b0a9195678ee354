#pragma once
// The latest Docker stats sample of each container whose task's stats were asked for, beside
// the Store with a lock of its own: the samples are Docker's JSON as is (a few KiB each), which
// the Store's lock should never copy. The edge says which tasks are wanted (want) and reads the
// samples; the runtime's sampler reads what is wanted and writes samples (put).
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"

namespace berth::model {

class ContainerStatsStore {
  public:
    // A task's stats were asked for at `now`: the sampler samples its containers for a while.
    void want(const std::string& task_arn, TimePoint now);
    // The tasks asked for at or after `since`; forgets those asked for before it.
    std::vector<std::string> wanted_since(TimePoint since);
    // Blocks the sampler until a task is wanted that has no sample yet, or `timeout` passes.
    void wait_for_demand(std::chrono::milliseconds timeout);
    // Ends the sampler's wait at once (it is stopping).
    void wake();

    void put(const std::string& docker_id, nlohmann::json sample);
    // nullopt when the container has no sample yet.
    std::optional<nlohmann::json> latest(const std::string& docker_id) const;
    // Waits until every id has a sample, or `timeout` passes; true when all have one.
    bool wait_for_samples(const std::vector<std::string>& docker_ids,
                          std::chrono::milliseconds timeout) const;
    void forget(const std::vector<std::string>& docker_ids);

  private:
    mutable std::mutex mutex_;
    mutable std::condition_variable sampled_;  // a sample arrived
    std::condition_variable demand_;           // a task was asked for
    bool fresh_demand_ = false;
    std::map<std::string, TimePoint> wanted_;        // task ARN → last asked
    std::map<std::string, nlohmann::json> samples_;  // Docker id → latest sample
};

}  // namespace berth::model

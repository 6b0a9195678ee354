#pragma once
// ECS's service throttle: repeated failed starts space out the next launch.
#include <chrono>
#include <optional>
#include <vector>

#include "berth/model/task.hpp"

namespace berth::scheduler {

inline constexpr int k_unthrottled_failures = 2;  // the third failure in a row engages it
inline constexpr std::chrono::seconds k_first_delay{5};
inline constexpr std::chrono::seconds k_max_delay{27 * 60};

struct LaunchThrottle {
    int consecutive_failures = 0;
    std::optional<model::TimePoint> resume_at;  // no launch before this
};

// 0 up to k_unthrottled_failures, then k_first_delay doubling per failure, capped.
std::chrono::seconds throttle_delay(int consecutive_failures);

// From one deployment's tasks: failed starts (stopped, or stopping, on their own before they had
// proven they can run) since the last task that did prove it.
LaunchThrottle launch_throttle(const std::vector<const model::Task*>& deployment_tasks,
                               model::TimePoint now);

}  // namespace berth::scheduler

#include "scheduler/throttle.hpp"

#include <algorithm>

#include "scheduler/task_state.hpp"

namespace berth::scheduler {

std::chrono::seconds throttle_delay(int consecutive_failures) {
    int steps = consecutive_failures - k_unthrottled_failures - 1;
    if (steps < 0) return std::chrono::seconds{0};
    if (steps >= 20) return k_max_delay;  // keeps the shift in range
    return std::min<std::chrono::seconds>(k_max_delay, k_first_delay * (1L << steps));
}

LaunchThrottle launch_throttle(const std::vector<const model::Task*>& tasks, model::TimePoint now) {
    std::optional<model::TimePoint> last_success;
    for (const auto* t : tasks) {
        if (auto since = stable_since(*t, now);
            since && (!last_success || *since > *last_success)) {
            last_success = since;
        }
    }
    LaunchThrottle throttle;
    std::optional<model::TimePoint> last_failure;
    for (const auto* t : tasks) {
        // A failure counts once it is decided: its replacement may be due before it is STOPPED.
        if (!(is_failure(*t) || is_failing(*t)) || stable_since(*t, now)) continue;
        model::TimePoint when = is_dead(*t) ? stopped_time(*t) : now;
        if (last_success && when <= *last_success) continue;
        ++throttle.consecutive_failures;
        if (!last_failure || when > *last_failure) last_failure = when;
    }
    auto delay = throttle_delay(throttle.consecutive_failures);
    if (delay.count() > 0) throttle.resume_at = *last_failure + delay;
    return throttle;
}

}  // namespace berth::scheduler

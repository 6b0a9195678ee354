#include "scheduler/task_state.hpp"

#include "berth/scheduler/messages.hpp"

namespace berth::scheduler {

namespace {

// The stop codes of a task that failed by itself: it could not start, or an essential
// container exited.
bool failed_by_itself(model::StopCode code) {
    return code == model::StopCode::task_failed_to_start ||
           code == model::StopCode::essential_container_exited;
}

}  // namespace

bool is_failure(const model::Task& t) {
    if (!is_dead(t)) return false;
    if (failed_by_itself(t.stop_code)) return true;
    using model::StopCode;
    switch (t.stop_code) {
        case StopCode::service_scheduler_initiated:
            return t.stopped_reason == messages::stop_failed_health_checks() ||
                   messages::is_elb_health_check_stop(t.stopped_reason);
        case StopCode::none:
            return !t.started_at;
        default:
            return false;
    }
}

bool is_failing(const model::Task& t) {
    return is_stopping(t) && failed_by_itself(t.stop_code);
}

model::TimePoint stopped_time(const model::Task& t) {
    if (t.stopped_at) return *t.stopped_at;
    if (t.execution_stopped_at) return *t.execution_stopped_at;
    return t.created_at;
}

std::optional<model::TimePoint> stable_since(const model::Task& t, model::TimePoint now) {
    if (!t.started_at) return std::nullopt;
    if (t.health == model::HealthStatus::healthy) return *t.started_at;
    model::TimePoint until = is_dead(t) ? stopped_time(t) : now;
    if (until - *t.started_at >= k_stable_after) return *t.started_at + k_stable_after;
    return std::nullopt;
}

}  // namespace berth::scheduler

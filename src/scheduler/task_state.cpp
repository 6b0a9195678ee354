#include "scheduler/task_state.hpp"

#include "berth/scheduler/messages.hpp"

namespace berth::scheduler {

bool is_failure(const model::Task& t) {
    if (!is_dead(t)) return false;
    using model::StopCode;
    switch (t.stop_code) {
        case StopCode::task_failed_to_start:
        case StopCode::essential_container_exited:
            return true;
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
    return is_stopping(t) && (t.stop_code == model::StopCode::task_failed_to_start ||
                              t.stop_code == model::StopCode::essential_container_exited);
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

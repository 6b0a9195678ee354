#pragma once
// apply: a Plan written into the partition it was computed on, in plan.hpp's order. Pure (no
// I/O, no clock: `now` stamps what it writes), so the service controller applies plans with it
// under the Store's lock and the scheduler's tests step the loop with it.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "berth/model/store.hpp"
#include "berth/scheduler/plan.hpp"

namespace berth::scheduler {

struct ApplyOptions {
    // ECS keeps about the last 100 events of a service.
    std::size_t max_events = 100;
    // INACTIVE deployments kept per service (for ListServiceDeployments); older ones go.
    std::size_t max_inactive_deployments = 10;
    // Services whose share of the plan is skipped (the controller's stale services).
    const std::set<std::string>* skip = nullptr;
};

// What applying did to tasks, for the caller's logs and wake-ups.
struct Applied {
    std::vector<std::string> started_task_arns;
    std::vector<std::string> stopped_task_arns;
};

Applied apply(model::Partition& partition, const Plan& plan, model::TimePoint now,
              const ApplyOptions& options = {});

// One Rollback (plan.hpp) on its service: the new PRIMARY deployment, first. The failed
// deployment's own change is the caller's. Also what StopServiceDeployment ROLLBACK does.
void roll_back(model::Service& service, const Rollback& rollback, model::TimePoint now);

}  // namespace berth::scheduler

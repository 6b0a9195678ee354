#pragma once
// The service controller: the impure side of the scheduler. A thread, woken by every Store
// change and by a periodic tick, that snapshots the Store, asks scheduler::reconcile for each
// partition's Plan, and writes the plan into the Store under one lock per partition. It only
// writes the Store: the tasks it creates are realized on Docker by the runtime's executor,
// exactly as RunTask's are.
//
//   model::Store store;
//   runtime::ServiceController services(store);
//   services.start();
//   ...               // CreateService / UpdateService change desired state; tasks follow
//   services.stop();
//
// Applying is careful about what changed since the snapshot: a plan is only as good as the
// state it was computed on, and clients (UpdateService, DeleteService) or the runtime (a task
// dying) may have moved on while it was computed. Each service's share of a plan is applied
// only if the service and its tasks are still as the plan saw them; otherwise it is skipped and
// the next pass (which that change has already woken) plans again. So no pass ever starts more
// tasks than a plan computed on the current state allows.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "berth/model/store.hpp"
#include "berth/scheduler/plan.hpp"

namespace berth::runtime {

struct ServiceControllerOptions {
    // How often the loop looks again when nothing woke it (and nothing is due sooner).
    std::chrono::milliseconds tick{1000};
    // A pass runs at least this often even when the Store did not change.
    std::chrono::milliseconds full_pass_every{15000};
    // ECS keeps about the last 100 events of a service.
    std::size_t max_events = 100;
    // INACTIVE deployments kept per service (for ListServiceDeployments); older ones go.
    std::size_t max_inactive_deployments = 10;
    // The clock (tests use their own).
    std::function<model::TimePoint()> now = [] { return model::Clock::now(); };
};

// What applying one plan did.
struct ApplyResult {
    std::vector<std::string> started_task_arns;
    std::vector<std::string> stopped_task_arns;
    // Services whose share of the plan was not applied because they (or their tasks) changed
    // since the snapshot the plan was computed on.
    std::vector<std::string> stale_services;
};

// Writes `plan`, computed on `snapshot`, into the Store's partition of the same key, in
// plan.hpp's order, under one lock. Actions of a service that is gone or changed since the
// snapshot are skipped (ApplyResult::stale_services).
ApplyResult apply_plan(model::Store& store, const model::Partition& snapshot,
                       const scheduler::Plan& plan, model::TimePoint now,
                       const ServiceControllerOptions& options = {});

class ServiceController {
  public:
    explicit ServiceController(model::Store& store, ServiceControllerOptions options = {});
    ~ServiceController();  // stop()
    ServiceController(const ServiceController&) = delete;
    ServiceController& operator=(const ServiceController&) = delete;

    void start();
    // Stops the thread (a pass in progress finishes first). Idempotent.
    void stop();

    // One pass over every partition: snapshot, reconcile, apply. The loop's body, callable
    // directly (tests, or a caller that wants the effect at once). Returns the earliest
    // next_wakeup any plan asked for.
    std::optional<model::TimePoint> run_once();

    // Passes run so far (the loop's and run_once's); for tests and logs.
    std::uint64_t passes() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace berth::runtime

#pragma once
// One service's share of a reconcile pass: its tasks, the plan being written, and the small
// vocabulary every policy (replica, daemon, rollout) uses to add to it.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "berth/model/store.hpp"
#include "berth/scheduler/deployment_config.hpp"
#include "berth/scheduler/placement.hpp"
#include "berth/scheduler/plan.hpp"
#include "berth/scheduler/reconcile.hpp"

namespace berth::scheduler {

// Built on first use: most passes place nothing, and building it walks every task.
class LazyLedger {
  public:
    explicit LazyLedger(const model::Partition& partition) : partition_(partition) {}
    ClusterLedger& get() {
        if (!ledger_) ledger_.emplace(partition_);
        return *ledger_;
    }

  private:
    const model::Partition& partition_;
    std::optional<ClusterLedger> ledger_;
};

// What starting tasks reads of a deployment or of a task set (EXTERNAL controller): the id
// the tasks are started by, their task definition and how they launch.
struct TaskSource {
    TaskSource(const model::Deployment& d)  // NOLINT(google-explicit-constructor): either fits
        : id(d.id),
          task_definition_arn(d.task_definition_arn),
          launch_type(d.launch_type),
          capacity_provider_strategy(d.capacity_provider_strategy) {}
    TaskSource(const model::TaskSet& s)  // NOLINT(google-explicit-constructor)
        : id(s.id),
          task_definition_arn(s.task_definition_arn),
          launch_type(s.launch_type),
          capacity_provider_strategy(s.capacity_provider_strategy) {}

    const std::string& id;
    const std::string& task_definition_arn;
    const std::optional<model::LaunchType>& launch_type;
    const nlohmann::json& capacity_provider_strategy;
};

class ServicePass {
  public:
    ServicePass(const model::Partition& partition, const model::Service& service,
                std::vector<const model::Task*> tasks, model::TimePoint now, const Options& options,
                Plan& plan, LazyLedger& ledger);

    const model::Partition& partition;
    const model::Service& service;
    const std::vector<const model::Task*> tasks;  // every task of the service, stopped ones too
    const model::TimePoint now;
    const Options& options;
    const model::DeploymentConfiguration& config;
    const model::Deployment* const primary;  // nullptr when the service has no deployment
    // Desired count the pass worked to: service.desired_count, or for DAEMON the number of
    // instances the service belongs on.
    int desired = 0;

    Plan& plan() { return plan_; }
    ClusterLedger& ledger() { return ledger_.get(); }

    // Tasks of `deployment_id` (or of every other deployment when `others`) that pass `keep`.
    template <class Pred>
    std::vector<const model::Task*> select(Pred keep) const {
        std::vector<const model::Task*> out;
        for (const auto* t : tasks) {
            if (keep(*t)) out.push_back(t);
        }
        return out;
    }
    bool is_primary(const model::Task& t) const {
        return primary && t.deployment_id == primary->id;
    }
    // On a DRAINING container instance: ECS replaces such a service task within the
    // deployment's minimumHealthyPercent and maximumPercent, as a task of an older deployment.
    bool on_draining_instance(const model::Task& t) const;
    // A task the primary deployment keeps: its own, on an instance that is not draining.
    bool kept_by_primary(const model::Task& t) const {
        return is_primary(t) && !on_draining_instance(t);
    }

    void stop(const model::Task& task, std::string reason);
    bool stopped_now(const model::Task& task) const { return stopped_.contains(&task); }
    bool stopped_any() const { return !stopped_.empty(); }
    // Live and not stopped by this pass.
    bool stays_live(const model::Task& t) const;

    // Scale-in protection holds the task at this pass's time; the pass then wakes when it
    // lapses, so the task is taken once it is no longer protected.
    bool held_by_protection(const model::Task& t);

    // Starts `count` tasks of the deployment or task set, placed when they need a container
    // instance; returns how many were placed.
    int start(const TaskSource& source, int count);
    // DAEMON: one task on a given instance. False (and an event) when it does not fit.
    bool start_on(const TaskSource& source, const std::string& instance_arn);
    bool started_any() const { return started_ > 0; }

    // Adds an event unless it would repeat the service's newest event (within 6 hours) or
    // one already added by this pass.
    void event(std::string message);
    void update(DeploymentUpdate update);
    void wake_at(model::TimePoint t);

    // Called last: the "has stopped" event for this pass's stops.
    void finish();

    PlacementRequest placement_request(const TaskSource& source) const;
    model::LaunchType launch_type(const TaskSource& source) const;

  private:
    StartTasks& starts_for(const TaskSource& source);

    Plan& plan_;
    LazyLedger& ledger_;
    std::set<const model::Task*> stopped_;
    std::vector<std::string> stopped_ids_;
    int started_ = 0;
    std::size_t first_event_ = 0;       // this service's events start here in plan.events
    std::size_t stopped_event_at_ = 0;  // where the "has stopped" event goes
};

// The order in which tasks are given up: unhealthy, not yet running, not yet healthy, healthy;
// newest first within each.
void sort_for_stopping(std::vector<const model::Task*>& tasks);

}  // namespace berth::scheduler

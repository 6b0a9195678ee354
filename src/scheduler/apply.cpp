#include "berth/scheduler/apply.hpp"

#include <algorithm>

#include "berth/model/arn.hpp"
#include "berth/model/task_definition_lookup.hpp"
#include "berth/model/task_factory.hpp"
#include "berth/scheduler/messages.hpp"

namespace berth::scheduler {

namespace {

using model::DeploymentStatus;
using nlohmann::json;

model::Deployment* find_deployment(model::Service& s, const std::string& id) {
    for (auto& d : s.deployments) {
        if (d.id == id) return &d;
    }
    return nullptr;
}

// The capacity provider of a task launched by a strategy: the first provider of the
// strategy's kind (FARGATE / FARGATE_SPOT for Fargate tasks), preferring weighted ones.
std::string capacity_provider_for(const json& strategy, model::LaunchType launch_type) {
    if (!strategy.is_array()) return {};
    std::string fallback;
    for (const auto& item : strategy) {
        auto name = item.value("capacityProvider", std::string{});
        bool fargate = name == "FARGATE" || name == "FARGATE_SPOT";
        if (fargate != (launch_type == model::LaunchType::fargate)) continue;
        if (item.value("weight", 0) > 0 || item.value("base", 0) > 0) return name;
        if (fallback.empty()) fallback = name;
    }
    return fallback;
}

// What a new task takes from the deployment or task set it belongs to.
void launch_from(model::TaskLaunch& launch, const model::Service& s, const model::Deployment& d) {
    launch.capacity_provider_name =
        capacity_provider_for(d.capacity_provider_strategy, launch.launch_type);
    launch.platform_version = d.platform_version;
    launch.network_configuration =
        d.network_configuration ? d.network_configuration : s.network_configuration;
    launch.load_balancers = s.load_balancers;
}

void launch_from(model::TaskLaunch& launch, const model::TaskSet& ts) {
    launch.capacity_provider_name =
        capacity_provider_for(ts.capacity_provider_strategy, launch.launch_type);
    launch.platform_version = ts.platform_version;
    launch.network_configuration = ts.network_configuration;
    launch.load_balancers = ts.load_balancers;
}

class Applier {
  public:
    Applier(model::Partition& p, model::TimePoint now, const ApplyOptions& options, Applied& result)
        : p_(p), now_(now), options_(options), result_(result) {}

    void apply(const Plan& plan) {
        for (const auto& u : plan.deployment_updates) update_deployment(u);
        for (const auto& r : plan.rollbacks) roll_back(r);
        for (const auto& s : plan.stops) stop(s);
        std::vector<std::pair<std::string, std::string>> started_events;
        for (const auto& s : plan.starts) {
            auto ids = start(s);
            if (!ids.empty()) {
                started_events.emplace_back(s.service_arn,
                                            messages::started_tasks(s.service_name, ids));
            }
        }
        for (const auto& u : plan.service_updates) {
            if (auto* s = service(u.service_arn)) s->status = u.status;
        }
        for (const auto& c : plan.counts) write_counts(c);
        for (const auto& u : plan.task_set_updates) update_task_set(u);
        for (const auto& [arn, message] : started_events) add_event(arn, message);
        for (const auto& e : plan.events) add_event(e.service_arn, e.message);
    }

  private:
    // The live service a plan action is for, unless it went stale since the snapshot.
    model::Service* service(const std::string& arn) {
        if (options_.skip && options_.skip->contains(arn)) return nullptr;
        auto it = p_.services.find(arn);
        return it == p_.services.end() ? nullptr : &it->second;
    }

    void update_deployment(const DeploymentUpdate& u) {
        auto* s = service(u.service_arn);
        auto* d = s ? find_deployment(*s, u.deployment_id) : nullptr;
        if (!d) return;
        if (u.status) d->status = *u.status;
        if (u.rollout_state) d->rollout_state = *u.rollout_state;
        if (u.rollout_state_reason) d->rollout_state_reason = *u.rollout_state_reason;
        d->updated_at = now_;
        if (d->status == DeploymentStatus::inactive) forget_old_deployments(*s);
    }

    // INACTIVE deployments are only kept for ListServiceDeployments, and not forever.
    void forget_old_deployments(model::Service& s) {
        std::size_t inactive = 0;
        std::erase_if(s.deployments, [&](const model::Deployment& d) {
            return d.status == DeploymentStatus::inactive &&
                   ++inactive > options_.max_inactive_deployments;
        });
    }

    void roll_back(const Rollback& r) {
        if (auto* s = service(r.service_arn)) scheduler::roll_back(*s, r, now_);
    }

    void stop(const StopTask& stop) {
        if (!service(stop.service_arn)) return;
        auto it = p_.tasks.find(stop.task_arn);
        if (it == p_.tasks.end()) return;
        auto& t = it->second;
        if (model::request_stop(t, stop.stop_code, stop.reason, now_)) {
            result_.stopped_task_arns.push_back(t.arn);
        }
    }

    // The new tasks' ids, in order.
    std::vector<std::string> start(const StartTasks& start) {
        auto* s = service(start.service_arn);
        const auto* d = s ? find_deployment(*s, start.deployment_id) : nullptr;
        const auto* ts = s && !d ? model::find_task_set(*s, start.deployment_id) : nullptr;
        auto cluster = p_.clusters.find(start.cluster_name);
        const auto* td = model::find_task_definition(p_, start.task_definition_arn);
        if ((!d && !ts) || cluster == p_.clusters.end() || !td) return {};

        model::TaskLaunch launch;
        launch.launch_type = start.launch_type;
        if (d) {
            launch_from(launch, *s, *d);
        } else {
            launch_from(launch, *ts);
        }
        launch.started_by = start.deployment_id;
        launch.group = start.group;
        launch.service_name = s->name;
        launch.deployment_id = start.deployment_id;
        launch.propagate_tags = s->propagate_tags;
        launch.service_tags = s->tags;
        launch.enable_ecs_managed_tags = s->enable_ecs_managed_tags;
        launch.enable_execute_command = s->enable_execute_command;
        launch.now = now_;

        std::vector<std::string> ids;
        for (std::size_t i = 0; i < start.container_instance_arns.size(); ++i) {
            const auto& arn = start.container_instance_arns[i];
            if (auto ci = p_.container_instances.find(arn); ci != p_.container_instances.end()) {
                model::place_on(launch, ci->second);
            } else {
                launch.container_instance_arn = arn;  // "" for a Fargate task
            }
            launch.gpus = i < start.gpus.size() ? start.gpus[i] : model::GpuAssignment{};
            auto task = model::make_task(p_.key, cluster->second, *td, launch);
            task.seq = p_.take_seq();
            ids.push_back(task.id);
            result_.started_task_arns.push_back(task.arn);
            p_.tasks.emplace(task.arn, std::move(task));
            ++launch.index;  // spreads a deployment's tasks over its subnets
        }
        return ids;
    }

    void write_counts(const ServiceCounts& c) {
        auto* s = service(c.service_arn);
        if (!s) return;
        s->desired_count = c.desired;
        s->running_count = c.running;
        s->pending_count = c.pending;
        for (const auto& dc : c.deployments) {
            if (auto* ts = model::find_task_set(*s, dc.deployment_id)) {
                if (ts->running_count == dc.running && ts->pending_count == dc.pending) continue;
                ts->running_count = dc.running;
                ts->pending_count = dc.pending;
                ts->updated_at = now_;
                continue;
            }
            auto* d = find_deployment(*s, dc.deployment_id);
            if (!d) continue;
            const DeploymentCounts held{d->id, d->desired_count, d->running_count, d->pending_count,
                                        d->failed_tasks};
            if (held == dc) continue;
            d->desired_count = dc.desired;
            d->running_count = dc.running;
            d->pending_count = dc.pending;
            d->failed_tasks = dc.failed;
            d->updated_at = now_;
        }
    }

    void update_task_set(const TaskSetUpdate& u) {
        auto* s = service(u.service_arn);
        if (!s) return;
        if (u.remove) {
            std::erase_if(s->task_sets, [&](const model::TaskSet& ts) {
                return ts.id == u.task_set_id && ts.status == model::TaskSetStatus::draining;
            });
            return;
        }
        auto* ts = model::find_task_set(*s, u.task_set_id);
        if (!ts || !u.stability || ts->stability_status == *u.stability) return;
        ts->stability_status = *u.stability;
        ts->stability_status_at = ts->updated_at = now_;
    }

    void add_event(const std::string& arn, const std::string& message) {
        auto* s = service(arn);
        if (!s) return;
        s->events.push_front({model::new_uuid(), now_, message});
        while (s->events.size() > options_.max_events) s->events.pop_back();
    }

    model::Partition& p_;
    model::TimePoint now_;
    const ApplyOptions& options_;
    Applied& result_;
};

}  // namespace

void roll_back(model::Service& s, const Rollback& r, model::TimePoint now) {
    const auto* target = find_deployment(s, r.target_deployment_id);
    model::Deployment d;
    d.id = model::new_deployment_id();
    d.status = DeploymentStatus::primary;
    d.task_definition_arn = r.task_definition_arn;
    d.desired_count = s.desired_count;
    d.launch_type = target ? target->launch_type : s.launch_type;
    d.capacity_provider_strategy =
        target ? target->capacity_provider_strategy : s.capacity_provider_strategy;
    d.platform_version = target ? target->platform_version : s.platform_version;
    d.network_configuration = target ? target->network_configuration : s.network_configuration;
    d.rollout_state = model::RolloutState::in_progress;
    d.rollout_state_reason = r.rollout_state_reason;
    d.rollback_of = r.failed_deployment_id;
    d.created_at = d.updated_at = now;
    for (auto& other : s.deployments) {
        if (other.status == DeploymentStatus::primary) other.status = DeploymentStatus::active;
    }
    s.deployments.insert(s.deployments.begin(), std::move(d));
    s.task_definition_arn = r.task_definition_arn;
}

Applied apply(model::Partition& partition, const Plan& plan, model::TimePoint now,
              const ApplyOptions& options) {
    Applied result;
    Applier(partition, now, options, result).apply(plan);
    return result;
}

}  // namespace berth::scheduler

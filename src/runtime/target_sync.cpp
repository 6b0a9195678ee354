#include "target_sync.hpp"

#include <algorithm>

#include "berth/scheduler/messages.hpp"

namespace berth::runtime {

namespace {

using model::TargetStatus;
namespace messages = scheduler::messages;

// Where a task's target goes: id and port, or nullopt while that is not known yet.
std::optional<std::pair<std::string, int>> endpoint_of(const TargetedTask& task,
                                                       const model::TaskTarget& target,
                                                       const TargetGroupFacts& group) {
    if (group.kind == TargetKind::ip) {
        if (task.address.empty()) return std::nullopt;
        return std::make_pair(task.address, target.container_port);
    }
    if (task.instance_id.empty()) return std::nullopt;
    for (const auto& b : task.bindings) {
        if (b.container_name == target.container_name &&
            b.container_port == target.container_port && b.host_port > 0) {
            return std::make_pair(task.instance_id, b.host_port);
        }
    }
    return std::nullopt;
}

// Counts for one pass's events, in the order they first occurred.
class EventCounts {
  public:
    void add(const TargetedTask& task, std::string target_group_arn) {
        for (auto& e : entries_) {
            if (e.task->partition == task.partition && e.task->service_arn == task.service_arn &&
                e.target_group_arn == target_group_arn) {
                ++e.count;
                return;
            }
        }
        entries_.push_back({&task, std::move(target_group_arn), 1});
    }

    template <class Message>
    void emit(std::vector<TargetEvent>& out, Message message) const {
        for (const auto& e : entries_) {
            out.push_back({e.task->partition, e.task->service_arn,
                           message(e.task->service_name, e.count, e.target_group_arn)});
        }
    }

  private:
    struct Entry {
        const TargetedTask* task;
        std::string target_group_arn;
        std::size_t count;
    };
    std::vector<Entry> entries_;
};

class Planner {
  public:
    Planner(const LoadBalancerFacts& facts, model::TimePoint now) : facts_(facts), now_(now) {}

    void task(const TargetedTask& task) {
        auto targets = task.targets;
        bool draining_began = false;
        for (auto& target : targets) {
            const auto group = facts_.target_groups.find(target.target_group_arn);
            if (group == facts_.target_groups.end()) {
                // Its target group is gone: nothing holds the task any more.
                if (model::is_in_target_group(target)) target.status = TargetStatus::deregistered;
                continue;
            }
            if (task.leaving) {
                draining_began |= leave(task, target, group->second);
            } else if (task.running) {
                stay(task, target, group->second);
            }
        }
        if (targets != task.targets) {
            plan_.updates.push_back(
                {task.partition, task.arn, task.version, std::move(targets), draining_began});
        }
        if (draining_began) draining_.add(task, "");
    }

    TargetPlan finish() {
        registered_.emit(plan_.events,
                         [](const std::string& service, std::size_t n, const std::string& group) {
                             return messages::registered_targets(service, n, group);
                         });
        draining_.emit(plan_.events,
                       [](const std::string& service, std::size_t n, const std::string&) {
                           return messages::draining_connections(service, n);
                       });
        deregistered_.emit(plan_.events,
                           [](const std::string& service, std::size_t n, const std::string& group) {
                               return messages::deregistered_targets(service, n, group);
                           });
        return std::move(plan_);
    }

  private:
    const ObservedTarget* observed(const model::TaskTarget& target) const {
        auto it = facts_.targets.find({target.target_group_arn, target.target_id, target.port});
        return it == facts_.targets.end() ? nullptr : &it->second;
    }

    void call(const TargetedTask& task, bool registering, const model::TaskTarget& target) {
        plan_.calls.push_back(
            {task.partition, registering, target.target_group_arn, target.target_id, target.port});
    }

    // A task meant to run: registered once it runs, then its health followed.
    void stay(const TargetedTask& task, model::TaskTarget& target, const TargetGroupFacts& group) {
        if (model::is_in_target_group(target)) {
            if (const auto* seen = observed(target)) {
                target.status = seen->status;
                target.reason = seen->status == TargetStatus::healthy ? "" : seen->reason;
                return;
            }
            target.status = TargetStatus::unregistered;  // deregistered by someone else
        }
        if (target.status != TargetStatus::unregistered) return;
        auto endpoint = endpoint_of(task, target, group);
        if (!endpoint) return;
        target.target_id = endpoint->first;
        target.port = endpoint->second;
        target.status = TargetStatus::initial;
        target.reason = "Elb.RegistrationInProgress";
        call(task, true, target);
        registered_.add(task, target.target_group_arn);
    }

    // A task meant to stop: deregistered, then held until its connections drained. True when
    // its draining began in this pass.
    bool leave(const TargetedTask& task, model::TaskTarget& target, const TargetGroupFacts& group) {
        if (!model::is_in_target_group(target)) return false;
        if (!target.draining_since) {
            call(task, false, target);
            target.status = TargetStatus::draining;
            target.reason = "Target.DeregistrationInProgress";
            target.draining_since = now_;
            return true;
        }
        const bool listed = observed(target) != nullptr;
        if (listed && now_ < *target.draining_since + group.deregistration_delay) return false;
        target.status = TargetStatus::deregistered;
        target.reason.clear();
        deregistered_.add(task, target.target_group_arn);
        return false;
    }

    const LoadBalancerFacts& facts_;
    model::TimePoint now_;
    TargetPlan plan_;
    EventCounts registered_, draining_, deregistered_;
};

}  // namespace

TargetPlan plan_targets(const std::vector<TargetedTask>& tasks, const LoadBalancerFacts& facts,
                        model::TimePoint now) {
    Planner planner(facts, now);
    for (const auto& task : tasks) planner.task(task);
    return planner.finish();
}

}  // namespace berth::runtime

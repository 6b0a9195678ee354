#pragma once
// Elastic Load Balancing (v2) state: load balancers, target groups with their targets,
// listeners and rules, per (account, region). Its own mutex, apart from model::Store, so
// health checks writing target health never take the ECS Store's lock.
//
// Three users:
// - the API (src/api/elbv2) checks requests and reads and writes partitions with read()/write();
// - the data plane (src/edge/lb) routes on snapshot(), an immutable copy taken under the lock
//   and cheap to hold (rebuilt only when version() moved), writes what its health checks see
//   with set_target_health(), and calls expire_draining(now) from its timer;
// - ECS services register their tasks with register_targets()/deregister_targets() (the same
//   rules the API applies) and read find_target_group() and target_health().
//
// The bookkeeping ELB does on its own lives here, so every writer gets it:
// - a target registered in a group that no listener or rule forwards to is `unused`
//   (Target.NotInUse); once one does, it is `initial` (Elb.RegistrationInProgress) until
//   health checks say otherwise; when the last user goes, targets return to `unused`;
// - a deregistered target of a group in use is `draining` (Target.DeregistrationInProgress)
//   for the group's deregistration delay, then disappears (expire_draining(now)); in a group
//   not in use it disappears at once.
// Nothing here reads a clock: every function that needs the time takes `now`.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "berth/model/common.hpp"
#include "berth/model/load_balancer_types.hpp"

namespace berth::model {

// A health value with ELB's description for its reason when none is given.
TargetHealth make_target_health(TargetHealthState state, std::optional<TargetHealthReason> reason,
                                std::string description = {});

// Why targets cannot be registered or deregistered; the API turns these into ELB's errors.
enum class TargetProblem : std::uint8_t {
    none,
    target_group_not_found,  // TargetGroupNotFound
    invalid_target,          // InvalidTarget (bad id for the target type, not registered, ...)
    validation,              // ValidationError (port missing or out of range, ...)
};
struct TargetCheck {
    TargetProblem problem = TargetProblem::none;
    std::string message;
    explicit operator bool() const { return problem == TargetProblem::none; }
};

// Whether `targets` may be registered in `group` (ELB's rules: ip groups take IPv4/IPv6
// addresses, instance groups instance ids "i-" + 8 or 17 hex digits; a port 1..65535 must
// come from the target or the group).
TargetCheck check_registration(const TargetGroup& group, const std::vector<TargetRef>& targets);

// One partition's load balancing state, keyed by ARN.
struct LoadBalancerPartition {
    std::map<std::string, ElbLoadBalancer> load_balancers;
    std::map<std::string, TargetGroup> target_groups;
    std::map<std::string, Listener> listeners;
    std::map<std::string, Rule> rules;

    const ElbLoadBalancer* find_load_balancer(std::string_view arn) const;
    ElbLoadBalancer* find_load_balancer(std::string_view arn);
    const ElbLoadBalancer* find_load_balancer_by_name(std::string_view name) const;
    const TargetGroup* find_target_group(std::string_view arn) const;
    TargetGroup* find_target_group(std::string_view arn);
    const TargetGroup* find_target_group_by_name(std::string_view name) const;
    const Listener* find_listener(std::string_view arn) const;
    Listener* find_listener(std::string_view arn);
    const Rule* find_rule(std::string_view arn) const;
    Rule* find_rule(std::string_view arn);

    // A listener of `load_balancer_arn` on `port`, if any.
    const Listener* listener_on(std::string_view load_balancer_arn, int port) const;
    std::vector<const Listener*> listeners_of(std::string_view load_balancer_arn) const;
    // The listener's rules other than the default one, by priority.
    std::vector<const Rule*> rules_of(std::string_view listener_arn) const;

    // The load balancers whose listeners or rules forward to the group (sorted, unique).
    std::vector<std::string> load_balancers_of(std::string_view target_group_arn) const;
    bool in_use(std::string_view target_group_arn) const {
        return !load_balancers_of(target_group_arn).empty();
    }

    // Removes a load balancer with its listeners and their rules; a listener with its rules.
    void remove_load_balancer(std::string_view arn);
    void remove_listener(std::string_view arn);

    // Registers (or re-registers: a draining target comes back) the targets. Requires
    // check_registration() to have passed.
    void register_targets(TargetGroup& group, const std::vector<TargetRef>& targets, TimePoint now);
    // Whether every target is registered (draining ones count as not registered).
    TargetCheck check_deregistration(const TargetGroup& group,
                                     const std::vector<TargetRef>& targets) const;
    // Starts draining (group in use) or removes (not in use) each target. Requires
    // check_deregistration() to have passed.
    void deregister_targets(TargetGroup& group, const std::vector<TargetRef>& targets,
                            TimePoint now);

    // Brings target states in line with whether their group is in use (see the top of this
    // file). The store runs it after every write.
    void settle(TimePoint now);
    // Removes targets whose draining is over; returns how many.
    std::size_t expire_draining(TimePoint now);
};

// Everything the data plane routes on, frozen at `version`.
struct LoadBalancerSnapshot {
    std::uint64_t version = 0;
    std::map<PartitionKey, LoadBalancerPartition> partitions;

    const LoadBalancerPartition* find(const PartitionKey& key) const;
};

// What ECS needs to know of a target group.
struct TargetGroupSummary {
    std::string arn, name;
    TargetType target_type = TargetType::instance;
    std::optional<ElbProtocol> protocol;
    std::optional<int> port;
    std::vector<std::string> load_balancer_arns;  // empty: not attached through a listener
    int deregistration_delay_seconds = 300;
    TargetGroupHealthCheck health_check;
    bool in_use() const { return !load_balancer_arns.empty(); }
};

// One target's health as DescribeTargetHealth reports it.
struct TargetHealthEntry {
    std::string id;
    int port = 0;
    std::string availability_zone;
    TargetHealth health;  // unused / Target.NotRegistered for a target not registered
};
// The health of `targets` in `group` (all registered ones when empty), in request order.
std::vector<TargetHealthEntry> target_health_entries(const TargetGroup& group,
                                                     const std::vector<TargetRef>& targets);

class LoadBalancerStore {
  public:
    // Runs f(const LoadBalancerPartition&) under the lock; an unseen partition reads as empty.
    template <class F>
    auto read(const PartitionKey& key, F&& f) const {
        std::lock_guard lock(mutex_);
        auto it = partitions_.find(key);
        if (it == partitions_.end()) {
            const LoadBalancerPartition empty;
            return f(empty);
        }
        return f(it->second);
    }

    // Runs f(LoadBalancerPartition&) under the lock, creating the partition on first use, then
    // settles target states (at `now`) and bumps the version; observers run after the lock is
    // released. f may throw; what it changed before throwing stays changed (and is settled).
    template <class F>
    auto write(const PartitionKey& key, TimePoint now, F&& f) {
        std::unique_lock lock(mutex_);
        Finish finish{*this, partitions_[key], now, lock};
        return f(finish.partition);
    }

    // The state the data plane routes on. Cheap when nothing changed since the last call.
    std::shared_ptr<const LoadBalancerSnapshot> snapshot() const;
    // Bumped by every change (writes, health, draining expiry).
    std::uint64_t version() const { return version_.load(); }
    // The partitions read back from the state files at start (observers are told).
    void restore(std::map<PartitionKey, LoadBalancerPartition> partitions);
    // Called with the new version after every change, outside the lock, on the writer's
    // thread. Register observers before the store is shared between threads.
    void on_change(std::function<void(std::uint64_t)> observer);

    // The data plane's health checks. Ignored (false) when the target is not registered, or is
    // draining or unused (ELB reports those states whatever the checks see).
    bool set_target_health(const PartitionKey& key, std::string_view target_group_arn,
                           std::string_view target_id, int port, TargetHealthState state,
                           std::optional<TargetHealthReason> reason, std::string description = {});

    // Removes the targets whose deregistration delay is over, in every partition; returns
    // how many. The edge's timer (or anyone) calls it.
    std::size_t expire_draining(TimePoint now);

    // RegisterTargets / DeregisterTargets as the API applies them, for ECS services.
    TargetCheck register_targets(const PartitionKey& key, std::string_view target_group_arn,
                                 const std::vector<TargetRef>& targets, TimePoint now);
    TargetCheck deregister_targets(const PartitionKey& key, std::string_view target_group_arn,
                                   const std::vector<TargetRef>& targets, TimePoint now);

    std::optional<TargetGroupSummary> find_target_group(const PartitionKey& key,
                                                        std::string_view arn) const;
    // The health of `targets` (all registered ones when empty), as DescribeTargetHealth
    // reports it; nullopt when there is no such group.
    std::optional<std::vector<TargetHealthEntry>> target_health(
        const PartitionKey& key, std::string_view target_group_arn,
        const std::vector<TargetRef>& targets = {}) const;

  private:
    // Ends a write (also when f throws): settles the partition and bumps the version under the
    // lock, then releases it and tells the observers.
    struct Finish {
        LoadBalancerStore& store;
        LoadBalancerPartition& partition;
        TimePoint now;
        std::unique_lock<std::mutex>& lock;
        ~Finish();
    };
    // Bumps the version (under the lock).
    std::uint64_t bump();
    void notify(std::uint64_t version) const;

    mutable std::mutex mutex_;
    std::map<PartitionKey, LoadBalancerPartition> partitions_;
    std::atomic<std::uint64_t> version_{0};
    mutable std::shared_ptr<const LoadBalancerSnapshot> snapshot_;  // under mutex_
    std::vector<std::function<void(std::uint64_t)>> observers_;
};

}  // namespace berth::model

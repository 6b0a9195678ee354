#pragma once
// All of Berth's state, in memory, behind one mutex. Callers pass a function that runs under
// the lock: short, and never a Docker call. Writers wake the listeners (the scheduler) after
// the lock is released.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/capacity_provider.hpp"
#include "berth/model/cluster.hpp"
#include "berth/model/common.hpp"
#include "berth/model/container_instance.hpp"
#include "berth/model/daemon_task_definition.hpp"
#include "berth/model/service.hpp"
#include "berth/model/task.hpp"
#include "berth/model/task_definition.hpp"

namespace berth::model {

struct AccountSetting {
    std::string name;
    std::string value;
    std::string principal_arn;
    std::string type = "user";
};

// One (account, region): everything a client of that region and account can see.
struct Partition {
    PartitionKey key;
    std::map<std::string, Cluster> clusters;  // by name
    // family → its revisions by revision number, gaps where deleted ones are gone for good
    // (the newest is always kept, so that the next number is never one handed out before).
    std::map<std::string, std::vector<TaskDefinition>> task_definitions;
    std::map<std::string, DaemonTaskDefinitionRevisions> daemon_task_definitions;  // by family
    std::map<std::string, Task> tasks;                                             // by task ARN
    std::map<std::string, Service> services;                                       // by service ARN
    std::map<std::string, ContainerInstance> container_instances;                  // by ARN
    std::map<std::string, CapacityProvider> capacity_providers;                    // by name
    std::map<std::string, AccountSetting> account_settings;          // by principal + "|" + name
    std::map<std::string, AccountSetting> account_setting_defaults;  // by name
    std::map<std::string, nlohmann::json> idempotency;               // clientToken → first answer
    std::uint64_t next_seq = 1;

    std::uint64_t take_seq() { return next_seq++; }
};

class Store {
  public:
    using Listener = std::function<void()>;

    // Runs f(Partition&) under the lock, creating the partition on first use, and wakes the
    // listeners afterwards. Returns what f returns.
    template <class F>
    auto write(const PartitionKey& key, F&& f) {
        NotifyOnExit notify{this};  // runs after write_unobserved has released the lock
        return write_unobserved(key, std::forward<F>(f));
    }

    // As write(), but wakes no one: for changes that neither the runtime nor the scheduler
    // acts on (a new task definition revision, for one). Waking both loops on
    // every such write cost two context switches and two more lock turns per request.
    template <class F>
    auto write_unobserved(const PartitionKey& key, F&& f) {
        std::lock_guard lock(mutex_);
        ++version_;
        return f(partition_locked(key));
    }

    // Runs f(const Partition&) under the lock. An unseen partition reads as empty.
    template <class F>
    auto read(const PartitionKey& key, F&& f) const {
        std::lock_guard lock(mutex_);
        auto it = partitions_.find(key);
        if (it == partitions_.end()) {
            Partition empty;
            empty.key = key;
            return f(empty);
        }
        return f(it->second);
    }

    // Runs f(Partition&) for every partition under one lock (runtime and scheduler sweeps).
    template <class F>
    void write_all(F&& f) {
        NotifyOnExit notify{this};  // declared first: runs after the lock is released
        std::lock_guard lock(mutex_);
        ++version_;
        for (auto& [key, p] : partitions_) f(p);
    }

    // Runs f(const Partition&) for every partition under one lock; wakes no one (the runtime's
    // sweeps look for work without copying the whole state).
    template <class F>
    void read_all(F&& f) const {
        std::lock_guard lock(mutex_);
        for (const auto& [key, p] : partitions_) f(p);
    }

    // A copy of every partition: the scheduler plans on this without holding the lock.
    std::vector<Partition> snapshot() const;
    // The same copy with the version it is of, read under one lock (the state journal records
    // what every write up to that version changed).
    std::pair<std::vector<Partition>, std::uint64_t> versioned_snapshot() const;
    // Bumped by every write; lets a loop skip work when nothing changed.
    std::uint64_t version() const;

    // Listeners run on the writer's thread after the lock is released; keep them cheap
    // (typically: wake a condition variable).
    void on_change(Listener listener);

  private:
    // Wakes the listeners when a write's scope ends, after its lock guard is gone.
    struct NotifyOnExit {
        Store* store;
        ~NotifyOnExit() { store->notify(); }
    };

    Partition& partition_locked(const PartitionKey& key);
    void notify();

    mutable std::mutex mutex_;
    std::map<PartitionKey, Partition> partitions_;
    std::uint64_t version_ = 0;
    std::mutex listeners_mutex_;
    std::vector<Listener> listeners_;
};

}  // namespace berth::model

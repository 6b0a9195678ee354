#pragma once
// The load balancer registrar: the part of ECS that puts a service's tasks into its target
// groups. A thread, woken by every Store change and by a tick (target health changes in the
// load balancer store, which has its own lock and wakes no one), that copies the tasks with
// targets (model/task_targets.hpp), reads what the load balancer store says of them, asks the
// pure runtime/target_sync for what to do, then registers and deregisters targets in the load
// balancer store and writes each task's targets, DEACTIVATING and ECS's service events back into
// the Store. It never touches Docker, and never holds both locks at once.
//
//   runtime::TargetRegistrar registrar(store, {.load_balancers = &lb_store});
//   registrar.start();
//   ...
//   registrar.stop();
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "berth/model/common.hpp"
#include "berth/model/store.hpp"

namespace berth::model {
class LoadBalancerStore;
}

namespace berth::runtime {

struct TargetRegistrarOptions {
    model::LoadBalancerStore* load_balancers = nullptr;  // null: the registrar does nothing
    // How often it looks again without a Store change (target health, draining ends).
    std::chrono::milliseconds tick{250};
    std::size_t max_events = 100;  // ECS keeps about the last 100 events of a service
    std::function<model::TimePoint()> now = [] { return model::Clock::now(); };
};

class TargetRegistrar {
  public:
    TargetRegistrar(model::Store& store, TargetRegistrarOptions options = {});
    ~TargetRegistrar();  // stop()
    TargetRegistrar(const TargetRegistrar&) = delete;
    TargetRegistrar& operator=(const TargetRegistrar&) = delete;

    void start();
    void stop();  // idempotent
    // One pass (the loop's body); true when it changed anything.
    bool run_once();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace berth::runtime

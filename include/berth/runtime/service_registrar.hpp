#pragma once
// ECS service registries, the applying side: a thread (a StoreLoop), woken by every Store
// change and by a tick, that registers each RUNNING task of a service with serviceRegistries as an
// instance of its Cloud Map service (instance id = task id), keeps the instance's custom health at
// the task's health, and deregisters it when the task stops. What to change is computed purely
// (runtime/service_registrations.hpp); this only snapshots and writes. It never holds the
// ECS Store's lock while it writes the ServiceDiscoveryStore.
#include <chrono>
#include <memory>
#include <string>

#include "berth/model/service_connect_names.hpp"
#include "berth/model/service_discovery.hpp"
#include "berth/model/store.hpp"

namespace berth::runtime {

class StoreLoop;

struct ServiceRegistrarOptions {
    std::chrono::milliseconds tick{1000};
    std::string host_ipv4 = "172.17.0.1";  // bridge and host tasks' AWS_INSTANCE_IPV4
    // Where the Service Connect names the tasks answer to are written (for edge/dns); none
    // when null. Must outlive the registrar.
    model::ServiceConnectNames* service_connect_names = nullptr;
};

class ServiceRegistrar {
  public:
    ServiceRegistrar(model::Store& store, model::ServiceDiscoveryStore& discovery,
                     ServiceRegistrarOptions options = {});
    ~ServiceRegistrar();  // stop()
    ServiceRegistrar(const ServiceRegistrar&) = delete;
    ServiceRegistrar& operator=(const ServiceRegistrar&) = delete;

    void start();
    void stop();
    // One pass: snapshot, plan, apply. Returns how many instances it changed.
    std::size_t run_once();

  private:
    model::Store& store_;
    model::ServiceDiscoveryStore& discovery_;
    ServiceRegistrarOptions options_;
    std::unique_ptr<StoreLoop> loop_;  // last: its thread reads the members above
};

}  // namespace berth::runtime

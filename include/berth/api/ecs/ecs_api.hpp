#pragma once
// The ECS API: every operation of ecs-2014-11-13 that Berth implements, registered on one
// protocol::JsonService. Handlers read and write the Store only; they never call Docker.
#include <functional>
#include <memory>
#include <string>

#include "berth/model/common.hpp"
#include "berth/model/service_discovery.hpp"
#include "berth/model/store.hpp"
#include "berth/protocol/json_service.hpp"

namespace berth::model {
class LoadBalancerStore;
}

namespace berth::api::ecs {

struct Environment {
    model::Store& store;
    // Time is injected so tests can control it.
    std::function<model::TimePoint()> now = [] { return model::Clock::now(); };
    // Cloud Map, where serviceRegistries must name an existing service (none: not checked).
    model::ServiceDiscoveryStore* service_discovery = nullptr;
    // ELBv2's target groups, which services' loadBalancers name; null: none exist.
    const model::LoadBalancerStore* load_balancers = nullptr;
    // The engine whose tasks a client-registered container instance (RegisterContainerInstance)
    // runs: Berth's first --docker-host.
    std::string default_docker_host = "unix:///var/run/docker.sock";
};

// Builds the ECS service. Operations in the model without a handler answer
// UnsupportedFeatureException naming the operation.
std::unique_ptr<protocol::JsonService> make_ecs_service(Environment env);

}  // namespace berth::api::ecs

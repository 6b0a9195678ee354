#pragma once
// The registrar's side of the load balancer store: what it says of the target groups and
// targets the tasks name, and the register / deregister calls, each under that store's own
// lock (never the Store's). Apart from target_registrar.cpp so that no file includes both the
// load balancer store's header and the Store's.
#include <vector>

#include "target_sync.hpp"

namespace berth::model {
class LoadBalancerStore;
}

namespace berth::runtime {

LoadBalancerFacts read_facts(const model::LoadBalancerStore& store,
                             const std::vector<TargetedTask>& tasks);
void make_call(model::LoadBalancerStore& store, const TargetCall& call, model::TimePoint now);
// Ends the draining that is over, even when no data plane runs the store's timer.
void expire_draining(model::LoadBalancerStore& store, model::TimePoint now);

}  // namespace berth::runtime

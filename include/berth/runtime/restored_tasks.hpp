#pragma once
// Tasks read back from --state-dir at start. Their containers outlived the earlier run and are
// adopted by the runtime (runtime/adoption_plan.hpp); what a restored STOPPED task still had
// registered with a load balancer is let go here, before anything looks.
#include "berth/model/load_balancers.hpp"
#include "berth/model/store.hpp"

namespace berth::runtime {

// Deregisters from their target groups (restored with the load balancers) the targets of the
// partition's STOPPED tasks, as ECS does when a task stops: they drain for the group's
// deregistration delay. Returns how many. (Cloud Map instances need no such step: the service
// registrar removes those of tasks that no longer run.)
int release_restored_targets(const model::Partition& partition,
                             model::LoadBalancerStore& load_balancers, model::TimePoint now);

}  // namespace berth::runtime

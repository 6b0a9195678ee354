#pragma once
// Whether a service's share of a plan still holds: the plan was computed on a snapshot, and
// the service or its tasks may have changed before the plan is applied.
#include <set>
#include <string>

#include "berth/model/store.hpp"
#include "berth/scheduler/plan.hpp"

namespace berth::runtime {

// The services a plan acts on.
std::set<std::string> services_in(const scheduler::Plan& plan);

// The services of `arns` whose plan actions must be skipped in `live`:
// - the service is gone, or its desired state differs from the snapshot's (status, desired
//   count, deployments, task definition, launch, network, placement, deployment
//   configuration): a client changed it;
// - one of its tasks got worse (was live and no longer is, was healthy and no longer is) or a
//   task of it appeared that the snapshot did not have: the counts the plan relied on are gone.
// A task that only moved forward (PENDING → RUNNING, UNKNOWN → HEALTHY) leaves the plan valid:
// the plan was merely more careful than it needed to be.
std::set<std::string> stale_services(const model::Partition& snapshot, const model::Partition& live,
                                     const std::set<std::string>& arns);

}  // namespace berth::runtime

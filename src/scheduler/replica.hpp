#pragma once
#include "scheduler/service_pass.hpp"

namespace berth::scheduler {

void reconcile_replica(ServicePass& pass);

}  // namespace berth::scheduler

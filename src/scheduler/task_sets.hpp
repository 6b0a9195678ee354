#pragma once
// EXTERNAL services: each task set held at its computed desired count (reconcile.hpp).
#include "scheduler/service_pass.hpp"

namespace berth::scheduler {

void reconcile_task_sets(ServicePass& pass);

}  // namespace berth::scheduler

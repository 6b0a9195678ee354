#pragma once
#include "scheduler/service_pass.hpp"

namespace berth::scheduler {

// DAEMON services: one primary task on every instance the service belongs on.
void reconcile_daemon(ServicePass& pass);

// The container instances a DAEMON service belongs on (ACTIVE, connected, memberOf met).
std::vector<std::string> daemon_instances(ServicePass& pass);

}  // namespace berth::scheduler

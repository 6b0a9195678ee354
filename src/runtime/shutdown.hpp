#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "berth/docker/types.hpp"
#include "engine.hpp"

namespace berth::runtime {

// Stops (SIGTERM, then SIGKILL after `stop_timeout`) and removes every container labelled with
// `instance_id` on the engine, then its task volumes, then the awsvpc network if this instance
// made it and nothing else uses it.
void remove_everything(Engine& engine, const std::string& instance_id,
                       std::chrono::seconds stop_timeout, const std::string& awsvpc_network);

// Stops and removes `containers`: the task containers in parallel, each given its chance to
// exit cleanly, then the sandboxes that held their networks, which have nothing to flush.
void remove_containers(docker::Client& client,
                       const std::vector<docker::ContainerSummary>& containers,
                       std::chrono::seconds stop_timeout);

}  // namespace berth::runtime

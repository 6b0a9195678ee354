#pragma once
#include <chrono>
#include <string>

#include "engine.hpp"

namespace berth::runtime {

// Stops (SIGTERM, then SIGKILL after `stop_timeout`) and removes every container labelled with
// `instance_id` on the engine, then its task volumes, then the awsvpc network if this instance
// made it and nothing else uses it.
void remove_everything(Engine& engine, const std::string& instance_id,
                       std::chrono::seconds stop_timeout, const std::string& awsvpc_network);

}  // namespace berth::runtime

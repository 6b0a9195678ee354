#pragma once
// FireLens on Docker, as the ECS agent does it: the router container (the one with a
// firelensConfiguration) gets a generated configuration file and a socket directory from
// Berth's host, mounted where fluent-bit or fluentd read them; each container that logs to
// awsfirelens gets Docker's fluentd log driver writing to that socket, tagged
// "<container>-firelens-<task id>", and starts after the router (rules_of adds the START
// dependency).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/runtime/task_spec.hpp"

namespace berth::runtime::firelens {

// The router's files on Berth's host (task_spec.hpp).
using TaskFiles = FirelensFiles;

// The router's files for the task, or none when no container is a router. Throws SpecError
// (ResourceInitializationError) when containers log to awsfirelens without a router, when
// Berth has no directory for the files, and for configurations config_text refuses.
std::optional<TaskFiles> task_files(const SpecInput& in);

// Mounts the configuration and the socket directory into the router's create body, and gives
// it the values of the routed containers' secretOptions as the variables its configuration
// names.
void mount_router(nlohmann::json& body, const TaskFiles& files, const SpecInput& in);

// Points an awsfirelens container's log driver at the router's socket; under awsvpc its
// FLUENT_HOST and FLUENT_PORT name the router's TCP input (the task shares one namespace).
void route_to_router(nlohmann::json& body, const TaskFiles& files, const std::string& container,
                     const SpecInput& in, bool awsvpc);

}  // namespace berth::runtime::firelens

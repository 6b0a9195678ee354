#pragma once
// Service Connect client aliases whose port differs from the container port (ECS's proxy
// listens on the alias port): Berth, which runs no proxy, redirects TCP alias port → container
// port inside an awsvpc task's network namespace, before its containers start. The rule lives
// in the namespace, so it goes with the task.
#include <string>
#include <vector>

#include "berth/model/service_links.hpp"
#include "berth/runtime/task_spec.hpp"
#include "context.hpp"
#include "engine.hpp"

namespace berth::runtime {

// The Service Connect endpoints of the deployment that started the task (else its service's);
// empty when it is not a service task or Service Connect is off.
std::vector<model::ServiceConnectEndpoint> service_connect_of(const model::Store& store,
                                                              const TaskRef& ref,
                                                              const model::Task& task);

// Adds the spec's redirects (each once: a step run again adds none twice) in the namespace of
// the task's sandbox. Without nsenter or iptables, or with a remote engine, the task runs
// without them and Berth warns once.
void apply_port_redirects(Engine& engine, const TaskSpec& spec, const std::string& sandbox_id,
                          const std::string& task_id);

}  // namespace berth::runtime

#pragma once
// The runtime's side of the task endpoints (berth/edge/task_endpoints.hpp): it makes the ids the
// containers are told, records what the edge needs in the TaskEndpointIndex, and redirects
// 169.254.170.2:80 inside each task's network namespace to Berth's listener on that network's
// gateway. The rule lives in the task's namespace, so it goes with the task: nothing is left on
// the host when Berth stops, even when it is killed. All of it is a no-op when the options have
// no index.
#include <map>
#include <optional>
#include <string>

#include "berth/docker/types.hpp"
#include "berth/runtime/task_spec.hpp"
#include "context.hpp"
#include "task_environment.hpp"

namespace berth::runtime {

// Before the spec: the environment the task's containers get (new ids); nullopt when off.
std::optional<TaskEnvironment> prepare_environment(const Context& ctx, const TaskRef& ref,
                                                   const TaskView& view);
// After the spec: the ids, Docker names and labels, for the edge.
void register_endpoints(Context& ctx, const TaskRef& ref, const TaskView& view,
                        const TaskSpec& spec, const TaskEnvironment& env);

// After an awsvpc task's sandbox started: the redirect in the namespace every container of the
// task will join, before any of them starts.
void connect_sandbox(Context& ctx, Engine& engine, const TaskRef& ref,
                     const docker::ContainerDetails& sandbox);
// After a container started: for bridge containers the redirect in its own namespace (it lands
// within milliseconds of the start; SDKs retry a refused credentials fetch), and for all what
// Docker reported (times, network).
void connect_container(Context& ctx, Engine& engine, const TaskRef& ref, const TaskView& view,
                       const std::string& container_name, const docker::ContainerDetails& d);

// What the engine says of an adopted task's containers (runtime/adoption.cpp).
struct AdoptedContainers {
    std::optional<docker::ContainerDetails> sandbox;
    std::map<std::string, docker::ContainerDetails> containers;  // by container name
};

// An adopted task (Berth restarted with --state-dir): its entry again, from the ids its
// containers were told (their environment), and the redirects in their namespaces, to this
// run's listeners.
void adopt_endpoints(Context& ctx, Engine& engine, const TaskRef& ref, const TaskView& view,
                     const AdoptedContainers& adopted);

// When the task's containers are removed.
void forget_endpoints(Context& ctx, const TaskView& view);

}  // namespace berth::runtime

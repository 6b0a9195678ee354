#pragma once
// The task half of the ECS API: RunTask, StartTask, StopTask, DescribeTasks, ListTasks and
// the container instance operations. Handlers only record desired state in the Store; the
// runtime makes the containers real and writes back what it observes.
#include "berth/api/ecs/ecs_api.hpp"
#include "berth/protocol/json_service.hpp"

namespace berth::api::ecs {

// Registers every operation below (the one call make_ecs_service makes).
void add_task_operations(protocol::JsonService& service, const Environment& env);

void add_run_task_operations(protocol::JsonService& service, const Environment& env);
void add_stop_task_operation(protocol::JsonService& service, const Environment& env);
void add_describe_task_operations(protocol::JsonService& service, const Environment& env);
void add_container_instance_operations(protocol::JsonService& service, const Environment& env);

}  // namespace berth::api::ecs

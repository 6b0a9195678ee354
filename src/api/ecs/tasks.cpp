#include "api/ecs/tasks.hpp"

namespace berth::api::ecs {

void add_task_operations(protocol::JsonService& service, const Environment& env) {
    add_run_task_operations(service, env);
    add_stop_task_operation(service, env);
    add_describe_task_operations(service, env);
    add_container_instance_operations(service, env);
}

}  // namespace berth::api::ecs

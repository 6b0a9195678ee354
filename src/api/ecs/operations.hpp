#pragma once
// The ECS operations, one function per resource family. make_ecs_service (ecs_service.cpp)
// calls each of them; a new family adds its line here and there.
#include "berth/api/ecs/ecs_api.hpp"
#include "berth/protocol/json_service.hpp"

namespace berth::api::ecs {

void add_cluster_operations(protocol::JsonService& service, const Environment& env);
void add_task_definition_operations(protocol::JsonService& service, const Environment& env);
void add_tag_operations(protocol::JsonService& service, const Environment& env);
void add_account_setting_operations(protocol::JsonService& service, const Environment& env);

}  // namespace berth::api::ecs

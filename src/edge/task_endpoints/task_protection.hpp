#pragma once
// The task scale-in protection endpoint a task's containers call, as the amazon-ecs-agent
// serves it at $ECS_AGENT_URI/task-protection/v1/state:
//   GET  the task's protection
//   PUT  {"ProtectionEnabled": bool, "ExpiresInMinutes": int}  sets it
// The agent calls ECS's GetTaskProtection/UpdateTaskProtection with the task role's credentials
// and wraps the answer in {"protection"}, {"failure"} or {"error"} (with the ECS requestID);
// Berth applies the same rules (model/task_protection.hpp) to the Store directly.
#include "berth/http/message.hpp"
#include "berth/model/store.hpp"
#include "berth/model/task_endpoints.hpp"

namespace berth::edge {

// The answer for the task whose container called: `task` is the index's entry, or null when
// the path's id names no container.
http::Response task_protection_answer(model::Store& store, const model::TaskEndpoints* task,
                                      const http::Request& request, model::TimePoint now);

}  // namespace berth::edge

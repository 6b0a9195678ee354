#pragma once
// Task and Container records → ECS JSON, with exactly the members of the model's Task and
// Container shapes, each only when it has a value (as ECS leaves unset members out).
#include <nlohmann/json.hpp>

#include "berth/model/task.hpp"

namespace berth::api::ecs {

nlohmann::json container_json(const model::Task& task, const model::TaskContainer& c);
// `with_tags`: DescribeTasks include TAGS, RunTask and StartTask answers.
nlohmann::json task_json(const model::Task& task, bool with_tags);

}  // namespace berth::api::ecs

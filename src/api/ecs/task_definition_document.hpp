#pragma once
// A RegisterTaskDefinition input turned into the TaskDefinition document ECS stores and
// describes: normalized (units, container defaults ECS fills in), checked with ECS's rules and
// messages, and completed with what ECS computes (compatibilities, requiresAttributes). All
// pure functions of JSON; the handler adds the ARN, revision and registration data.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace berth::api::ecs {

// normalize → validate → compatibilities and requiresAttributes. Throws AwsError.
nlohmann::json prepare_task_definition(const nlohmann::json& input);

// A RegisterDaemonTaskDefinition input as the DaemonTaskDefinition document ECS describes
// (without family), normalized and checked. Throws AwsError. (task_definition_defaults.cpp)
nlohmann::json prepare_daemon_task_definition(const nlohmann::json& input);

// The input without `tags` and JSON nulls, task cpu/memory in ECS's numeric strings, and the
// defaults ECS fills in: per container essential, cpu 0, the empty lists, port mapping
// protocol and host ports; volumes and placementConstraints.
// (task_definition_defaults.cpp)
nlohmann::json normalize_task_definition(const nlohmann::json& input);

// ECS's registration checks on a normalized document. Throws ClientException or
// InvalidParameterException with ECS's messages. (task_definition_validation.cpp)
void validate_task_definition(const nlohmann::json& doc);

// The checks a daemon task definition shares with a task definition: the family, the task
// size, the containers' names, images, memory and references, one essential container.
// (task_definition_validation.cpp)
void validate_daemon_task_definition(const nlohmann::json& doc);

// Why the document cannot run on Fargate (ECS's message), or nothing when it can.
// (task_definition_validation.cpp)
std::optional<std::string> fargate_problem(const nlohmann::json& doc);

// The launch types the document is valid for, in ECS's order. (task_definition_attributes.cpp)
nlohmann::json compatibilities(const nlohmann::json& doc);
// The container instance attributes the document needs: [{name}]. (task_definition_attributes.cpp)
nlohmann::json requires_attributes(const nlohmann::json& doc);

}  // namespace berth::api::ecs

#pragma once
// The task metadata endpoint's documents (versions 3 and 4), as ECS documents them: the task
// (`/task`), one container (the bare path), from the task as the Store holds it and what the
// runtime recorded of its containers. Pure: no locks, no clock.
#include <nlohmann/json.hpp>

#include "berth/model/task.hpp"
#include "berth/model/task_definition.hpp"
#include "berth/model/task_endpoints.hpp"

namespace berth::edge {

enum class MetadataVersion { v3, v4 };

struct MetadataInput {
    const model::Task& task;
    const model::TaskDefinitionBody* task_definition;  // null when the revision is gone
    const model::TaskEndpoints& endpoints;
    MetadataVersion version;
};

nlohmann::json task_metadata(const MetadataInput& in);
// Throws std::out_of_range when the task has no such container.
nlohmann::json container_metadata(const MetadataInput& in, const std::string& container_name);

// RFC 3339 with nanoseconds, trailing zeros trimmed (Go's RFC3339Nano, as the agent writes).
std::string rfc3339(model::TimePoint t);

}  // namespace berth::edge

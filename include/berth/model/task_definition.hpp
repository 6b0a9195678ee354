#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"

namespace berth::model {

// A registered revision. `doc` is the ECS TaskDefinition document exactly as
// DescribeTaskDefinition returns it (containerDefinitions, volumes, cpu, memory, ...): the
// runtime maps it to containers, and keeping ECS's own shape means no field is lost between
// registration and description. The typed members are what the rest of Berth looks up.
struct TaskDefinition {
    std::string arn;
    std::string family;
    int revision = 0;
    std::string status = "ACTIVE";  // ACTIVE | INACTIVE | DELETE_IN_PROGRESS
    nlohmann::json doc;
    Tags tags;
    TimePoint registered_at;
    std::optional<TimePoint> deregistered_at;
    std::optional<TimePoint> delete_requested_at;  // DeleteTaskDefinitions
    std::uint64_t seq = 0;
};

}  // namespace berth::model

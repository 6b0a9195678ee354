#pragma once
// A container instance as the container instance operations answer it.
#include <nlohmann/json.hpp>

#include "api/ecs/task_placement.hpp"

namespace berth::api::ecs {

// The optional members DescribeContainerInstances' `include` asks for.
struct InstanceFields {
    bool tags = false;
    bool health = false;
};
InstanceFields read_fields(const nlohmann::json& input);

// The ContainerInstance shape: registered and remaining resources (from the tasks placed on
// it), status, counts, attributes.
nlohmann::json container_instance_json(const InstanceLoad& load, const InstanceFields& fields);

}  // namespace berth::api::ecs

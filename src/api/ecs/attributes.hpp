#pragma once
// What RegisterContainerInstance shares with PutAttributes.
#include <nlohmann/json.hpp>

#include "berth/model/container_instance.hpp"

namespace berth::api::ecs {

// Puts one Attribute ({name, value?}) on the instance with PutAttributes' rules (names and
// values as ECS allows them, at most 10 custom attributes); throws as PutAttributes does.
void put_attribute(model::ContainerInstance& ci, const nlohmann::json& item);

}  // namespace berth::api::ecs

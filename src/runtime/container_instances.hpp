#pragma once
// The container instances Berth registers for the engines it drives: one per engine in every
// ACTIVE cluster, with the resources `docker info` reports and agentConnected following the
// engine. Pure: computed from a partition and the engines' facts, applied by the runtime.
#include <optional>
#include <string>
#include <vector>

#include "berth/model/store.hpp"
#include "engine.hpp"

namespace berth::runtime {

// An instance to add or update (record), or to remove (nullopt: its cluster is gone).
struct InstanceChange {
    std::string arn;
    std::optional<model::ContainerInstance> record;
};

std::vector<InstanceChange> container_instance_changes(const model::Partition& p,
                                                       const std::vector<EngineFacts>& engines,
                                                       model::TimePoint now);

void apply_instance_changes(model::Partition& p, const std::vector<InstanceChange>& changes);

// The attributes ECS's agent would report for this engine ([{name, value?}]).
nlohmann::json engine_attributes(const EngineFacts& engine, const std::string& region);

}  // namespace berth::runtime

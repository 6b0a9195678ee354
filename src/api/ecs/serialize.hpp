#pragma once
// Model → ECS JSON, shaped exactly as the model's output shapes: members that ECS leaves out
// when they are empty are left out here too, timestamps are epoch seconds.
#include <string>

#include <nlohmann/json.hpp>

#include "berth/model/store.hpp"

namespace berth::api::ecs {

inline double timestamp(model::TimePoint t) {
    return model::to_epoch_seconds(t);
}

nlohmann::json tags_json(const model::Tags& tags);  // [{key, value}]
nlohmann::json failure_json(const std::string& arn, const std::string& reason,
                            const std::string& detail = {});

// Which optional parts of a Cluster to describe (DescribeClusters `include`).
struct ClusterFields {
    bool settings = false;
    bool statistics = false;
    bool tags = false;
    bool configurations = false;
    bool attachments = false;

    // From an input's `include` member (ClusterFieldList).
    static ClusterFields from_include(const nlohmann::json& input);
    // What CreateCluster, UpdateCluster, DeleteCluster, ... answer with.
    static ClusterFields for_mutation() {
        return {.settings = true, .tags = true, .configurations = true};
    }
};

// A Cluster, with its task, service and container instance counts taken from `partition`.
nlohmann::json cluster_json(const model::Cluster& cluster, const model::Partition& partition,
                            const ClusterFields& fields);

// A TaskDefinition as DescribeTaskDefinition returns it (tags are not part of it).
nlohmann::json task_definition_json(const model::TaskDefinition& td);
// The same from `document`, td's document already at hand (saves parsing it again).
nlohmann::json task_definition_json(const model::TaskDefinition& td, nlohmann::json document);

}  // namespace berth::api::ecs

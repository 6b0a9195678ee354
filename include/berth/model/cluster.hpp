#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"
#include "berth/model/statuses.hpp"

namespace berth::model {

struct Cluster {
    std::string arn;
    std::string name;
    ClusterStatus status = ClusterStatus::active;       // INACTIVE after DeleteCluster
    nlohmann::json settings = nlohmann::json::array();  // [{name, value}]
    nlohmann::json configuration;                       // null when never set
    nlohmann::json capacity_providers = nlohmann::json::array();
    nlohmann::json default_capacity_provider_strategy = nlohmann::json::array();
    nlohmann::json service_connect_defaults;  // null when never set
    Tags tags;
    std::uint64_t seq = 0;  // creation order, for stable listings
};

}  // namespace berth::model

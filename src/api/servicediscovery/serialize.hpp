#pragma once
// Cloud Map resources as the API returns them.
#include <cstddef>

#include <nlohmann/json.hpp>

#include "berth/model/service_discovery.hpp"

namespace berth::api::servicediscovery {

// Namespace (GetNamespace) or NamespaceSummary (ListNamespaces, without CreatorRequestId).
nlohmann::json namespace_json(const model::CloudMapNamespace& ns, const model::PartitionKey& key,
                              std::size_t service_count, bool summary);
// Service (Create/GetService) or ServiceSummary (ListServices).
nlohmann::json service_json(const model::CloudMapService& s, const model::PartitionKey& key,
                            bool summary);
nlohmann::json dns_config_json(const model::DnsConfig& config, bool with_policy);
nlohmann::json operation_json(const model::CloudMapOperation& op, model::OperationStatus status,
                              const model::PartitionKey& key);
nlohmann::json attributes_json(const model::Attributes& attributes);

}  // namespace berth::api::servicediscovery

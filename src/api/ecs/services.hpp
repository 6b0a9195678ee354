#pragma once
// The service half of the ECS API: CreateService, UpdateService, DeleteService,
// DescribeServices, ListServices, ListServicesByNamespace, ListServiceDeployments,
// DescribeServiceDeployments, DescribeServiceRevisions, StopServiceDeployment and the task sets
// (task_sets.hpp). Handlers only record desired state (the service, its deployments and task
// sets, its desired count); the service controller (runtime/service_controller) turns the
// scheduler's plans into tasks, counts and events.
#include <string>
#include <string_view>

#include "berth/api/ecs/ecs_api.hpp"
#include "berth/model/store.hpp"
#include "berth/protocol/json_service.hpp"

namespace berth::api::ecs {

// --- finding services ------------------------------------------------------------------------

// Where a service named by a client lives: its cluster and name.
struct ServiceRef {
    std::string cluster;
    std::string name;
};

// A service reference is a name or a service ARN (service/CLUSTER/NAME, or the old
// service/NAME). The cluster is input[`cluster`], or the ARN's own when the input names none,
// or the default cluster. Throws InvalidParameterException for an ARN of another partition or
// of another resource type.
ServiceRef read_service_ref(const model::PartitionKey& partition, const nlohmann::json& input,
                            std::string_view member);

// The service of that name in that cluster (any status), or nullptr.
const model::Service* find_service(const model::Partition& p, const ServiceRef& ref);
model::Service* find_service(model::Partition& p, const ServiceRef& ref);

// As find_service; ServiceNotFoundException when there is none.
model::Service& require_service(model::Partition& p, const ServiceRef& ref);
const model::Service& require_service(const model::Partition& p, const ServiceRef& ref);
// As require_service, and it must be ACTIVE: ServiceNotActiveException otherwise.
model::Service& require_active_service(model::Partition& p, const ServiceRef& ref);
const model::Service& require_active_service(const model::Partition& p, const ServiceRef& ref);

// The PRIMARY deployment, or nullptr.
model::Deployment* primary_deployment(model::Service& s);
const model::Deployment* primary_deployment(const model::Service& s);

}  // namespace berth::api::ecs

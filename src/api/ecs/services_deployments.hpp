#pragma once
// What the service deployment operations (services_deployments.cpp,
// services_stop_deployment.cpp) share: a deployment found by its service-deployment or
// service-revision ARN, and the ServiceDeployment status it amounts to.
#include <string_view>

#include "berth/model/arn.hpp"
#include "berth/model/store.hpp"

namespace berth::api::ecs {

struct FoundDeployment {
    const model::Service* service = nullptr;
    const model::Deployment* deployment = nullptr;
};

// `type`/CLUSTER/SERVICE/ID (a service-deployment or a service-revision) → the deployment, if
// Berth still keeps it.
FoundDeployment find_deployment(const model::Partition& p, const model::Arn& arn,
                                std::string_view type);

// What a deployment and the rollback that may follow it amount to.
model::ServiceDeploymentStatus status_of(const model::Service& s, const model::Deployment& d);

}  // namespace berth::api::ecs

#include "api/ecs/services.hpp"

#include <utility>

#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace errors = protocol::errors;

ServiceRef read_service_ref(const model::PartitionKey& partition, const nlohmann::json& input,
                            std::string_view member) {
    const auto text = input.at(std::string(member)).get<std::string>();
    ServiceRef ref;
    if (has(input, "cluster")) ref.cluster = cluster_name_from_input(partition, input);
    if (!model::looks_like_arn(text)) {
        ref.name = text;
    } else {
        auto arn = check_ecs_arn(partition, text);
        if (arn.resource_type() != "service" || arn.resource_id().empty()) {
            throw errors::invalid_parameter("Invalid identifier: the ARN does not name a service.");
        }
        std::string id(arn.resource_id());
        auto slash = id.find('/');
        if (slash == std::string::npos) {
            ref.name = id;  // old format: service/NAME
        } else {
            ref.name = id.substr(slash + 1);
            if (ref.cluster.empty()) ref.cluster = id.substr(0, slash);
        }
    }
    if (ref.cluster.empty()) ref.cluster = std::string(k_default_cluster);
    return ref;
}

const model::Service* find_service(const model::Partition& p, const ServiceRef& ref) {
    auto it = p.services.find(model::service_arn(p.key, ref.cluster, ref.name));
    return it == p.services.end() ? nullptr : &it->second;
}

model::Service* find_service(model::Partition& p, const ServiceRef& ref) {
    auto it = p.services.find(model::service_arn(p.key, ref.cluster, ref.name));
    return it == p.services.end() ? nullptr : &it->second;
}

const model::Service& require_service(const model::Partition& p, const ServiceRef& ref) {
    const auto* s = find_service(p, ref);
    if (!s) throw errors::service_not_found();
    return *s;
}

model::Service& require_service(model::Partition& p, const ServiceRef& ref) {
    // The const lookup's checks, on a partition the caller may change.
    return const_cast<model::Service&>(require_service(std::as_const(p), ref));
}

const model::Service& require_active_service(const model::Partition& p, const ServiceRef& ref) {
    const auto& s = require_service(p, ref);
    if (s.status != model::ServiceStatus::active) throw errors::service_not_active();
    return s;
}

model::Service& require_active_service(model::Partition& p, const ServiceRef& ref) {
    return const_cast<model::Service&>(require_active_service(std::as_const(p), ref));
}

model::Deployment* primary_deployment(model::Service& s) {
    for (auto& d : s.deployments) {
        if (d.status == model::DeploymentStatus::primary) return &d;
    }
    return nullptr;
}

const model::Deployment* primary_deployment(const model::Service& s) {
    for (const auto& d : s.deployments) {
        if (d.status == model::DeploymentStatus::primary) return &d;
    }
    return nullptr;
}

}  // namespace berth::api::ecs

// serviceRegistries validation for CreateService. ECS's own texts where known (from its
// answers users quote); the ones marked (guess) are Berth's wording.
#include "api/ecs/service_registries.hpp"

#include <algorithm>

#include "berth/model/arn.hpp"
#include "berth/model/service_discovery.hpp"
#include "berth/model/task_definition_lookup.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

namespace errors = protocol::errors;

// Whether the Cloud Map service the ARN names has SRV records; throws when there is none.
// nullopt when there is no Cloud Map to ask (an ECS API on its own, as in unit tests).
std::optional<bool> registry_has_srv(const Environment& env, const std::string& arn_text) {
    auto arn = model::parse_arn(arn_text);
    if (!arn || arn->service != "servicediscovery" || arn->resource_type() != "service") {
        throw errors::invalid_parameter("The registryArn " + arn_text +
                                        " is not a valid service registry ARN.");  // (guess)
    }
    if (env.service_discovery == nullptr) return std::nullopt;
    auto srv = env.service_discovery->read(
        {arn->account, arn->region},
        [&](const model::ServiceDiscoveryPartition& p) -> std::optional<bool> {
            const auto* s = p.find_service(arn_text);
            if (s == nullptr) return std::nullopt;
            return s->dns_config && s->dns_config->find(model::DnsRecordType::srv) != nullptr;
        });
    if (!srv) {
        throw errors::invalid_parameter("Service registry " + arn_text +
                                        " does not exist.");  // (guess)
    }
    return *srv;
}

void check_container_port(const model::TaskDefinition& td, const model::ServiceRegistry& r,
                          const std::string& arn) {
    const auto name = r.container_name.value_or("");
    const auto* c = td.body->container(name);
    if (c == nullptr) {
        throw errors::invalid_parameter(
            "The container " + name +
            " does not exist in the task definition. Registry: " + arn);  // (guess)
    }
    const bool mapped =
        std::any_of(c->port_mappings.begin(), c->port_mappings.end(),
                    [&](const auto& pm) { return pm.container_port == r.container_port; });
    if (!mapped) {
        throw errors::invalid_parameter(
            "The container " + name + " does not have a port mapping for containerPort " +
            std::to_string(*r.container_port) + ". Registry: " + arn);  // (guess)
    }
}

}  // namespace

void check_service_registries(const Environment& env,
                              const std::vector<model::ServiceRegistry>& registries,
                              const std::string& task_definition_arn, const model::Partition& p) {
    if (registries.empty()) return;
    if (registries.size() > 1) {
        throw errors::invalid_parameter(
            "Only one service registry is supported per service.");  // (guess)
    }
    const auto& r = registries.front();
    if (!r.registry_arn || r.registry_arn->empty()) {
        throw errors::invalid_parameter("registryArn must be specified.");  // (guess)
    }
    const auto& arn = *r.registry_arn;
    const auto has_srv = registry_has_srv(env, arn);
    if (!has_srv) return;  // the rest depends on the Cloud Map service's records
    const bool srv = *has_srv;
    const auto* td = model::find_task_definition(p, task_definition_arn);
    const auto mode = td ? td->body->network_mode_or_default() : model::NetworkMode::awsvpc;
    const bool awsvpc = mode == model::NetworkMode::awsvpc;
    if (r.container_name.has_value() != r.container_port.has_value()) {
        throw errors::invalid_parameter(
            "Both 'containerName' and 'containerPort' must be specified. Registry: " +
            arn);  // (guess)
    }
    if (!srv) {
        if (r.port) {
            throw errors::invalid_parameter(
                "A port was provided but is not required by the specified service registry");
        }
        if (r.container_port) {
            throw errors::invalid_parameter(
                "The values specified for serviceRegistries do not require a value for "
                "'containerPort'. Remove the value and retry.");
        }
        if (!awsvpc) {
            throw errors::invalid_parameter(
                "When specifying 'host' or 'bridge' for networkMode, only SRV records are "
                "supported by the service registry. Registry: " +
                arn);  // (guess)
        }
        return;
    }
    if (!awsvpc && !r.container_port) {
        throw errors::invalid_parameter(
            "When specifying 'host' or 'bridge' for networkMode, values for 'containerName' and "
            "'containerPort' must be specified from the task definition. Registry: " +
            arn);
    }
    if (awsvpc && !r.port && !r.container_port) {
        throw errors::invalid_parameter(
            "When specifying 'awsvpc' for networkMode, a value for 'port' or values for "
            "'containerName' and 'containerPort' must be specified. Registry: " +
            arn);  // (guess)
    }
    if (r.port && r.container_port) {
        throw errors::invalid_parameter(
            "Specify either 'port' or 'containerName' and 'containerPort', not both. Registry: " +
            arn);  // (guess)
    }
    if (r.container_port && td) check_container_port(*td, r, arn);
}

}  // namespace berth::api::ecs

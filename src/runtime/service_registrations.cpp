#include "runtime/service_registrations.hpp"

#include <map>
#include <tuple>

#include "berth/model/arn.hpp"
#include "berth/model/task_definition_lookup.hpp"

namespace berth::runtime {

namespace {

using nlohmann::json;

std::string eni_detail(const json& attachments, const std::string& name) {
    if (!attachments.is_array()) return {};
    for (const auto& a : attachments) {
        if (a.value("type", "") != "ElasticNetworkInterface") continue;
        for (const auto& d : a.value("details", json::array())) {
            if (d.value("name", "") == name) return d.value("value", "");
        }
    }
    return {};
}

// The host port a bridge task's container publishes `container_port` on; 0 when none.
int host_port_of(const model::Task& t, const std::string& container, int container_port) {
    for (const auto& c : t.containers) {
        if (c.name != container || !c.network_bindings.is_array()) continue;
        for (const auto& b : c.network_bindings) {
            if (b.value("containerPort", 0) == container_port) return b.value("hostPort", 0);
        }
    }
    return 0;
}

std::optional<RegisteredInstance> instance_for(const model::Partition& p, const model::Service& s,
                                               const model::ServiceRegistry& registry,
                                               const model::Task& t,
                                               const RegistrationOptions& options) {
    auto arn = model::parse_arn(registry.registry_arn.value_or(""));
    if (!arn) return std::nullopt;
    const auto* td = model::task_definition_of(p, t);
    const bool awsvpc = td && td->body->network_mode_or_default() == model::NetworkMode::awsvpc;
    RegisteredInstance out;
    out.key = {arn->account, arn->region};
    out.service_id = std::string(arn->resource_id());
    out.instance_id = t.id;
    const auto ip = awsvpc ? eni_detail(t.attachments, "privateIPv4Address") : options.host_ipv4;
    if (ip.empty()) return std::nullopt;
    auto& a = out.attributes;
    a[std::string(model::k_attr_ipv4)] = ip;
    int port = registry.port.value_or(0);
    if (registry.container_port) {
        port = awsvpc ? *registry.container_port
                      : host_port_of(t, registry.container_name.value_or(""),
                                     *registry.container_port);
        if (port == 0) return std::nullopt;  // not published yet
    }
    if (port != 0) a[std::string(model::k_attr_port)] = std::to_string(port);
    a[std::string(model::k_attr_init_health)] = "HEALTHY";
    a["AVAILABILITY_ZONE"] = t.availability_zone;
    a["REGION"] = p.key.region;
    a["ECS_CLUSTER_NAME"] = s.cluster_name;
    a["ECS_SERVICE_NAME"] = s.name;
    a["ECS_TASK_DEFINITION_FAMILY"] = t.family;
    out.health = t.health == model::HealthStatus::unhealthy ? model::HealthStatus::unhealthy
                                                            : model::HealthStatus::healthy;
    return out;
}

using Id = std::tuple<model::PartitionKey, std::string, std::string>;
Id id_of(const RegisteredInstance& i) {
    return {i.key, i.service_id, i.instance_id};
}

}  // namespace

std::vector<RegisteredInstance> desired_instances(const model::Partition& p,
                                                  const RegistrationOptions& options) {
    std::vector<RegisteredInstance> out;
    for (const auto& [arn, s] : p.services) {
        if (s.service_registries.empty()) continue;
        for (const auto& [task_arn, t] : p.tasks) {
            if (t.service_name != s.name || t.cluster_name != s.cluster_name) continue;
            if (t.last_status != model::TaskStatus::running ||
                t.desired_status != model::TaskStatus::running) {
                continue;
            }
            for (const auto& registry : s.service_registries) {
                if (auto i = instance_for(p, s, registry, t, options)) out.push_back(std::move(*i));
            }
        }
    }
    return out;
}

bool registered_by_ecs(const model::CloudMapInstance& instance) {
    return instance.attribute("ECS_CLUSTER_NAME") != nullptr &&
           instance.attribute("ECS_SERVICE_NAME") != nullptr;
}

RegistrationPlan plan_registrations(const std::vector<RegisteredInstance>& desired,
                                    const std::vector<RegisteredInstance>& actual) {
    std::map<Id, const RegisteredInstance*> have;
    for (const auto& a : actual) have[id_of(a)] = &a;
    RegistrationPlan plan;
    std::map<Id, bool> wanted;
    for (const auto& d : desired) {
        wanted[id_of(d)] = true;
        auto it = have.find(id_of(d));
        if (it == have.end() || it->second->attributes != d.attributes) {
            plan.put.push_back(d);
        } else if (it->second->health != d.health) {
            plan.health.push_back(d);
        }
    }
    for (const auto& a : actual) {
        if (!wanted.count(id_of(a))) plan.remove.push_back(a);
    }
    return plan;
}

}  // namespace berth::runtime

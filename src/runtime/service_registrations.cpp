#include "runtime/service_registrations.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "berth/model/arn.hpp"
#include "berth/model/service_connect_redirects.hpp"
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

bool is_awsvpc(const model::Partition& p, const model::Task& t) {
    const auto* td = model::task_definition_of(p, t);
    return td && td->body->network_mode_or_default() == model::NetworkMode::awsvpc;
}

// The address other containers reach the task at: its awsvpc address, else the host's.
std::string address_of(const model::Partition& p, const model::Task& t,
                       const RegistrationOptions& options) {
    return is_awsvpc(p, t) ? eni_detail(t.attachments, "privateIPv4Address") : options.host_ipv4;
}

// `t` as an instance of the Cloud Map service `service_arn`, with ECS's attributes.
std::optional<RegisteredInstance> instance_of(const model::Partition& p, const model::Service& s,
                                              const model::Task& t, const std::string& service_arn,
                                              const std::string& ip, int port) {
    auto arn = model::parse_arn(service_arn);
    if (!arn || ip.empty()) return std::nullopt;
    RegisteredInstance out;
    out.key = {arn->account, arn->region};
    out.service_id = std::string(arn->resource_id());
    out.instance_id = t.id;
    auto& a = out.attributes;
    a[std::string(model::k_attr_ipv4)] = ip;
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

// The registries a task joins: its task set's under an EXTERNAL controller, else the service's.
const std::vector<model::ServiceRegistry>& registries_of(const model::Service& s,
                                                         const model::Task& t) {
    static const std::vector<model::ServiceRegistry> k_none;
    if (s.deployment_controller != model::DeploymentControllerType::external)
        return s.service_registries;
    const auto* ts = model::find_task_set(s, t.deployment_id);
    return ts ? ts->service_registries : k_none;
}

std::optional<RegisteredInstance> instance_for(const model::Partition& p, const model::Service& s,
                                               const model::ServiceRegistry& registry,
                                               const model::Task& t,
                                               const RegistrationOptions& options) {
    const bool awsvpc = is_awsvpc(p, t);
    int port = registry.port.value_or(0);
    if (registry.container_port) {
        port = awsvpc ? *registry.container_port
                      : host_port_of(t, registry.container_name.value_or(""),
                                     *registry.container_port);
        if (port == 0) return std::nullopt;  // not published yet
    }
    auto out =
        instance_of(p, s, t, registry.registry_arn.value_or(""), address_of(p, t, options), port);
    // ECS names a task set's externalId in its tasks' instances.
    const auto* ts = model::find_task_set(s, t.deployment_id);
    if (out && ts && !ts->external_id.empty())
        out->attributes["ECS_TASK_SET_EXTERNAL_ID"] = ts->external_id;
    return out;
}

// The port a Service Connect endpoint's tasks are reached on from other containers: the named
// port mapping's container port (awsvpc) or the host port Docker bound (bridge); 0 when none.
int endpoint_port(const model::Partition& p, const model::Task& t,
                  const model::ServiceConnectEndpoint& e) {
    const auto* td = model::task_definition_of(p, t);
    if (!td) return 0;
    for (const auto& c : td->body->containers) {
        for (const auto& pm : c.port_mappings) {
            if (pm.name != e.port_name || !pm.container_port) continue;
            return is_awsvpc(p, t) ? *pm.container_port
                                   : host_port_of(t, c.name, *pm.container_port);
        }
    }
    return 0;
}

bool registers(const model::Task& t) {
    return t.last_status == model::TaskStatus::running &&
           t.desired_status == model::TaskStatus::running;
}

// Calls f(task) for each RUNNING task of `s` that is to stay running.
template <class F>
void for_running_tasks(const model::Partition& p, const model::Service& s, F&& f) {
    for (const auto& [task_arn, t] : p.tasks) {
        if (t.service_name != s.name || t.cluster_name != s.cluster_name) continue;
        if (registers(t)) f(t);
    }
}

using Id = std::tuple<model::PartitionKey, std::string, std::string>;
Id id_of(const RegisteredInstance& i) {
    return {i.key, i.service_id, i.instance_id};
}

}  // namespace

std::vector<RegisteredInstance> desired_instances(const model::Partition& p,
                                                  const RegistrationOptions& options) {
    std::vector<RegisteredInstance> out;
    auto add = [&](std::optional<RegisteredInstance> i) {
        if (i) out.push_back(std::move(*i));
    };
    for (const auto& [arn, service] : p.services) {
        const auto& s = service;  // a lambda below captures it (clang 14 captures no binding)
        if (s.service_registries.empty() && s.task_sets.empty() &&
            s.service_connect_endpoints.empty()) {
            continue;
        }
        for_running_tasks(p, s, [&](const model::Task& t) {
            for (const auto& registry : registries_of(s, t)) {
                add(instance_for(p, s, registry, t, options));
            }
            // Service Connect: ECS registers each task in its discovery name's service.
            for (const auto& e : s.service_connect_endpoints) {
                const int port = endpoint_port(p, t, e);
                if (port != 0)
                    add(instance_of(p, s, t, e.discovery_arn, address_of(p, t, options), port));
            }
        });
    }
    return out;
}

model::ServiceConnectNameTable service_connect_names(const model::Partition& p,
                                                     const RegistrationOptions& options) {
    model::ServiceConnectNameTable out;
    auto add = [&](const std::string& name, const std::string& ip) {
        auto& list = out[model::normalize_dns_name(name)];
        if (std::find(list.begin(), list.end(), ip) == list.end()) list.push_back(ip);
    };
    for (const auto& [arn, service] : p.services) {
        const auto& s = service;  // a lambda below captures it (clang 14 captures no binding)
        if (s.status == model::ServiceStatus::inactive) continue;
        for_running_tasks(p, s, [&](const model::Task& t) {
            // ECS's proxy sends to healthy (or unchecked) tasks only; so do the names.
            if (t.health == model::HealthStatus::unhealthy) return;
            const auto ip = address_of(p, t, options);
            if (ip.empty()) return;
            // Without a proxy, an alias is reached where the task listens, or (awsvpc) at the
            // alias port the runtime redirects there in the task's namespace.
            const auto* td = model::task_definition_of(p, t);
            const auto redirects =
                td ? model::service_connect_redirects(s.service_connect_endpoints, *td->body)
                   : std::vector<model::PortRedirect>{};
            for (const auto& e : s.service_connect_endpoints) {
                const int port = endpoint_port(p, t, e);
                if (port == 0) continue;
                add(e.discovery_name, ip);
                for (const auto& a : e.aliases) {
                    if (model::alias_reaches(redirects, a.port, port)) add(a.dns_name, ip);
                }
            }
        });
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

// serviceConnectConfiguration, as ECS validates it (the ECS API reference's rules for
// ServiceConnectConfiguration, ServiceConnectService and ServiceConnectClientAlias). Texts
// marked (guess) are Berth's wording where ECS's is not known.
#include "api/ecs/service_connect.hpp"

#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "berth/model/arn.hpp"
#include "berth/model/service_connect_redirects.hpp"
#include "berth/model/service_discovery.hpp"
#include "berth/model/task_definition_lookup.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

namespace errors = protocol::errors;

protocol::AwsError namespace_not_found(const std::string& ns) {
    return {"NamespaceNotFoundException", "Namespace " + ns + " not found."};  // (guess)
}

// Up to `max` of [a-z0-9_-] (and '.' when `dots`), not starting with a hyphen: discoveryName
// and portName (64, no dots) and dnsName (127, dots) alike.
bool valid_name(const std::string& name, std::size_t max, bool dots) {
    if (name.empty() || name.size() > max || name.front() == '-') return false;
    return std::all_of(name.begin(), name.end(), [dots](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
               (dots && c == '.');
    });
}

// The namespace the configuration names, else the cluster's default.
std::string namespace_reference(const model::ServiceConnectConfiguration& config,
                                const model::Cluster& cluster) {
    if (config.namespace_name && !config.namespace_name->empty()) return *config.namespace_name;
    const auto& defaults = cluster.service_connect_defaults;
    auto ns = defaults.is_object() ? defaults.value("namespace", std::string{}) : std::string{};
    if (ns.empty()) {
        throw errors::invalid_parameter(
            "A namespace must be specified in the Service Connect configuration or as the "
            "cluster's serviceConnectDefaults.");  // (guess)
    }
    return ns;
}

struct ResolvedNamespace {
    model::PartitionKey key;
    std::string id;
    std::string name;
    std::string arn;
};

ResolvedNamespace find_namespace(const Environment& env, const model::PartitionKey& key,
                                 const std::string& ref) {
    if (env.service_discovery == nullptr) throw namespace_not_found(ref);
    ResolvedNamespace out{key, {}, {}, {}};
    if (auto arn = model::parse_arn(ref)) out.key = {arn->account, arn->region};
    const bool found =
        env.service_discovery->read(out.key, [&](const model::ServiceDiscoveryPartition& p) {
            const auto* ns = p.find_namespace(ref);
            if (ns == nullptr) ns = p.namespace_named(ref);
            if (ns == nullptr) return false;
            out.id = ns->id;
            out.name = ns->name;
            out.arn = ns->arn;
            return true;
        });
    if (!found) throw namespace_not_found(ref);
    return out;
}

// Throws unless a port mapping has the name.
void require_port_name(const model::TaskDefinition& td, const std::string& port_name) {
    if (model::find_port_mapping(*td.body, port_name)) return;
    throw errors::invalid_parameter("The portName " + port_name +
                                    " does not match any portMappings name in the task "
                                    "definition " +
                                    td.arn + ".");  // (guess)
}

void check_network_mode(const model::TaskDefinition& td) {
    const auto mode = td.body->network_mode_or_default();
    if (mode != model::NetworkMode::awsvpc && mode != model::NetworkMode::bridge) {
        throw errors::invalid_parameter(
            "Service Connect is only supported for task definitions that use the awsvpc or "
            "bridge network mode.");  // (guess)
    }
}

// The aliases (name and port) other ECS services of the namespace already answer to.
std::set<std::pair<std::string, int>> aliases_taken(const model::Partition& p,
                                                    const model::Service& self,
                                                    const ResolvedNamespace& ns) {
    std::set<std::pair<std::string, int>> out;
    for (const auto& [arn, s] : p.services) {
        if (arn == self.arn || s.status == model::ServiceStatus::inactive) continue;
        for (const auto& e : s.service_connect_endpoints) {
            if (e.namespace_id != ns.id) continue;
            for (const auto& a : e.aliases) {
                out.insert({model::normalize_dns_name(a.dns_name), a.port});
            }
        }
    }
    return out;
}

model::ServiceConnectEndpoint endpoint_of(const model::ServiceConnectService& s,
                                          const ResolvedNamespace& ns) {
    model::ServiceConnectEndpoint e;
    e.namespace_id = ns.id;
    e.port_name = s.port_name;
    e.discovery_name = s.discovery_name.value_or(s.port_name);
    if (!valid_name(e.discovery_name, 64, false)) {
        throw errors::invalid_parameter(
            "The discoveryName " + e.discovery_name +
            " can have up to 64 characters: lowercase letters, numbers, underscores and "
            "hyphens, and can't start with a hyphen.");  // (guess)
    }
    if (s.client_aliases.size() > 1) {
        throw errors::invalid_parameter(
            "The maximum number of client aliases for a Service Connect service is 1.");  // (guess)
    }
    for (const auto& a : s.client_aliases) {
        if (a.port < 1 || a.port > 65535) {
            throw errors::invalid_parameter(
                "The clientAliases port must be between 1 and 65535.");  // (guess)
        }
        auto dns = a.dns_name.value_or(e.discovery_name + "." + ns.name);
        if (!valid_name(dns, 127, true)) {
            throw errors::invalid_parameter(
                "The dnsName " + dns +
                " can have up to 127 characters: lowercase letters, numbers, underscores, "
                "hyphens and periods, and can't start with a hyphen.");  // (guess)
        }
        e.aliases.push_back({std::move(dns), a.port});
    }
    return e;
}

// The members Berth stores but does not act on (no proxy runs): one warning per call.
void warn_unacted(const model::Service& service, const model::ServiceConnectConfiguration& c) {
    std::vector<std::string> unacted;
    if (c.log_configuration) unacted.emplace_back("logConfiguration");
    if (c.access_log_configuration) unacted.emplace_back("accessLogConfiguration");
    for (const auto& s : c.services) {
        if (s.ingress_port_override) unacted.emplace_back("services[].ingressPortOverride");
        if (s.timeout) unacted.emplace_back("services[].timeout");
        if (s.tls) unacted.emplace_back("services[].tls");
        for (const auto& a : s.client_aliases) {
            if (a.test_traffic_rules)
                unacted.emplace_back("services[].clientAliases[].testTrafficRules");
        }
    }
    if (unacted.empty()) return;
    std::string list;
    for (const auto& u : unacted) list += (list.empty() ? "" : ", ") + u;
    spdlog::warn(
        "service {}: serviceConnectConfiguration {} stored and not acted on: Berth answers "
        "Service Connect names by DNS and runs no proxy (docs/fidelity.md)",
        service.arn, list);
}

// Berth runs no proxy. On awsvpc the runtime redirects an alias port to the container port in
// each task's network namespace, one container port per alias port (the first endpoint naming
// it); on bridge an alias is answered only when its port is the host port Docker binds. Says
// where an alias will not be reached.
void warn_unreachable_aliases(const model::Service& service,
                              const std::vector<model::ServiceConnectEndpoint>& endpoints,
                              const model::TaskDefinitionBody& td) {
    const bool bridge = td.network_mode_or_default() == model::NetworkMode::bridge;
    const auto redirects = model::service_connect_redirects(endpoints, td);
    for (const auto& e : endpoints) {
        const int port = model::named_container_port(td, e.port_name);
        for (const auto& a : e.aliases) {
            if (port == 0 || (!bridge && model::alias_reaches(redirects, a.port, port))) continue;
            spdlog::warn(
                "service {}: Service Connect client alias {}:{} is not reached ({}); Berth runs "
                "no proxy to forward it, use discoveryName {} (docs/fidelity.md)",
                service.arn, a.dns_name, a.port,
                bridge ? "bridge tasks are reached at the host port Docker binds"
                       : "another alias of the service has port " + std::to_string(a.port),
                e.discovery_name);
        }
    }
}

// The Cloud Map service ECS creates for a discovery name (API-only, tagged as ECS's), or the
// one already there.
std::string ensure_cloudmap_service(const Environment& env, const ResolvedNamespace& ns,
                                    const std::string& name, const model::Service& owner) {
    return env.service_discovery->write(ns.key, [&](model::ServiceDiscoveryPartition& p) {
        if (const auto* existing = p.service_named(ns.id, name)) return existing->arn;
        model::CloudMapService s;
        s.id = model::new_cloudmap_service_id();
        s.arn = model::cloudmap_service_arn(ns.key, s.id);
        s.name = name;
        s.namespace_id = ns.id;
        s.description = "Managed by " + owner.arn;
        s.type = model::CloudMapServiceType::http;
        s.create_date = model::Clock::now();
        s.tags.push_back({"AmazonECSManaged", "true"});
        auto arn = s.arn;
        p.services.emplace(s.id, std::move(s));
        return arn;
    });
}

}  // namespace

void resolve_service_connect(const Environment& env, model::Service& service,
                             const model::Partition& p, const model::Cluster& cluster) {
    const auto& config = service.service_connect_configuration;
    if (!config || !config->enabled) {
        service.service_connect_endpoints.clear();
        service.service_connect_namespace_arn.clear();
        return;
    }
    const auto ns = find_namespace(env, p.key, namespace_reference(*config, cluster));
    const auto* td = model::find_task_definition(p, service.task_definition_arn);
    if (td) check_network_mode(*td);
    const auto taken = aliases_taken(p, service, ns);
    std::vector<model::ServiceConnectEndpoint> endpoints;
    std::set<std::string> discovery_names;
    for (const auto& s : config->services) {
        if (td) require_port_name(*td, s.port_name);
        auto e = endpoint_of(s, ns);
        if (!discovery_names.insert(e.discovery_name).second) {
            throw errors::invalid_parameter("The discoveryName " + e.discovery_name +
                                            " is used more than once.");  // (guess)
        }
        for (const auto& a : e.aliases) {
            if (taken.count({model::normalize_dns_name(a.dns_name), a.port})) {
                throw errors::invalid_parameter(
                    "The client alias " + a.dns_name + ":" + std::to_string(a.port) +
                    " is already used in namespace " + ns.name + ".");  // (guess)
            }
        }
        endpoints.push_back(std::move(e));
    }
    warn_unacted(service, *config);
    if (td) warn_unreachable_aliases(service, endpoints, *td->body);
    for (auto& e : endpoints) {
        e.discovery_arn = ensure_cloudmap_service(env, ns, e.discovery_name, service);
    }
    service.service_connect_endpoints = std::move(endpoints);
    service.service_connect_namespace_arn = ns.arn;
}

std::string service_connect_namespace_arn(const Environment& env, const model::PartitionKey& key,
                                          const std::string& ref) {
    try {
        return find_namespace(env, key, ref).arn;
    } catch (const protocol::AwsError&) {
        return {};
    }
}

}  // namespace berth::api::ecs

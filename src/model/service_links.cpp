#include "berth/model/service_links.hpp"

#include "json_fields.hpp"

namespace berth::model {

using namespace json_fields;

namespace {

LoadBalancer read_load_balancer(const json& j) {
    LoadBalancer lb;
    read(j, "targetGroupArn", lb.target_group_arn);
    read(j, "loadBalancerName", lb.load_balancer_name);
    read(j, "containerName", lb.container_name);
    read(j, "containerPort", lb.container_port);
    read_with(j, "advancedConfiguration", lb.advanced_configuration, [](const json& a) {
        LoadBalancerAdvancedConfiguration c;
        read(a, "alternateTargetGroupArn", c.alternate_target_group_arn);
        read(a, "productionListenerRule", c.production_listener_rule);
        read(a, "testListenerRule", c.test_listener_rule);
        read(a, "roleArn", c.role_arn);
        return c;
    });
    return lb;
}

json load_balancer_json(const LoadBalancer& lb) {
    json out = json::object();
    write(out, "targetGroupArn", lb.target_group_arn);
    write(out, "loadBalancerName", lb.load_balancer_name);
    write(out, "containerName", lb.container_name);
    write(out, "containerPort", lb.container_port);
    write_with(out, "advancedConfiguration", lb.advanced_configuration,
               [](const LoadBalancerAdvancedConfiguration& c) {
                   json a = json::object();
                   write(a, "alternateTargetGroupArn", c.alternate_target_group_arn);
                   write(a, "productionListenerRule", c.production_listener_rule);
                   write(a, "testListenerRule", c.test_listener_rule);
                   write(a, "roleArn", c.role_arn);
                   return a;
               });
    return out;
}

ServiceRegistry read_registry(const json& j) {
    ServiceRegistry r;
    read(j, "registryArn", r.registry_arn);
    read(j, "port", r.port);
    read(j, "containerName", r.container_name);
    read(j, "containerPort", r.container_port);
    return r;
}

json registry_json(const ServiceRegistry& r) {
    json out = json::object();
    write(out, "registryArn", r.registry_arn);
    write(out, "port", r.port);
    write(out, "containerName", r.container_name);
    write(out, "containerPort", r.container_port);
    return out;
}

ServiceConnectClientAlias read_alias(const json& j) {
    ServiceConnectClientAlias a;
    read(j, "port", a.port);
    read(j, "dnsName", a.dns_name);
    read_with(j, "testTrafficRules", a.test_traffic_rules, [](const json& rules) {
        ServiceConnectTestTrafficRules r;
        const json* header = member(rules, "header");
        if (!header) return r;
        read(*header, "name", r.header_name);
        if (const json* value = member(*header, "value")) read(*value, "exact", r.header_exact);
        return r;
    });
    return a;
}

json alias_json(const ServiceConnectClientAlias& a) {
    json out{{"port", a.port}};
    write(out, "dnsName", a.dns_name);
    write_with(out, "testTrafficRules", a.test_traffic_rules,
               [](const ServiceConnectTestTrafficRules& r) {
                   json header{{"name", r.header_name}};
                   if (r.header_exact) header["value"] = {{"exact", *r.header_exact}};
                   return json{{"header", std::move(header)}};
               });
    return out;
}

ServiceConnectService read_connect_service(const json& j) {
    ServiceConnectService s;
    read(j, "portName", s.port_name);
    read(j, "discoveryName", s.discovery_name);
    read_list(j, "clientAliases", s.client_aliases, read_alias);
    read(j, "ingressPortOverride", s.ingress_port_override);
    read_with(j, "timeout", s.timeout, [](const json& t) {
        ServiceConnectTimeout out;
        read(t, "idleTimeoutSeconds", out.idle_timeout_seconds);
        read(t, "perRequestTimeoutSeconds", out.per_request_timeout_seconds);
        return out;
    });
    read_with(j, "tls", s.tls, [](const json& t) {
        ServiceConnectTls out;
        if (const json* issuer = member(t, "issuerCertificateAuthority")) {
            read(*issuer, "awsPcaAuthorityArn", out.aws_pca_authority_arn);
        }
        read(t, "kmsKey", out.kms_key);
        read(t, "roleArn", out.role_arn);
        return out;
    });
    return s;
}

json connect_service_json(const ServiceConnectService& s) {
    json out{{"portName", s.port_name}};
    write(out, "discoveryName", s.discovery_name);
    if (!s.client_aliases.empty()) out["clientAliases"] = list_json(s.client_aliases, alias_json);
    write(out, "ingressPortOverride", s.ingress_port_override);
    write_with(out, "timeout", s.timeout, [](const ServiceConnectTimeout& t) {
        json o = json::object();
        write(o, "idleTimeoutSeconds", t.idle_timeout_seconds);
        write(o, "perRequestTimeoutSeconds", t.per_request_timeout_seconds);
        return o;
    });
    write_with(out, "tls", s.tls, [](const ServiceConnectTls& t) {
        json issuer = json::object();
        write(issuer, "awsPcaAuthorityArn", t.aws_pca_authority_arn);
        json o{{"issuerCertificateAuthority", std::move(issuer)}};
        write(o, "kmsKey", t.kms_key);
        write(o, "roleArn", t.role_arn);
        return o;
    });
    return out;
}

}  // namespace

std::vector<LoadBalancer> read_load_balancers(const json& list) {
    return read_items(list, read_load_balancer);
}

json to_json(const std::vector<LoadBalancer>& load_balancers) {
    return list_json(load_balancers, load_balancer_json);
}

std::vector<ServiceRegistry> read_service_registries(const json& list) {
    return read_items(list, read_registry);
}

json to_json(const std::vector<ServiceRegistry>& registries) {
    return list_json(registries, registry_json);
}

ServiceConnectConfiguration read_service_connect(const json& doc) {
    ServiceConnectConfiguration c;
    read(doc, "enabled", c.enabled);
    read(doc, "namespace", c.namespace_name);
    read_list(doc, "services", c.services, read_connect_service);
    read_with(doc, "logConfiguration", c.log_configuration, read_log_configuration);
    read_with(doc, "accessLogConfiguration", c.access_log_configuration, [](const json& a) {
        ServiceConnectAccessLog log;
        read(a, "format", log.format);
        read(a, "includeQueryParameters", log.include_query_parameters);
        return log;
    });
    return c;
}

json service_connect_resources_json(const std::vector<ServiceConnectEndpoint>& list) {
    return list_json(list, [](const ServiceConnectEndpoint& e) {
        return json{{"discoveryName", e.discovery_name}, {"discoveryArn", e.discovery_arn}};
    });
}

json to_json(const ServiceConnectConfiguration& config) {
    json out{{"enabled", config.enabled}};
    write(out, "namespace", config.namespace_name);
    if (!config.services.empty()) {
        out["services"] = list_json(config.services, connect_service_json);
    }
    write_with(out, "logConfiguration", config.log_configuration,
               [](const LogConfiguration& log) { return to_json(log); });
    write_with(out, "accessLogConfiguration", config.access_log_configuration,
               [](const ServiceConnectAccessLog& a) {
                   json o{{"format", a.format}};
                   write(o, "includeQueryParameters", a.include_query_parameters);
                   return o;
               });
    return out;
}

}  // namespace berth::model

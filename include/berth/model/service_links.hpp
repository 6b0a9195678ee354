#pragma once
// How a service is reached: its load balancers, service registries (Cloud Map) and Service
// Connect configuration, read once at CreateService / UpdateService. Every member of the
// model's shapes is kept, so DescribeServices answers them back as sent; what Berth acts on is
// in docs/fidelity.md.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/task_definition.hpp"

namespace berth::model {

struct LoadBalancerAdvancedConfiguration {
    std::optional<std::string> alternate_target_group_arn;
    std::optional<std::string> production_listener_rule;
    std::optional<std::string> test_listener_rule;
    std::optional<std::string> role_arn;
};

struct LoadBalancer {
    std::optional<std::string> target_group_arn;
    std::optional<std::string> load_balancer_name;
    std::optional<std::string> container_name;
    std::optional<int> container_port;
    std::optional<LoadBalancerAdvancedConfiguration> advanced_configuration;
};

struct ServiceRegistry {
    std::optional<std::string> registry_arn;
    std::optional<int> port;
    std::optional<std::string> container_name;
    std::optional<int> container_port;
};

// Lists are written back when not empty; required members are plain values.
struct ServiceConnectTestTrafficRules {
    std::string header_name;                  // header.name
    std::optional<std::string> header_exact;  // header.value.exact
};

struct ServiceConnectClientAlias {
    int port = 0;
    std::optional<std::string> dns_name;
    std::optional<ServiceConnectTestTrafficRules> test_traffic_rules;
};

struct ServiceConnectTls {
    std::optional<std::string> aws_pca_authority_arn;  // issuerCertificateAuthority's
    std::optional<std::string> kms_key;
    std::optional<std::string> role_arn;
};

struct ServiceConnectTimeout {
    std::optional<int> idle_timeout_seconds;
    std::optional<int> per_request_timeout_seconds;
};

struct ServiceConnectService {
    std::string port_name;
    std::optional<std::string> discovery_name;
    std::vector<ServiceConnectClientAlias> client_aliases;
    std::optional<int> ingress_port_override;
    std::optional<ServiceConnectTimeout> timeout;
    std::optional<ServiceConnectTls> tls;
};

struct ServiceConnectAccessLog {
    std::string format;                                   // TEXT | JSON
    std::optional<std::string> include_query_parameters;  // ENABLED | DISABLED
};

struct ServiceConnectConfiguration {
    bool enabled = false;
    std::optional<std::string> namespace_name;  // namespace
    std::vector<ServiceConnectService> services;
    std::optional<LogConfiguration> log_configuration;
    std::optional<ServiceConnectAccessLog> access_log_configuration;
};

// A Service Connect service as CreateService resolved it: ECS's ServiceConnectServiceResource
// (the Cloud Map service ECS made for the discovery name) and the aliases clients use, their
// dnsName defaulted to discoveryName.namespace. The service registrar acts on these.
struct ServiceConnectAliasTarget {
    std::string dns_name;  // as given, or discoveryName.namespaceName
    int port = 0;
    bool operator==(const ServiceConnectAliasTarget&) const = default;
};

struct ServiceConnectEndpoint {
    std::string discovery_name;  // discoveryName, or portName
    std::string discovery_arn;   // the Cloud Map service's ARN
    std::string port_name;
    std::string namespace_id;  // ns-...: aliases are unique within it
    std::vector<ServiceConnectAliasTarget> aliases;
    bool operator==(const ServiceConnectEndpoint&) const = default;
};

// serviceConnectResources: [{discoveryName, discoveryArn}].
nlohmann::json service_connect_resources_json(const std::vector<ServiceConnectEndpoint>& list);

// Each reads its ECS document (validated against the model's shape) and writes it back.
std::vector<LoadBalancer> read_load_balancers(const nlohmann::json& list);
nlohmann::json to_json(const std::vector<LoadBalancer>& load_balancers);
std::vector<ServiceRegistry> read_service_registries(const nlohmann::json& list);
nlohmann::json to_json(const std::vector<ServiceRegistry>& registries);
ServiceConnectConfiguration read_service_connect(const nlohmann::json& doc);
nlohmann::json to_json(const ServiceConnectConfiguration& config);

}  // namespace berth::model

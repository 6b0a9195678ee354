#pragma once
// AWS Cloud Map state: namespaces, their services, the services' instances and the
// asynchronous operations that created or changed them, per (account, region). Its own mutex,
// apart from model::Store, so Cloud Map writes never wake or slow the ECS loops.
//
// Two readers besides the API (src/api/servicediscovery): ECS's service registries write
// instances for RUNNING tasks, and the DNS server (edge/dns) asks `lookup_dns` for the records
// of a name in the private DNS namespaces of every partition. `version()` counts writes and
// `subscribe` calls back after each one, so a reader can cache answers.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "berth/model/common.hpp"
#include "berth/model/names.hpp"
#include "berth/model/task_status.hpp"

namespace berth::model {

enum class NamespaceType : std::uint8_t { dns_public, dns_private, http };
template <>
inline constexpr NameTable<NamespaceType, 3> k_names<NamespaceType>{{{
    {NamespaceType::dns_public, "DNS_PUBLIC"},
    {NamespaceType::dns_private, "DNS_PRIVATE"},
    {NamespaceType::http, "HTTP"},
}}};

enum class DnsRecordType : std::uint8_t { a, aaaa, srv, cname };
template <>
inline constexpr NameTable<DnsRecordType, 4> k_names<DnsRecordType>{{{
    {DnsRecordType::a, "A"},
    {DnsRecordType::aaaa, "AAAA"},
    {DnsRecordType::srv, "SRV"},
    {DnsRecordType::cname, "CNAME"},
}}};

enum class RoutingPolicy : std::uint8_t { multivalue, weighted };
template <>
inline constexpr NameTable<RoutingPolicy, 2> k_names<RoutingPolicy>{{{
    {RoutingPolicy::multivalue, "MULTIVALUE"},
    {RoutingPolicy::weighted, "WEIGHTED"},
}}};

// Route 53 health checks (public namespaces only). Accepted and stored; Berth runs no checker,
// so instances of such a service read as HEALTHY (docs/fidelity.md).
enum class HealthCheckType : std::uint8_t { http, https, tcp };
template <>
inline constexpr NameTable<HealthCheckType, 3> k_names<HealthCheckType>{{{
    {HealthCheckType::http, "HTTP"},
    {HealthCheckType::https, "HTTPS"},
    {HealthCheckType::tcp, "TCP"},
}}};

// Instance health is model::HealthStatus (task_status.hpp): the same HEALTHY, UNHEALTHY and
// UNKNOWN as ECS's, one enum for both.

// Service.Type: HTTP (discoverable by the API only), DNS_HTTP (by DNS and the API), DNS.
enum class CloudMapServiceType : std::uint8_t { http, dns_http, dns };
template <>
inline constexpr NameTable<CloudMapServiceType, 3> k_names<CloudMapServiceType>{{{
    {CloudMapServiceType::http, "HTTP"},
    {CloudMapServiceType::dns_http, "DNS_HTTP"},
    {CloudMapServiceType::dns, "DNS"},
}}};

enum class OperationStatus : std::uint8_t { submitted, pending, success, fail };
template <>
inline constexpr NameTable<OperationStatus, 4> k_names<OperationStatus>{{{
    {OperationStatus::submitted, "SUBMITTED"},
    {OperationStatus::pending, "PENDING"},
    {OperationStatus::success, "SUCCESS"},
    {OperationStatus::fail, "FAIL"},
}}};

enum class OperationType : std::uint8_t {
    create_namespace,
    delete_namespace,
    update_namespace,
    update_service,
    register_instance,
    deregister_instance,
};
template <>
inline constexpr NameTable<OperationType, 6> k_names<OperationType>{{{
    {OperationType::create_namespace, "CREATE_NAMESPACE"},
    {OperationType::delete_namespace, "DELETE_NAMESPACE"},
    {OperationType::update_namespace, "UPDATE_NAMESPACE"},
    {OperationType::update_service, "UPDATE_SERVICE"},
    {OperationType::register_instance, "REGISTER_INSTANCE"},
    {OperationType::deregister_instance, "DEREGISTER_INSTANCE"},
}}};

enum class OperationTargetType : std::uint8_t { namespace_, service, instance };
template <>
inline constexpr NameTable<OperationTargetType, 3> k_names<OperationTargetType>{{{
    {OperationTargetType::namespace_, "NAMESPACE"},
    {OperationTargetType::service, "SERVICE"},
    {OperationTargetType::instance, "INSTANCE"},
}}};

// The instance attributes Cloud Map gives a meaning to.
inline constexpr std::string_view k_attr_ipv4 = "AWS_INSTANCE_IPV4";
inline constexpr std::string_view k_attr_ipv6 = "AWS_INSTANCE_IPV6";
inline constexpr std::string_view k_attr_port = "AWS_INSTANCE_PORT";
inline constexpr std::string_view k_attr_cname = "AWS_INSTANCE_CNAME";
inline constexpr std::string_view k_attr_alias = "AWS_ALIAS_DNS_NAME";
inline constexpr std::string_view k_attr_init_health = "AWS_INIT_HEALTH_STATUS";

using Attributes = std::map<std::string, std::string>;

struct CloudMapNamespace {
    std::string id;  // "ns-" + 16 characters
    std::string arn;
    std::string name;  // as given (DNS names without a trailing dot)
    std::string description;
    NamespaceType type = NamespaceType::http;
    std::string creator_request_id;
    std::string hosted_zone_id;  // DNS namespaces: Route 53's hosted zone (made up)
    std::int64_t soa_ttl = 15;   // DNS namespaces: Properties.DnsProperties.SOA.TTL
    std::string vpc;             // private DNS namespaces: the VPC given (not acted on)
    TimePoint create_date{};
    TimePoint update_date{};
    Tags tags;

    bool is_dns() const { return type != NamespaceType::http; }
};

struct DnsRecord {
    DnsRecordType type = DnsRecordType::a;
    std::int64_t ttl = 60;
};

struct DnsConfig {
    RoutingPolicy routing_policy = RoutingPolicy::multivalue;
    std::vector<DnsRecord> records;

    const DnsRecord* find(DnsRecordType type) const;
};

struct HealthCheckConfig {
    HealthCheckType type = HealthCheckType::http;
    std::string resource_path;  // HTTP/HTTPS; "/" by default
    std::int64_t failure_threshold = 1;
};

struct HealthCheckCustomConfig {
    std::int64_t failure_threshold = 1;  // deprecated by AWS: always 1
};

struct CloudMapInstance {
    std::string id;
    std::string creator_request_id;
    Attributes attributes;
    // The custom health status (UpdateInstanceCustomHealthStatus); starts from
    // AWS_INIT_HEALTH_STATUS, HEALTHY when absent.
    HealthStatus custom_health = HealthStatus::healthy;
    TimePoint create_date{};
    TimePoint update_date{};

    const std::string* attribute(std::string_view key) const;
};

struct CloudMapService {
    std::string id;  // "srv-" + 16 characters
    std::string arn;
    std::string name;
    std::string namespace_id;
    std::string description;
    std::string creator_request_id;
    CloudMapServiceType type = CloudMapServiceType::http;
    std::optional<DnsConfig> dns_config;
    std::optional<HealthCheckConfig> health_check;
    std::optional<HealthCheckCustomConfig> custom_health_check;
    Attributes service_attributes;  // GetServiceAttributes / UpdateServiceAttributes
    TimePoint create_date{};
    Tags tags;
    std::map<std::string, CloudMapInstance> instances;  // by instance id
    // DiscoverInstancesRevision: bumped whenever an instance or its health changes.
    std::int64_t revision = 1;

    // Whether instances are filtered by health: a Route 53 or a custom health check.
    bool has_health_check() const { return health_check || custom_health_check; }
    // An instance's health as DiscoverInstances and GetInstancesHealthStatus report it:
    // its custom status with a custom health check, HEALTHY with a Route 53 check (not run),
    // UNKNOWN without any health check.
    HealthStatus health_of(const CloudMapInstance& instance) const;
};

struct CloudMapOperation {
    std::string id;
    OperationType type = OperationType::create_namespace;
    // What Berth did: it applies every change at once, so SUCCESS or FAIL. GetOperation and
    // ListOperations report an operation as SUBMITTED until it has been reported once, as
    // AWS's asynchronous operations first read (see `reported_status`).
    OperationStatus status = OperationStatus::success;
    std::string error_code;  // FAIL only
    std::string error_message;
    TimePoint create_date{};
    TimePoint update_date{};
    std::map<OperationTargetType, std::string> targets;
    bool reported = false;

    // The status a report shows now; marks the operation reported (so the next says SUCCESS).
    OperationStatus report();
};

// One partition's Cloud Map state.
struct ServiceDiscoveryPartition {
    std::map<std::string, CloudMapNamespace> namespaces;  // by id
    std::map<std::string, CloudMapService> services;      // by id
    std::map<std::string, CloudMapOperation> operations;  // by id

    // By id or ARN; nullptr when none.
    const CloudMapNamespace* find_namespace(std::string_view id_or_arn) const;
    CloudMapNamespace* find_namespace(std::string_view id_or_arn);
    const CloudMapService* find_service(std::string_view id_or_arn) const;
    CloudMapService* find_service(std::string_view id_or_arn);
    // By name (DNS names compare case-insensitively, without a trailing dot).
    const CloudMapNamespace* namespace_named(std::string_view name) const;
    const CloudMapService* service_named(std::string_view namespace_id,
                                         std::string_view name) const;
    CloudMapService* service_named(std::string_view namespace_id, std::string_view name);
    std::size_t services_in(std::string_view namespace_id) const;

    // Records a finished operation and returns its id.
    std::string add_operation(OperationType type,
                              std::map<OperationTargetType, std::string> targets, TimePoint now);
};

// "arn:aws:servicediscovery:REGION:ACCOUNT:namespace/ns-..." and ".../service/srv-...".
std::string cloudmap_namespace_arn(const PartitionKey& key, std::string_view id);
std::string cloudmap_service_arn(const PartitionKey& key, std::string_view id);
std::string new_cloudmap_namespace_id();  // "ns-" + 16 lowercase alphanumerics
std::string new_cloudmap_service_id();    // "srv-" + 16 lowercase alphanumerics
std::string new_cloudmap_operation_id();

// One record of a DNS answer.
struct DnsAnswer {
    std::string instance_id;
    // A: IPv4 text; AAAA: IPv6 text; CNAME: the target name; SRV: the target host name,
    // "<instance id>.<service>.<namespace>", which `lookup_dns` answers with A/AAAA.
    std::string value;
    std::uint16_t port = 0;      // SRV only
    std::uint16_t priority = 1;  // SRV only: Cloud Map always writes 1 1 PORT HOST
    std::uint16_t weight = 1;
};

// What the private DNS namespaces say about one name and record type.
struct DnsLookup {
    // The name is a private namespace or under one: answer it authoritatively (NXDOMAIN when
    // !name_exists) and never forward it.
    bool in_private_namespace = false;
    // Some record of any type exists at the name (or it is the namespace's apex): an empty
    // `answers` is then NODATA rather than NXDOMAIN.
    bool name_exists = false;
    std::string namespace_name;  // lowercase, without a trailing dot
    std::int64_t soa_ttl = 15;   // the namespace's SOA TTL (negative answers)
    // The records' type: the query's, or CNAME when the name holds a CNAME (as DNS does).
    DnsRecordType answer_type = DnsRecordType::a;
    std::int64_t ttl = 0;  // the DnsConfig TTL of answer_type's record
    RoutingPolicy routing_policy = RoutingPolicy::multivalue;
    // Every eligible record: the healthy instances' when the service has a health check, all
    // instances when it has none or none is healthy (Route 53 then answers with unhealthy
    // records). The DNS server picks from these: up to k_max_multivalue_answers shuffled for
    // MULTIVALUE, one at random for WEIGHTED.
    std::vector<DnsAnswer> answers;
};

inline constexpr std::size_t k_max_multivalue_answers = 8;

// Lowercase and without a trailing dot: the form names are compared in.
std::string normalize_dns_name(std::string_view name);

// The lookup in one partition (ServiceDiscoveryStore::lookup_dns walks them all).
DnsLookup lookup_dns(const ServiceDiscoveryPartition& partition, std::string_view fqdn,
                     DnsRecordType type);

class ServiceDiscoveryStore {
  public:
    // The records for `fqdn` (case-insensitive, trailing dot optional) in every partition's
    // private DNS namespaces; in_private_namespace == false when no namespace holds it.
    DnsLookup lookup_dns(std::string_view fqdn, DnsRecordType type) const;

    // Counts writes: a reader that cached answers at version v is stale when this differs.
    std::uint64_t version() const { return version_.load(); }
    // Calls `on_change` after every write, outside the lock (from the writer's thread). It
    // must not throw and should be quick (post to an executor).
    void subscribe(std::function<void()> on_change);

    // Runs f(const ServiceDiscoveryPartition&) under the lock; an unseen partition reads empty.
    template <class F>
    auto read(const PartitionKey& key, F&& f) const {
        std::lock_guard lock(mutex_);
        auto it = partitions_.find(key);
        if (it == partitions_.end()) {
            const ServiceDiscoveryPartition empty;
            return f(empty);
        }
        return f(it->second);
    }

    // Runs f(const PartitionKey&, const ServiceDiscoveryPartition&) for every partition.
    template <class F>
    void read_all(F&& f) const {
        std::lock_guard lock(mutex_);
        for (const auto& [key, partition] : partitions_) f(key, partition);
    }

    // Runs f(ServiceDiscoveryPartition&) under the lock, creating the partition on first use,
    // then bumps version() and calls the subscribers. f may throw; what it changed before
    // throwing stays changed, so check before changing.
    template <class F>
    auto write(const PartitionKey& key, F&& f) {
        const Notify notify{*this};  // destroyed after the lock is released
        std::lock_guard lock(mutex_);
        return f(partitions_[key]);
    }

    // For the state files (persist): every partition with the version it is at least as new
    // as, and the partitions read back at start (subscribers are told).
    std::pair<std::map<PartitionKey, ServiceDiscoveryPartition>, std::uint64_t> versioned_copy()
        const;
    void restore(std::map<PartitionKey, ServiceDiscoveryPartition> partitions);

  private:
    struct Notify {
        ServiceDiscoveryStore& store;
        ~Notify() { store.changed(); }
    };
    void changed() noexcept;

    mutable std::mutex mutex_;
    std::map<PartitionKey, ServiceDiscoveryPartition> partitions_;
    std::atomic<std::uint64_t> version_{0};
    std::mutex subscribers_mutex_;
    std::vector<std::function<void()>> subscribers_;
};

}  // namespace berth::model

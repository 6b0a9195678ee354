#pragma once
// describe() for AWS Cloud Map's store (included by describe.hpp before the codec templates).
// A service is saved with its instances; operations are entities of their own.
#include "berth/model/service_discovery.hpp"
#include "codec.hpp"

namespace berth::persist::codec {

template <>
inline constexpr bool k_described<model::CloudMapNamespace> = true;
template <class V>
void describe(V& v, model::CloudMapNamespace& x) {
    v("id", x.id);
    v("arn", x.arn);
    v("name", x.name);
    v("description", x.description);
    v("type", x.type);
    v("creatorRequestId", x.creator_request_id);
    v("hostedZoneId", x.hosted_zone_id);
    v("soaTtl", x.soa_ttl);
    v("vpc", x.vpc);
    v("createDate", x.create_date);
    v("updateDate", x.update_date);
    v("tags", x.tags);
}

template <>
inline constexpr bool k_described<model::DnsRecord> = true;
template <class V>
void describe(V& v, model::DnsRecord& x) {
    v("type", x.type);
    v("ttl", x.ttl);
}

template <>
inline constexpr bool k_described<model::DnsConfig> = true;
template <class V>
void describe(V& v, model::DnsConfig& x) {
    v("routingPolicy", x.routing_policy);
    v("records", x.records);
}

template <>
inline constexpr bool k_described<model::HealthCheckConfig> = true;
template <class V>
void describe(V& v, model::HealthCheckConfig& x) {
    v("type", x.type);
    v("resourcePath", x.resource_path);
    v("failureThreshold", x.failure_threshold);
}

template <>
inline constexpr bool k_described<model::HealthCheckCustomConfig> = true;
template <class V>
void describe(V& v, model::HealthCheckCustomConfig& x) {
    v("failureThreshold", x.failure_threshold);
}

template <>
inline constexpr bool k_described<model::CloudMapInstance> = true;
template <class V>
void describe(V& v, model::CloudMapInstance& x) {
    v("id", x.id);
    v("creatorRequestId", x.creator_request_id);
    v("attributes", x.attributes);
    v("customHealth", x.custom_health);
    v("createDate", x.create_date);
    v("updateDate", x.update_date);
}

template <>
inline constexpr bool k_described<model::CloudMapService> = true;
template <class V>
void describe(V& v, model::CloudMapService& x) {
    v("id", x.id);
    v("arn", x.arn);
    v("name", x.name);
    v("namespaceId", x.namespace_id);
    v("description", x.description);
    v("creatorRequestId", x.creator_request_id);
    v("type", x.type);
    v("dnsConfig", x.dns_config);
    v("healthCheck", x.health_check);
    v("customHealthCheck", x.custom_health_check);
    v("serviceAttributes", x.service_attributes);
    v("createDate", x.create_date);
    v("tags", x.tags);
    v("instances", x.instances);
    v("revision", x.revision);
}

template <>
inline constexpr bool k_described<model::CloudMapOperation> = true;
template <class V>
void describe(V& v, model::CloudMapOperation& x) {
    v("id", x.id);
    v("type", x.type);
    v("status", x.status);
    v("errorCode", x.error_code);
    v("errorMessage", x.error_message);
    v("createDate", x.create_date);
    v("updateDate", x.update_date);
    v("targets", x.targets);
    v("reported", x.reported);
}

}  // namespace berth::persist::codec

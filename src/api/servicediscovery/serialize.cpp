#include "api/servicediscovery/serialize.hpp"

namespace berth::api::servicediscovery {

using nlohmann::json;

json namespace_json(const model::CloudMapNamespace& ns, const model::PartitionKey& key,
                    std::size_t service_count, bool summary) {
    json properties{{"HttpProperties", {{"HttpName", ns.name}}}};
    if (ns.is_dns()) {
        properties["DnsProperties"] = {{"HostedZoneId", ns.hosted_zone_id},
                                       {"SOA", {{"TTL", ns.soa_ttl}}}};
    }
    json out{{"Id", ns.id},
             {"Arn", ns.arn},
             {"Name", ns.name},
             {"Type", model::to_string(ns.type)},
             {"ServiceCount", service_count},
             {"Properties", std::move(properties)},
             {"CreateDate", model::to_epoch_seconds(ns.create_date)},
             {"ResourceOwner", key.account}};
    if (!ns.description.empty()) out["Description"] = ns.description;
    if (!summary && !ns.creator_request_id.empty()) out["CreatorRequestId"] = ns.creator_request_id;
    return out;
}

json dns_config_json(const model::DnsConfig& config, bool with_policy) {
    json records = json::array();
    for (const auto& r : config.records) {
        records.push_back({{"Type", model::to_string(r.type)}, {"TTL", r.ttl}});
    }
    json out{{"DnsRecords", std::move(records)}};
    if (with_policy) out["RoutingPolicy"] = model::to_string(config.routing_policy);
    return out;
}

json service_json(const model::CloudMapService& s, const model::PartitionKey& key, bool summary) {
    json out{{"Id", s.id},
             {"Arn", s.arn},
             {"Name", s.name},
             {"Type", model::to_string(s.type)},
             {"InstanceCount", s.instances.size()},
             {"CreateDate", model::to_epoch_seconds(s.create_date)},
             {"CreatedByAccount", key.account},
             {"ResourceOwner", key.account}};
    if (!summary) out["NamespaceId"] = s.namespace_id;
    if (!s.description.empty()) out["Description"] = s.description;
    if (!summary && !s.creator_request_id.empty()) out["CreatorRequestId"] = s.creator_request_id;
    if (s.dns_config) {
        auto dns = dns_config_json(*s.dns_config, true);
        if (!summary) dns["NamespaceId"] = s.namespace_id;
        out["DnsConfig"] = std::move(dns);
    }
    if (s.health_check) {
        json hc{{"Type", model::to_string(s.health_check->type)},
                {"FailureThreshold", s.health_check->failure_threshold}};
        if (!s.health_check->resource_path.empty())
            hc["ResourcePath"] = s.health_check->resource_path;
        out["HealthCheckConfig"] = std::move(hc);
    }
    if (s.custom_health_check) {
        out["HealthCheckCustomConfig"] = {
            {"FailureThreshold", s.custom_health_check->failure_threshold}};
    }
    return out;
}

json operation_json(const model::CloudMapOperation& op, model::OperationStatus status,
                    const model::PartitionKey& key) {
    json targets = json::object();
    for (const auto& [type, id] : op.targets) targets[std::string(model::to_string(type))] = id;
    json out{{"Id", op.id},
             {"OwnerAccount", key.account},
             {"Type", model::to_string(op.type)},
             {"Status", model::to_string(status)},
             {"CreateDate", model::to_epoch_seconds(op.create_date)},
             {"UpdateDate", model::to_epoch_seconds(op.update_date)},
             {"Targets", std::move(targets)}};
    if (status == model::OperationStatus::fail) {
        out["ErrorCode"] = op.error_code;
        out["ErrorMessage"] = op.error_message;
    }
    return out;
}

json attributes_json(const model::Attributes& attributes) {
    json out = json::object();
    for (const auto& [k, v] : attributes) out[k] = v;
    return out;
}

}  // namespace berth::api::servicediscovery

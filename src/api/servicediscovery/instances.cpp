// RegisterInstance, DeregisterInstance, GetInstance, ListInstances, GetInstancesHealthStatus,
// UpdateInstanceCustomHealthStatus.
#include "api/servicediscovery/instances.hpp"
#include "api/servicediscovery/errors.hpp"
#include "api/servicediscovery/handlers.hpp"
#include "api/servicediscovery/request.hpp"
#include "api/servicediscovery/serialize.hpp"

namespace berth::api::servicediscovery {

using model::DnsRecordType;
using nlohmann::json;

namespace {

const model::CloudMapInstance& instance_or_throw(const model::CloudMapService& s,
                                                 const std::string& id) {
    auto it = s.instances.find(id);
    if (it == s.instances.end()) throw errors::instance_not_found(id);
    return it->second;
}

bool has(const model::Attributes& a, std::string_view key) {
    auto it = a.find(std::string(key));
    return it != a.end() && !it->second.empty();
}

json instance_json(const model::CloudMapInstance& i, const model::PartitionKey& key, bool summary) {
    json out{{"Id", i.id},
             {"Attributes", attributes_json(i.attributes)},
             {"CreatedByAccount", key.account}};
    if (!summary && !i.creator_request_id.empty()) out["CreatorRequestId"] = i.creator_request_id;
    return out;
}

}  // namespace

void check_instance_attributes(const model::CloudMapService& s, const model::Attributes& a) {
    if (has(a, model::k_attr_alias)) {
        throw errors::invalid_input(
            "AWS_ALIAS_DNS_NAME (load balancer aliases) is not supported "
            "by Berth.");
    }
    if (auto h = a.find(std::string(model::k_attr_init_health)); h != a.end()) {
        if (h->second != "HEALTHY" && h->second != "UNHEALTHY") {
            throw errors::invalid_input("AWS_INIT_HEALTH_STATUS must be HEALTHY or UNHEALTHY.");
        }
    }
    if (!s.dns_config) return;
    const auto& dns = *s.dns_config;
    if (dns.find(DnsRecordType::a) && !has(a, model::k_attr_ipv4)) {
        throw errors::invalid_input("The service has an A record: AWS_INSTANCE_IPV4 is required.");
    }
    if (dns.find(DnsRecordType::aaaa) && !has(a, model::k_attr_ipv6)) {
        throw errors::invalid_input(
            "The service has an AAAA record: AWS_INSTANCE_IPV6 is required.");
    }
    if (dns.find(DnsRecordType::cname) && !has(a, model::k_attr_cname)) {
        throw errors::invalid_input(
            "The service has a CNAME record: AWS_INSTANCE_CNAME is required.");
    }
    if (dns.find(DnsRecordType::srv)) {
        if (!has(a, model::k_attr_port)) {
            throw errors::invalid_input(
                "The service has an SRV record: AWS_INSTANCE_PORT is required.");
        }
        if (!has(a, model::k_attr_ipv4) && !has(a, model::k_attr_ipv6)) {
            throw errors::invalid_input(
                "The service has an SRV record: AWS_INSTANCE_IPV4 or "
                "AWS_INSTANCE_IPV6 is required.");
        }
    }
}

std::string put_instance(model::ServiceDiscoveryPartition& p, model::CloudMapService& s,
                         model::CloudMapInstance instance, model::TimePoint now) {
    check_instance_attributes(s, instance.attributes);
    auto init = instance.attributes.find(std::string(model::k_attr_init_health));
    instance.custom_health = init != instance.attributes.end() && init->second == "UNHEALTHY"
                                 ? model::HealthStatus::unhealthy
                                 : model::HealthStatus::healthy;
    instance.update_date = now;
    auto existing = s.instances.find(instance.id);
    instance.create_date = existing == s.instances.end() ? now : existing->second.create_date;
    const auto id = instance.id;
    s.instances[id] = std::move(instance);
    ++s.revision;
    return p.add_operation(
        model::OperationType::register_instance,
        {{model::OperationTargetType::service, s.id}, {model::OperationTargetType::instance, id}},
        now);
}

std::string remove_instance(model::ServiceDiscoveryPartition& p, model::CloudMapService& s,
                            const std::string& id, model::TimePoint now) {
    instance_or_throw(s, id);
    s.instances.erase(id);
    ++s.revision;
    return p.add_operation(
        model::OperationType::deregister_instance,
        {{model::OperationTargetType::service, s.id}, {model::OperationTargetType::instance, id}},
        now);
}

json register_instance(const Environment& env, const protocol::RequestContext& ctx,
                       const json& input) {
    const auto key = partition_of(ctx);
    model::CloudMapInstance instance;
    instance.id = input.at("InstanceId").get<std::string>();
    instance.creator_request_id = string_or(input, "CreatorRequestId");
    for (const auto& [k, v] : input.at("Attributes").items())
        instance.attributes[k] = v.get<std::string>();
    return env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        auto& s = service_or_throw(p, input.at("ServiceId").get<std::string>());
        return operation_output(put_instance(p, s, std::move(instance), env.now()));
    });
}

json deregister_instance(const Environment& env, const protocol::RequestContext& ctx,
                         const json& input) {
    const auto key = partition_of(ctx);
    return env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        auto& s = service_or_throw(p, input.at("ServiceId").get<std::string>());
        return operation_output(
            remove_instance(p, s, input.at("InstanceId").get<std::string>(), env.now()));
    });
}

json get_instance(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    return env.store.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        const auto& s = service_or_throw(p, input.at("ServiceId").get<std::string>());
        const auto& i = instance_or_throw(s, input.at("InstanceId").get<std::string>());
        return json{{"Instance", instance_json(i, key, false)}, {"ResourceOwner", key.account}};
    });
}

json list_instances(const Environment& env, const protocol::RequestContext& ctx,
                    const json& input) {
    const auto key = partition_of(ctx);
    auto request = read_page(input);
    return env.store.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        const auto& s = service_or_throw(p, input.at("ServiceId").get<std::string>());
        std::vector<const model::CloudMapInstance*> all;
        for (const auto& [id, i] : s.instances) all.push_back(&i);
        auto page = protocol::paginate(
            std::move(all), request,
            [](const model::CloudMapInstance* i) -> const std::string& { return i->id; });
        json list = json::array();
        for (const auto* i : page.items) list.push_back(instance_json(*i, key, true));
        json out{{"Instances", std::move(list)}, {"ResourceOwner", key.account}};
        write_next_token(out, page);
        return out;
    });
}

json get_instances_health_status(const Environment& env, const protocol::RequestContext& ctx,
                                 const json& input) {
    const auto key = partition_of(ctx);
    auto request = read_page(input);
    return env.store.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        const auto& s = service_or_throw(p, input.at("ServiceId").get<std::string>());
        std::vector<const model::CloudMapInstance*> wanted;
        if (auto ids = input.find("Instances"); ids != input.end()) {
            for (const auto& id : *ids)
                wanted.push_back(&instance_or_throw(s, id.get<std::string>()));
            std::sort(wanted.begin(), wanted.end(), [](auto* a, auto* b) { return a->id < b->id; });
        } else {
            for (const auto& [id, i] : s.instances) wanted.push_back(&i);
        }
        auto page = protocol::paginate(
            std::move(wanted), request,
            [](const model::CloudMapInstance* i) -> const std::string& { return i->id; });
        json status = json::object();
        for (const auto* i : page.items) status[i->id] = model::to_string(s.health_of(*i));
        json out{{"Status", std::move(status)}};
        write_next_token(out, page);
        return out;
    });
}

json update_instance_custom_health_status(const Environment& env,
                                          const protocol::RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    // CustomHealthStatus: HEALTHY or UNHEALTHY (the model checks the enum).
    const auto status = input.at("Status").get<std::string>() == "HEALTHY"
                            ? model::HealthStatus::healthy
                            : model::HealthStatus::unhealthy;
    env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        auto& s = service_or_throw(p, input.at("ServiceId").get<std::string>());
        const auto id = input.at("InstanceId").get<std::string>();
        instance_or_throw(s, id);
        if (!s.custom_health_check) throw errors::custom_health_not_found(s.id);
        auto& instance = s.instances.at(id);
        if (instance.custom_health != status) ++s.revision;
        instance.custom_health = status;
    });
    return json::object();
}

}  // namespace berth::api::servicediscovery

// CreateService, GetService, ListServices, UpdateService, DeleteService.
#include <set>

#include "api/servicediscovery/errors.hpp"
#include "api/servicediscovery/handlers.hpp"
#include "api/servicediscovery/request.hpp"
#include "api/servicediscovery/serialize.hpp"

namespace berth::api::servicediscovery {

namespace {

using model::DnsRecordType;
using nlohmann::json;

std::vector<model::DnsRecord> read_records(const json& records) {
    std::vector<model::DnsRecord> out;
    std::set<DnsRecordType> seen;
    for (const auto& r : records) {
        model::DnsRecord record{*model::parse<DnsRecordType>(r.at("Type").get<std::string>()),
                                r.at("TTL").get<std::int64_t>()};
        if (!seen.insert(record.type).second) {
            throw errors::invalid_input("DnsRecords can't contain the record type " +
                                        std::string(model::to_string(record.type)) + " twice.");
        }
        out.push_back(record);
    }
    if (out.empty()) throw errors::invalid_input("DnsRecords must contain at least one record.");
    if (seen.count(DnsRecordType::cname) && out.size() > 1) {
        throw errors::invalid_input("A CNAME record can't be combined with other record types.");
    }
    if (seen.count(DnsRecordType::a) && seen.count(DnsRecordType::cname)) {
        throw errors::invalid_input("A and CNAME records can't be combined.");
    }
    return out;
}

model::DnsConfig read_dns_config(const json& config) {
    model::DnsConfig out;
    out.records = read_records(config.at("DnsRecords"));
    if (auto p = config.find("RoutingPolicy"); p != config.end()) {
        out.routing_policy = *model::parse<model::RoutingPolicy>(p->get<std::string>());
    }
    if (out.find(DnsRecordType::cname) && out.routing_policy != model::RoutingPolicy::weighted) {
        throw errors::invalid_input("CNAME records require the WEIGHTED routing policy.");
    }
    return out;
}

model::HealthCheckConfig read_health_check(const json& config) {
    model::HealthCheckConfig out;
    out.type = *model::parse<model::HealthCheckType>(config.at("Type").get<std::string>());
    out.resource_path = string_or(config, "ResourcePath");
    if (out.type == model::HealthCheckType::tcp && !out.resource_path.empty()) {
        throw errors::invalid_input("ResourcePath is not valid for a TCP health check.");
    }
    if (out.type != model::HealthCheckType::tcp && out.resource_path.empty())
        out.resource_path = "/";
    if (auto f = config.find("FailureThreshold"); f != config.end()) {
        out.failure_threshold = f->get<std::int64_t>();
    }
    return out;
}

// What CreateService's members say about the service, checked against its namespace.
void read_service(model::CloudMapService& s, const model::CloudMapNamespace& ns,
                  const json& input) {
    if (auto d = input.find("DnsConfig"); d != input.end()) {
        if (!ns.is_dns()) {
            throw errors::invalid_input(
                "DnsConfig can't be specified for a service in an HTTP "
                "namespace.");
        }
        s.dns_config = read_dns_config(*d);
    }
    if (auto h = input.find("HealthCheckConfig"); h != input.end()) {
        if (ns.type == model::NamespaceType::dns_private) {
            throw errors::invalid_input(
                "HealthCheckConfig is valid only for services in a public "
                "DNS namespace; use HealthCheckCustomConfig.");
        }
        s.health_check = read_health_check(*h);
    }
    if (auto h = input.find("HealthCheckCustomConfig"); h != input.end()) {
        if (s.health_check) {
            throw errors::invalid_input(
                "HealthCheckConfig and HealthCheckCustomConfig can't both "
                "be specified.");
        }
        s.custom_health_check = model::HealthCheckCustomConfig{};
        if (auto f = h->find("FailureThreshold"); f != h->end()) {
            s.custom_health_check->failure_threshold = f->get<std::int64_t>();
        }
    }
    const bool http_only = string_or(input, "Type") == "HTTP";
    if (http_only && s.dns_config) {
        throw errors::invalid_input("Type HTTP can't be specified with DnsConfig.");
    }
    s.type = s.dns_config ? model::CloudMapServiceType::dns_http : model::CloudMapServiceType::http;
}

std::string namespace_id_of(const json& input) {
    auto id = string_or(input, "NamespaceId");
    if (id.empty()) {
        if (auto d = input.find("DnsConfig"); d != input.end()) id = string_or(*d, "NamespaceId");
    }
    if (id.empty()) throw errors::invalid_input("NamespaceId is required.");
    return id;
}

}  // namespace

json create_service(const Environment& env, const protocol::RequestContext& ctx,
                    const json& input) {
    const auto key = partition_of(ctx);
    const auto namespace_id = namespace_id_of(input);
    return env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        const auto& ns = namespace_or_throw(p, namespace_id);
        model::CloudMapService s;
        s.id = model::new_cloudmap_service_id();
        s.arn = model::cloudmap_service_arn(key, s.id);
        s.name = input.at("Name").get<std::string>();
        s.namespace_id = ns.id;
        s.description = string_or(input, "Description");
        s.creator_request_id = string_or(input, "CreatorRequestId");
        s.create_date = env.now();
        if (auto t = input.find("Tags"); t != input.end()) s.tags = read_tags(*t);
        read_service(s, ns, input);
        if (const auto* other = p.service_named(ns.id, s.name)) {
            if (!s.creator_request_id.empty() &&
                other->creator_request_id == s.creator_request_id) {
                return json{{"Service", service_json(*other, key, false)}};
            }
            throw errors::service_exists(s.name);
        }
        auto out = json{{"Service", service_json(s, key, false)}};
        p.services.emplace(s.id, std::move(s));
        return out;
    });
}

json get_service(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    return env.store.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        return json{{"Service", service_json(service_or_throw(p, input.at("Id").get<std::string>()),
                                             key, false)}};
    });
}

json list_services(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto filters = read_filters(
        input, {{"NAMESPACE_ID", "EQ"}, {"NAMESPACE_ID", "IN"}, {"RESOURCE_OWNER", "EQ"}});
    auto request = read_page(input);
    return env.store.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        std::vector<const model::CloudMapService*> found;
        for (const auto& [id, entry] : p.services) {
            const auto& s = entry;  // the lambda below captures it (clang 14 captures no binding)
            const bool keep = std::all_of(filters.begin(), filters.end(), [&](const Filter& f) {
                return f.matches(f.name == "NAMESPACE_ID" ? s.namespace_id : key.account);
            });
            if (keep) found.push_back(&s);
        }
        auto page = protocol::paginate(
            std::move(found), request,
            [](const model::CloudMapService* s) -> const std::string& { return s->id; });
        json list = json::array();
        for (const auto* s : page.items) list.push_back(service_json(*s, key, true));
        json out{{"Services", std::move(list)}};
        write_next_token(out, page);
        return out;
    });
}

// ServiceChange: Description, the records' TTLs (not their types) and the Route 53 check.
json update_service(const Environment& env, const protocol::RequestContext& ctx,
                    const json& input) {
    const auto key = partition_of(ctx);
    const auto& change = input.at("Service");
    return env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        auto& s = service_or_throw(p, input.at("Id").get<std::string>());
        std::optional<std::vector<model::DnsRecord>> records;
        if (auto d = change.find("DnsConfig"); d != change.end()) {
            if (!s.dns_config)
                throw errors::invalid_input("The service has no DnsConfig to update.");
            records = read_records(d->at("DnsRecords"));
            std::set<DnsRecordType> before, after;
            for (const auto& r : s.dns_config->records) before.insert(r.type);
            for (const auto& r : *records) after.insert(r.type);
            if (before != after) {
                throw errors::invalid_input("The record types of a service can't be changed.");
            }
        }
        std::optional<model::HealthCheckConfig> health;
        if (auto h = change.find("HealthCheckConfig"); h != change.end()) {
            if (s.custom_health_check) {
                throw errors::invalid_input(
                    "A service with HealthCheckCustomConfig can't get a "
                    "HealthCheckConfig.");
            }
            health = read_health_check(*h);
        }
        if (auto d = change.find("Description"); d != change.end())
            s.description = d->get<std::string>();
        if (records) s.dns_config->records = std::move(*records);
        if (health) s.health_check = std::move(health);
        return operation_output(p.add_operation(model::OperationType::update_service,
                                                {{model::OperationTargetType::service, s.id}},
                                                env.now()));
    });
}

json delete_service(const Environment& env, const protocol::RequestContext& ctx,
                    const json& input) {
    const auto key = partition_of(ctx);
    env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        const auto& s = service_or_throw(p, input.at("Id").get<std::string>());
        if (!s.instances.empty()) {
            throw errors::resource_in_use("The service " + s.id +
                                          " can't be deleted because it has registered instances.");
        }
        const auto id = s.id;  // erase must not read the key it destroys
        p.services.erase(id);
    });
    return json::object();
}

}  // namespace berth::api::servicediscovery

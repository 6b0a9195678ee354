// CreateHttpNamespace, CreatePrivateDnsNamespace, CreatePublicDnsNamespace, GetNamespace,
// ListNamespaces, Update*Namespace, DeleteNamespace. Berth applies each change at once; the
// operation it returns reads SUBMITTED on its first report, then SUCCESS.
#include "api/servicediscovery/errors.hpp"
#include "api/servicediscovery/handlers.hpp"
#include "api/servicediscovery/request.hpp"
#include "api/servicediscovery/serialize.hpp"
#include "berth/model/arn.hpp"

namespace berth::api::servicediscovery {

namespace {

using model::NamespaceType;
using nlohmann::json;

std::int64_t soa_ttl_of(const json& input, std::int64_t fallback) {
    auto p = input.find("Properties");
    if (p == input.end()) return fallback;
    return p->at("DnsProperties").at("SOA").at("TTL").get<std::int64_t>();
}

json create_namespace(const Environment& env, const protocol::RequestContext& ctx,
                      const json& input, NamespaceType type) {
    const auto key = partition_of(ctx);
    model::CloudMapNamespace ns;
    ns.id = model::new_cloudmap_namespace_id();
    ns.arn = model::cloudmap_namespace_arn(key, ns.id);
    ns.name = input.at("Name").get<std::string>();
    if (type != NamespaceType::http && ns.name.ends_with('.')) ns.name.pop_back();
    ns.type = type;
    ns.description = string_or(input, "Description");
    ns.creator_request_id = string_or(input, "CreatorRequestId");
    ns.vpc = string_or(input, "Vpc");
    if (type != NamespaceType::http) {
        ns.hosted_zone_id = "Z" + model::random_chars(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        ns.soa_ttl = soa_ttl_of(input, 15);
    }
    ns.create_date = ns.update_date = env.now();
    if (auto t = input.find("Tags"); t != input.end()) ns.tags = read_tags(*t);
    return env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        for (const auto& [id, other] : p.namespaces) {
            if (model::normalize_dns_name(other.name) != model::normalize_dns_name(ns.name))
                continue;
            // A repeated request (same CreatorRequestId) is the same namespace, as AWS
            // treats retries; any other is a clash.
            if (!ns.creator_request_id.empty() &&
                other.creator_request_id == ns.creator_request_id) {
                for (const auto& [op_id, op] : p.operations) {
                    if (op.type == model::OperationType::create_namespace &&
                        op.targets.count(model::OperationTargetType::namespace_) &&
                        op.targets.at(model::OperationTargetType::namespace_) == id) {
                        return operation_output(op_id);
                    }
                }
            }
            throw errors::namespace_exists(ns.name);
        }
        auto op = p.add_operation(model::OperationType::create_namespace,
                                  {{model::OperationTargetType::namespace_, ns.id}}, env.now());
        p.namespaces.emplace(ns.id, std::move(ns));
        return operation_output(op);
    });
}

// The three Update*Namespace: a new description and, for DNS namespaces, SOA TTL.
json update_namespace(const Environment& env, const protocol::RequestContext& ctx,
                      const json& input, NamespaceType type) {
    const auto key = partition_of(ctx);
    const auto& change = input.at("Namespace");
    return env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        auto& ns = namespace_or_throw(p, input.at("Id").get<std::string>());
        if (ns.type != type) {
            throw errors::invalid_input("Namespace " + ns.id + " is of type " +
                                        std::string(model::to_string(ns.type)) + ".");  // (guess)
        }
        if (auto d = change.find("Description"); d != change.end())
            ns.description = d->get<std::string>();
        ns.soa_ttl = soa_ttl_of(change, ns.soa_ttl);
        ns.update_date = env.now();
        return operation_output(p.add_operation(model::OperationType::update_namespace,
                                                {{model::OperationTargetType::namespace_, ns.id}},
                                                env.now()));
    });
}

}  // namespace

json create_http_namespace(const Environment& env, const protocol::RequestContext& ctx,
                           const json& input) {
    return create_namespace(env, ctx, input, NamespaceType::http);
}
json create_private_dns_namespace(const Environment& env, const protocol::RequestContext& ctx,
                                  const json& input) {
    return create_namespace(env, ctx, input, NamespaceType::dns_private);
}
json create_public_dns_namespace(const Environment& env, const protocol::RequestContext& ctx,
                                 const json& input) {
    return create_namespace(env, ctx, input, NamespaceType::dns_public);
}

json get_namespace(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    return env.store.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        const auto& ns = namespace_or_throw(p, input.at("Id").get<std::string>());
        return json{{"Namespace", namespace_json(ns, key, p.services_in(ns.id), false)}};
    });
}

json list_namespaces(const Environment& env, const protocol::RequestContext& ctx,
                     const json& input) {
    const auto key = partition_of(ctx);
    const auto filters = read_filters(input, {{"TYPE", "EQ"},
                                              {"TYPE", "IN"},
                                              {"NAME", "EQ"},
                                              {"NAME", "BEGINS_WITH"},
                                              {"HTTP_NAME", "EQ"},
                                              {"HTTP_NAME", "BEGINS_WITH"},
                                              {"RESOURCE_OWNER", "EQ"}});
    auto request = read_page(input);
    return env.store.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        std::vector<const model::CloudMapNamespace*> found;
        for (const auto& [id, entry] : p.namespaces) {
            const auto& ns = entry;  // the lambda below captures it (clang 14 captures no binding)
            const bool keep = std::all_of(filters.begin(), filters.end(), [&](const Filter& f) {
                if (f.name == "TYPE") return f.matches(model::to_string(ns.type));
                if (f.name == "RESOURCE_OWNER") return f.matches(key.account);
                return f.matches(ns.name);  // NAME, HTTP_NAME: the same name here
            });
            if (keep) found.push_back(&ns);
        }
        auto page = protocol::paginate(
            std::move(found), request,
            [](const model::CloudMapNamespace* ns) -> const std::string& { return ns->id; });
        json list = json::array();
        for (const auto* ns : page.items)
            list.push_back(namespace_json(*ns, key, p.services_in(ns->id), true));
        json out{{"Namespaces", std::move(list)}};
        write_next_token(out, page);
        return out;
    });
}

json update_http_namespace(const Environment& env, const protocol::RequestContext& ctx,
                           const json& input) {
    return update_namespace(env, ctx, input, NamespaceType::http);
}
json update_private_dns_namespace(const Environment& env, const protocol::RequestContext& ctx,
                                  const json& input) {
    return update_namespace(env, ctx, input, NamespaceType::dns_private);
}
json update_public_dns_namespace(const Environment& env, const protocol::RequestContext& ctx,
                                 const json& input) {
    return update_namespace(env, ctx, input, NamespaceType::dns_public);
}

json delete_namespace(const Environment& env, const protocol::RequestContext& ctx,
                      const json& input) {
    const auto key = partition_of(ctx);
    return env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        const auto id = namespace_or_throw(p, input.at("Id").get<std::string>()).id;
        if (p.services_in(id) > 0) {
            throw errors::resource_in_use("The namespace " + id +
                                          " can't be deleted because it contains services.");
        }
        p.namespaces.erase(id);
        return operation_output(p.add_operation(model::OperationType::delete_namespace,
                                                {{model::OperationTargetType::namespace_, id}},
                                                env.now()));
    });
}

}  // namespace berth::api::servicediscovery

// DiscoverInstances and DiscoverInstancesRevision: the data plane (host prefix "data-" in the
// model; Berth answers on any host, see README). Instances are found by the namespace's HTTP
// name and the service's name, filtered by health and attributes, and shuffled as AWS does.
#include <algorithm>
#include <random>

#include "api/servicediscovery/errors.hpp"
#include "api/servicediscovery/handlers.hpp"
#include "api/servicediscovery/request.hpp"
#include "api/servicediscovery/serialize.hpp"

namespace berth::api::servicediscovery {

using nlohmann::json;

namespace {

const model::CloudMapService& discovered_service(const model::ServiceDiscoveryPartition& p,
                                                 const json& input) {
    const auto ns_name = input.at("NamespaceName").get<std::string>();
    const auto* ns = p.namespace_named(ns_name);
    if (ns == nullptr) throw errors::namespace_not_found(ns_name);
    const auto service_name = input.at("ServiceName").get<std::string>();
    const auto* s = p.service_named(ns->id, service_name);
    if (s == nullptr) throw errors::service_not_found(service_name);
    return *s;
}

bool matches_all(const model::CloudMapInstance& i, const json& parameters) {
    for (const auto& [k, v] : parameters.items()) {
        const auto* actual = i.attribute(k);
        if (actual == nullptr || *actual != v.get<std::string>()) return false;
    }
    return true;
}

std::vector<const model::CloudMapInstance*> discover(const model::CloudMapService& s,
                                                     const json& input) {
    const auto filter = string_or(input, "HealthStatus", "HEALTHY");
    const json none = json::object();
    const auto& query = input.contains("QueryParameters") ? input.at("QueryParameters") : none;
    const auto& optional =
        input.contains("OptionalParameters") ? input.at("OptionalParameters") : none;
    std::vector<const model::CloudMapInstance*> all, healthy, unhealthy;
    for (const auto& [id, i] : s.instances) {
        if (!matches_all(i, query)) continue;
        all.push_back(&i);
        (s.health_of(i) == model::HealthStatus::unhealthy ? unhealthy : healthy).push_back(&i);
    }
    std::vector<const model::CloudMapInstance*> out;
    if (filter == "ALL")
        out = all;
    else if (filter == "UNHEALTHY")
        out = unhealthy;
    else if (filter == "HEALTHY_OR_ELSE_ALL")
        out = healthy.empty() ? all : healthy;
    else
        out = healthy;
    // OptionalParameters narrow the answer only when some instance matches them.
    std::vector<const model::CloudMapInstance*> narrowed;
    for (const auto* i : out) {
        if (matches_all(*i, optional)) narrowed.push_back(i);
    }
    if (!narrowed.empty()) out = std::move(narrowed);
    return out;
}

}  // namespace

json discover_instances(const Environment& env, const protocol::RequestContext& ctx,
                        const json& input) {
    const auto key = partition_of(ctx);
    const std::size_t max =
        input.contains("MaxResults") ? input.at("MaxResults").get<std::size_t>() : 100;
    return env.store.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        const auto& s = discovered_service(p, input);
        const auto& ns = *p.find_namespace(s.namespace_id);
        auto found = discover(s, input);
        thread_local std::mt19937 rng{std::random_device{}()};
        std::shuffle(found.begin(), found.end(), rng);
        if (found.size() > max) found.resize(max);
        json list = json::array();
        for (const auto* i : found) {
            list.push_back({{"InstanceId", i->id},
                            {"NamespaceName", ns.name},
                            {"ServiceName", s.name},
                            {"HealthStatus", model::to_string(s.health_of(*i))},
                            {"Attributes", attributes_json(i->attributes)}});
        }
        return json{{"Instances", std::move(list)}, {"InstancesRevision", s.revision}};
    });
}

json discover_instances_revision(const Environment& env, const protocol::RequestContext& ctx,
                                 const json& input) {
    const auto key = partition_of(ctx);
    return env.store.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        return json{{"InstancesRevision", discovered_service(p, input).revision}};
    });
}

}  // namespace berth::api::servicediscovery

// CreateCluster, DescribeClusters, ListClusters, DeleteCluster, UpdateCluster,
// UpdateClusterSettings, PutClusterCapacityProviders.
#include <algorithm>
#include <string>
#include <vector>

#include "api/ecs/account_settings.hpp"
#include "api/ecs/cluster_validation.hpp"
#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/tagging.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::AwsError;
using protocol::RequestContext;

json list_member(const json& input, std::string_view member) {
    return has(input, member) ? input.at(std::string(member)) : json::array();
}

json cluster_response(const model::Cluster& c, const model::Partition& p) {
    return {{"cluster", cluster_json(c, p, ClusterFields::for_mutation())}};
}

// ECS keeps the namespace as given ("" removes it, in UpdateCluster).
json service_connect_defaults(const json& input) {
    if (!has(input, "serviceConnectDefaults")) return nullptr;
    const auto ns = input["serviceConnectDefaults"].value("namespace", std::string{});
    return ns.empty() ? json(nullptr) : json{{"namespace", ns}};
}

}  // namespace

json create_cluster(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto name =
        optional_string(input, "clusterName").value_or(std::string(k_default_cluster));
    check_cluster_name(name);
    auto tags = read_tags_member(input);
    auto settings = list_member(input, "settings");
    check_cluster_settings(settings);
    auto providers = list_member(input, "capacityProviders");
    auto strategy = list_member(input, "defaultCapacityProviderStrategy");

    return env.store.write(key, [&](model::Partition& p) {
        check_capacity_providers(p, providers, strategy);
        // Idempotent by name: an ACTIVE cluster of that name is answered as it is; an INACTIVE
        // (deleted) one is created afresh under the same ARN.
        if (const auto* existing = find_cluster(p, name);
            existing && existing->status == model::ClusterStatus::active) {
            return cluster_response(*existing, p);
        }
        model::Cluster c;
        c.arn = model::cluster_arn(key, name);
        c.name = name;
        c.settings = json::array();
        // The cluster inherits the account's containerInsights setting unless it sets its own.
        c.settings.push_back(
            {{"name", "containerInsights"},
             {"value", effective_setting_value(p, caller_principal(ctx), "containerInsights")}});
        merge_settings(c.settings, settings);
        if (has(input, "configuration")) c.configuration = input["configuration"];
        c.capacity_providers = providers;
        c.default_capacity_provider_strategy = strategy;
        c.service_connect_defaults = service_connect_defaults(input);
        c.tags = std::move(tags);
        c.seq = p.take_seq();
        auto& stored = p.clusters[name] = std::move(c);
        return cluster_response(stored, p);
    });
}

json describe_clusters(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    std::vector<std::string> refs;
    if (has(input, "clusters")) refs = input["clusters"].get<std::vector<std::string>>();
    if (refs.empty()) refs.emplace_back(k_default_cluster);
    if (refs.size() > 100) {
        throw protocol::errors::invalid_parameter("clusters can have at most 100 items.");
    }
    std::vector<std::string> names;
    for (const auto& ref : refs) names.push_back(cluster_name(key, ref));
    const auto fields = ClusterFields::from_include(input);

    return env.store.read(key, [&](const model::Partition& p) {
        json out{{"clusters", json::array()}, {"failures", json::array()}};
        for (const auto& name : names) {
            if (const auto* c = find_cluster(p, name)) {
                out["clusters"].push_back(cluster_json(*c, p, fields));
            } else {
                out["failures"].push_back(failure_json(model::cluster_arn(key, name), "MISSING"));
            }
        }
        return out;
    });
}

json list_clusters(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto page_request = protocol::read_page_request(input);
    auto arns = env.store.read(partition_of(ctx), [](const model::Partition& p) {
        std::vector<std::string> out;
        for (const auto& [name, c] : p.clusters) {
            if (c.status != model::ClusterStatus::inactive) out.push_back(c.arn);
        }
        return out;
    });
    std::sort(arns.begin(), arns.end());
    auto page = protocol::paginate(std::move(arns), page_request);
    json out{{"clusterArns", page.items}};
    page.write_next_token(out);
    return out;
}

namespace {

// ECS refuses to delete a cluster that still has work in it, checked in this order.
void check_cluster_is_empty(const model::Partition& p, const std::string& name) {
    for (const auto& [arn, ci] : p.container_instances) {
        // Berth registers its own engines into every cluster and removes them with the
        // cluster: only instances a client registered keep a cluster alive.
        if (ci.auto_registered) continue;
        if (ci.cluster_name == name && model::is_registered(ci)) {
            throw AwsError("ClusterContainsContainerInstancesException",
                           "The Cluster cannot be deleted while Container Instances are active "
                           "or draining.");
        }
    }
    for (const auto& [arn, s] : p.services) {
        if (s.cluster_name == name && s.status != model::ServiceStatus::inactive) {
            throw AwsError("ClusterContainsServicesException",
                           "The Cluster cannot be deleted while Services are active.");
        }
    }
    for (const auto& [arn, t] : p.tasks) {
        if (t.cluster_name == name && t.last_status != model::TaskStatus::stopped) {
            throw AwsError("ClusterContainsTasksException",
                           "The Cluster cannot be deleted while Tasks are active.");
        }
    }
}

}  // namespace

json delete_cluster(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto name = cluster_name_from_input(key, input);
    return env.store.write(key, [&](model::Partition& p) {
        auto& c = require_cluster(p, name);
        // Deleting a deleted cluster answers it again, as ECS does.
        if (c.status != model::ClusterStatus::inactive) {
            check_cluster_is_empty(p, name);
            c.status = model::ClusterStatus::inactive;
        }
        return cluster_response(c, p);
    });
}

json update_cluster(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto name = cluster_name_from_input(key, input);
    if (has(input, "settings")) check_cluster_settings(input["settings"]);
    return env.store.write(key, [&](model::Partition& p) {
        auto& c = require_active_cluster(p, name);
        if (has(input, "settings")) merge_settings(c.settings, input["settings"]);
        if (has(input, "configuration")) c.configuration = input["configuration"];
        if (has(input, "serviceConnectDefaults")) {
            c.service_connect_defaults = service_connect_defaults(input);
        }
        return cluster_response(c, p);
    });
}

json update_cluster_settings(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto name = cluster_name_from_input(key, input);
    check_cluster_settings(input["settings"]);
    return env.store.write(key, [&](model::Partition& p) {
        auto& c = require_active_cluster(p, name);
        merge_settings(c.settings, input["settings"]);
        return cluster_response(c, p);
    });
}

namespace {

// A capacity provider that a live service's strategy names cannot be taken off its cluster.
void check_providers_not_in_use(const model::Partition& p, const std::string& cluster,
                                const json& kept) {
    for (const auto& [arn, s] : p.services) {
        if (s.cluster_name != cluster || s.status == model::ServiceStatus::inactive) continue;
        for (const auto& item : s.capacity_provider_strategy) {
            const auto name = item.value("capacityProvider", std::string{});
            if (std::find(kept.begin(), kept.end(), name) == kept.end()) {
                throw AwsError("ResourceInUseException", "The specified capacity provider " + name +
                                                             " is in use and cannot be removed.");
            }
        }
    }
}

}  // namespace

json put_cluster_capacity_providers(const Environment& env, const RequestContext& ctx,
                                    const json& input) {
    const auto key = partition_of(ctx);
    const auto name = cluster_name_from_input(key, input);
    const auto& providers = input["capacityProviders"];
    const auto& strategy = input["defaultCapacityProviderStrategy"];
    return env.store.write(key, [&](model::Partition& p) {
        check_capacity_providers(p, providers, strategy);
        auto& c = require_active_cluster(p, name);
        check_providers_not_in_use(p, name, providers);
        c.capacity_providers = providers;
        c.default_capacity_provider_strategy = strategy;
        return cluster_response(c, p);
    });
}

}  // namespace berth::api::ecs

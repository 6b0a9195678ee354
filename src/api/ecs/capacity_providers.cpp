// CreateCapacityProvider, DescribeCapacityProviders, UpdateCapacityProvider,
// DeleteCapacityProvider.
//
// An Auto Scaling group provider is kept and described as ECS does; the tasks it launches run on
// Berth's engines, as EC2 tasks do (there is no group to scale). Managed Instances providers are
// refused as not supported yet.
#include "api/ecs/capacity_providers.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "api/ecs/capacity_provider_rules.hpp"
#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/tagging.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::ecs {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

const model::CapacityProvider* find_capacity_provider(const model::Partition& p,
                                                      std::string_view name) {
    auto it = p.capacity_providers.find(std::string(name));
    if (it == p.capacity_providers.end()) return nullptr;
    return it->second.status == model::CapacityProviderStatus::active ? &it->second : nullptr;
}

bool capacity_provider_exists(const model::Partition& p, std::string_view name) {
    return model::is_fargate_capacity_provider(name) || find_capacity_provider(p, name) != nullptr;
}

namespace {

json provider_json(const model::CapacityProvider& cp, bool with_tags) {
    json out{{"capacityProviderArn", cp.arn},
             {"name", cp.name},
             {"status", model::to_string(cp.status)},
             {"type", model::to_string(cp.type)}};
    if (!cp.auto_scaling_group_provider.is_null())
        out["autoScalingGroupProvider"] = cp.auto_scaling_group_provider;
    if (cp.update_status != model::CapacityProviderUpdateStatus::none)
        out["updateStatus"] = model::to_string(cp.update_status);
    if (!cp.update_status_reason.empty()) out["updateStatusReason"] = cp.update_status_reason;
    if (with_tags) out["tags"] = tags_json(cp.tags);
    return out;
}

json builtin_json(const model::PartitionKey& key, std::string_view name, bool with_tags) {
    json out{{"capacityProviderArn", model::ecs_arn(key, "capacity-provider/" + std::string(name))},
             {"name", name},
             {"status", "ACTIVE"},
             {"type", name}};
    if (with_tags) out["tags"] = json::array();
    return out;
}

// A provider is named by its name or its ARN.
std::string provider_name(std::string_view ref) {
    if (!model::looks_like_arn(ref)) return std::string(ref);
    const auto arn = model::parse_arn(ref);
    if (!arn || arn->resource_type() != "capacity-provider")
        throw errors::invalid_parameter("The ARN provided is invalid.");
    return std::string(arn->resource_id());
}

model::CapacityProvider& require_provider(model::Partition& p, const std::string& name) {
    if (model::is_fargate_capacity_provider(name)) {
        // Berth's words: ECS manages these two and offers no call to change them.
        throw errors::invalid_parameter("The " + name +
                                        " capacity provider is managed by Amazon ECS and cannot "
                                        "be updated or deleted.");
    }
    auto it = p.capacity_providers.find(name);
    if (it == p.capacity_providers.end() ||
        it->second.status != model::CapacityProviderStatus::active) {
        throw errors::client(
            "The specified capacity provider does not exist. Specify a valid "
            "name or ARN and try again.");
    }
    return it->second;
}

void refuse_managed_instances(const json& input) {
    if (has(input, "managedInstancesProvider")) {
        throw errors::unsupported(
            "Berth does not support Managed Instances capacity providers yet. Use an Auto "
            "Scaling group capacity provider: its tasks run on Berth's engines.");
    }
}

void check_group_unused(const model::Partition& p, const std::string& group_arn) {
    for (const auto& [name, cp] : p.capacity_providers) {
        if (cp.status == model::CapacityProviderStatus::active &&
            cp.auto_scaling_group_provider.value("autoScalingGroupArn", "") == group_arn) {
            throw errors::client(
                "The specified Auto Scaling group ARN is already being used by another capacity "
                "provider. Specify a unique Auto Scaling group ARN and try again.");
        }
    }
}

bool include_tags(const json& input) {
    const auto& include = member_or_null(input, "include");
    return include.is_array() && std::find(include.begin(), include.end(), "TAGS") != include.end();
}

}  // namespace

json create_capacity_provider(const Environment& env, const RequestContext& ctx,
                              const json& input) {
    const auto key = partition_of(ctx);
    model::CapacityProvider cp;
    cp.name = input["name"].get<std::string>();
    check_capacity_provider_name(cp.name);
    refuse_managed_instances(input);
    if (!has(input, "autoScalingGroupProvider")) {
        throw errors::invalid_parameter(
            "One of autoScalingGroupProvider or managedInstancesProvider must be specified.");
    }
    if (has(input, "cluster")) {
        throw errors::invalid_parameter(
            "The cluster parameter is only valid for Managed Instances capacity providers.");
    }
    cp.auto_scaling_group_provider = auto_scaling_group_provider(input["autoScalingGroupProvider"]);
    cp.tags = read_tags_member(input);
    cp.arn = model::ecs_arn(key, "capacity-provider/" + cp.name);
    return env.store.write_unobserved(key, [&](model::Partition& p) {
        if (find_capacity_provider(p, cp.name)) {
            throw errors::client(
                "The specified capacity provider already exists. To change the configuration of "
                "an existing capacity provider, update the capacity provider.");
        }
        check_group_unused(p, cp.auto_scaling_group_provider["autoScalingGroupArn"]);
        auto& stored = p.capacity_providers[cp.name] = std::move(cp);
        return json{{"capacityProvider", provider_json(stored, true)}};
    });
}

json describe_capacity_providers(const Environment& env, const RequestContext& ctx,
                                 const json& input) {
    const auto key = partition_of(ctx);
    const bool tags = include_tags(input);
    const auto& named = member_or_null(input, "capacityProviders");
    if (named.is_array() && !named.empty()) {
        return env.store.read(key, [&](const model::Partition& p) {
            json out{{"capacityProviders", json::array()}, {"failures", json::array()}};
            for (const auto& ref : named) {
                const auto name = provider_name(ref.get<std::string>());
                auto it = p.capacity_providers.find(name);
                if (model::is_fargate_capacity_provider(name)) {
                    out["capacityProviders"].push_back(builtin_json(key, name, tags));
                } else if (it != p.capacity_providers.end()) {
                    // A deleted provider is still described, INACTIVE, as on ECS.
                    out["capacityProviders"].push_back(provider_json(it->second, tags));
                } else {
                    const auto& given = ref.get_ref<const std::string&>();
                    out["failures"].push_back(
                        failure_json(model::looks_like_arn(given)
                                         ? given
                                         : model::ecs_arn(key, "capacity-provider/" + given),
                                     "MISSING"));
                }
            }
            return out;
        });
    }
    const auto page_request = protocol::read_page_request(input, 10);
    auto all = env.store.read(key, [&](const model::Partition& p) {
        std::vector<std::pair<std::string, json>> out;
        for (const auto* builtin : {"FARGATE", "FARGATE_SPOT"})
            out.emplace_back(builtin, builtin_json(key, builtin, tags));
        for (const auto& [name, cp] : p.capacity_providers) {
            if (cp.status == model::CapacityProviderStatus::active)
                out.emplace_back(name, provider_json(cp, tags));
        }
        return out;
    });
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    auto page =
        protocol::paginate(std::move(all), page_request,
                           [](const auto& item) -> const std::string& { return item.first; });
    json out{{"capacityProviders", json::array()}};
    for (auto& [name, item] : page.items) out["capacityProviders"].push_back(std::move(item));
    page.write_next_token(out);
    return out;
}

json update_capacity_provider(const Environment& env, const RequestContext& ctx,
                              const json& input) {
    const auto key = partition_of(ctx);
    const auto name = provider_name(input["name"].get<std::string>());
    refuse_managed_instances(input);
    return env.store.write_unobserved(key, [&](model::Partition& p) {
        auto& cp = require_provider(p, name);
        if (has(input, "autoScalingGroupProvider")) {
            cp.auto_scaling_group_provider = updated_auto_scaling_group_provider(
                cp.auto_scaling_group_provider, input["autoScalingGroupProvider"]);
        }
        cp.update_status = model::CapacityProviderUpdateStatus::update_complete;
        cp.update_status_reason.clear();
        return json{{"capacityProvider", provider_json(cp, true)}};
    });
}

namespace {

// The first ACTIVE cluster the provider is associated with, or "".
std::string associated_cluster(const model::Partition& p, const std::string& name) {
    for (const auto& [cluster_name, c] : p.clusters) {
        if (c.status != model::ClusterStatus::active) continue;
        const auto& names = c.capacity_providers;
        if (std::find(names.begin(), names.end(), name) != names.end()) return cluster_name;
    }
    return {};
}

}  // namespace

json delete_capacity_provider(const Environment& env, const RequestContext& ctx,
                              const json& input) {
    const auto key = partition_of(ctx);
    const auto name = provider_name(input["capacityProvider"].get<std::string>());
    return env.store.write_unobserved(key, [&](model::Partition& p) {
        auto& cp = require_provider(p, name);
        // ECS does not throw here: the delete fails in the provider's update status.
        if (const auto cluster = associated_cluster(p, name); !cluster.empty()) {
            cp.update_status = model::CapacityProviderUpdateStatus::delete_failed;
            cp.update_status_reason =
                "The capacity provider cannot be deleted because it is associated with cluster: " +
                cluster + ". Remove the capacity provider from the cluster and try again.";
        } else {
            cp.status = model::CapacityProviderStatus::inactive;
            cp.update_status = model::CapacityProviderUpdateStatus::delete_complete;
            cp.update_status_reason.clear();
        }
        return json{{"capacityProvider", provider_json(cp, true)}};
    });
}

}  // namespace berth::api::ecs

// DescribeServices, ListServices and ListServicesByNamespace.
#include <algorithm>
#include <string>
#include <vector>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/service_connect.hpp"
#include "api/ecs/services.hpp"
#include "api/ecs/services_serialize.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

constexpr std::size_t k_max_describe = 10;

// What ECS names a service it did not find: an ARN as the caller gave it, a name in the
// short form without the cluster (arn:aws:ecs:REGION:ACCOUNT:service/NAME).
std::string missing_service_arn(const model::PartitionKey& key, const std::string& ref) {
    return ref.starts_with("arn:") ? ref : model::ecs_arn(key, "service/" + ref);
}

}  // namespace

json describe_services(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto names = input["services"].get<std::vector<std::string>>();
    if (names.empty()) throw errors::invalid_parameter("Services cannot be empty.");
    if (names.size() > k_max_describe) {
        throw errors::invalid_parameter("services can have at most 10 items.");
    }
    std::vector<ServiceRef> refs;
    for (const auto& name : names) {
        json one{{"service", name}};
        if (has(input, "cluster")) one["cluster"] = input["cluster"];
        refs.push_back(read_service_ref(key, one, "service"));
    }
    const bool with_tags = includes(input, "TAGS");
    const auto cluster = cluster_name_from_input(key, input);
    return env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, cluster);
        json out{{"services", json::array()}, {"failures", json::array()}};
        for (std::size_t i = 0; i < refs.size(); ++i) {
            if (const auto* s = find_service(p, refs[i])) {
                out["services"].push_back(service_json(*s, with_tags));
            } else {
                out["failures"].push_back(
                    failure_json(missing_service_arn(key, names[i]), "MISSING"));
            }
        }
        return out;
    });
}

json list_services(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto page_request = protocol::read_page_request(input);
    const auto launch_type = optional_string(input, "launchType");
    const auto strategy = optional_string(input, "schedulingStrategy");
    // Every service a client creates is the customer's; none is managed by ECS itself.
    const bool ecs_managed = optional_string(input, "resourceManagementType") == "ECS";
    auto arns = env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, cluster);
        std::vector<std::string> out;
        if (ecs_managed) return out;
        for (const auto& [arn, s] : p.services) {
            if (s.cluster_name != cluster || s.status == model::ServiceStatus::inactive) continue;
            const auto runs_as =
                model::task_launch_type(s.launch_type, s.capacity_provider_strategy);
            if (launch_type && model::to_string(runs_as) != *launch_type) continue;
            if (strategy && model::to_string(s.scheduling_strategy) != *strategy) continue;
            out.push_back(arn);
        }
        return out;  // the map keeps them sorted by ARN
    });
    auto page = protocol::paginate(std::move(arns), page_request);
    json out{{"serviceArns", page.items}};
    page.write_next_token(out);
    return out;
}

json list_services_by_namespace(const Environment& env, const RequestContext& ctx,
                                const json& input) {
    const auto key = partition_of(ctx);
    // Services joined the namespace by name or ARN; compare the ARN both resolve to.
    const auto ns = service_connect_namespace_arn(env, key, input["namespace"].get<std::string>());
    const auto page_request = protocol::read_page_request(input);
    auto arns = env.store.read(key, [&](const model::Partition& p) {
        std::vector<std::string> out;
        for (const auto& [arn, s] : p.services) {
            if (s.status != model::ServiceStatus::inactive && !ns.empty() &&
                s.service_connect_namespace_arn == ns) {
                out.push_back(arn);
            }
        }
        return out;
    });
    auto page = protocol::paginate(std::move(arns), page_request);
    json out{{"serviceArns", page.items}};
    page.write_next_token(out);
    return out;
}

}  // namespace berth::api::ecs

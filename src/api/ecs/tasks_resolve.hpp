#pragma once
// Finding tasks and container instances from what clients send: an ARN (new format
// task/<cluster>/<id>, or the old task/<id>) or a bare id, always within one cluster. An ARN of
// another partition is refused (check_ecs_arn); an ARN of another cluster finds nothing.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/ecs/serialize.hpp"
#include "berth/model/store.hpp"

namespace berth::api::ecs {

const model::Task* find_task(const model::Partition& p, std::string_view cluster,
                             std::string_view ref);
model::Task* find_task(model::Partition& p, std::string_view cluster, std::string_view ref);

const model::ContainerInstance* find_container_instance(const model::Partition& p,
                                                        std::string_view cluster,
                                                        std::string_view ref);
model::ContainerInstance* find_container_instance(model::Partition& p, std::string_view cluster,
                                                  std::string_view ref);

// The ContainerInstance records of one cluster, in registration order.
std::vector<const model::ContainerInstance*> cluster_instances(const model::Partition& p,
                                                               std::string_view cluster);

// How many references a call may list, and ECS's InvalidParameterException messages when it
// lists none or too many.
struct RefLimits {
    std::size_t max;
    std::string empty;
    std::string too_many;
};
// Describe calls: 1 to 100 `what` ("Tasks", "Container instances").
RefLimits describe_limits(std::string_view what);
// Calls that act on each: 1 to 10 of input[member].
RefLimits batch_limits(std::string_view member);

// A cluster and the tasks or container instances a call names in it.
struct ClusterRefs {
    std::string cluster;            // input["cluster"], or the default cluster
    std::vector<std::string> refs;  // input[member], as sent
};
ClusterRefs read_cluster_refs(const model::PartitionKey& partition, const nlohmann::json& input,
                              const char* member, const RefLimits& limits);
// input[member] within `limits`.
std::vector<std::string> read_refs(const nlohmann::json& input, const char* member,
                                   const RefLimits& limits);

// The answer of a Describe call: {list: [show(*found)], failures: [{ref, MISSING}]}, each
// reference found by `find` (a pointer, null when there is none).
template <class Find, class Show>
nlohmann::json describe_each(const std::vector<std::string>& refs, const char* list, Find find,
                             Show show) {
    nlohmann::json out{{list, nlohmann::json::array()}, {"failures", nlohmann::json::array()}};
    for (const auto& ref : refs) {
        if (auto* found = find(ref)) {
            out[list].push_back(show(*found));
        } else {
            out["failures"].push_back(failure_json(ref, "MISSING"));
        }
    }
    return out;
}

}  // namespace berth::api::ecs

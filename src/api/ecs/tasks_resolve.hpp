#pragma once
// Finding tasks and container instances from what clients send: an ARN (new format
// task/<cluster>/<id>, or the old task/<id>) or a bare id, always within one cluster. An ARN of
// another partition is refused (check_ecs_arn); an ARN of another cluster finds nothing.
#include <string>
#include <string_view>

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

}  // namespace berth::api::ecs

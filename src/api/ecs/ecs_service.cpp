#include "api/ecs/operations.hpp"
#include "berth/api/ecs/ecs_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::ecs {

std::unique_ptr<protocol::JsonService> make_ecs_service(Environment env) {
    // ECS answers input that breaks the model with InvalidParameterException.
    auto service = std::make_unique<protocol::JsonService>(
        protocol::ServiceModel::embedded("ecs-2014-11-13"), "InvalidParameterException");
    for (const auto& op : ecs_operations())
        service->add(std::string(op.name), ecs::bind(env, op.handler));
    return service;
}

}  // namespace berth::api::ecs

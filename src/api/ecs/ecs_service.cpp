#include "api/ecs/operations.hpp"
#include "api/ecs/services.hpp"
#include "api/ecs/tasks.hpp"
#include "berth/api/ecs/ecs_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::ecs {

std::unique_ptr<protocol::JsonService> make_ecs_service(Environment env) {
    // ECS answers input that breaks the model with InvalidParameterException.
    auto service = std::make_unique<protocol::JsonService>(
        protocol::ServiceModel::embedded("ecs-2014-11-13"), "InvalidParameterException");
    add_cluster_operations(*service, env);
    add_task_definition_operations(*service, env);
    add_tag_operations(*service, env);
    add_account_setting_operations(*service, env);
    add_task_operations(*service, env);
    add_service_operations(*service, env);
    return service;
}

}  // namespace berth::api::ecs

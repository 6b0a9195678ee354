// The secretsmanager operation table (operation name → handler, one row per line of operations.def)
// and the service built from it.
#include "api/secretsmanager/handlers.hpp"
#include "berth/api/secretsmanager/secretsmanager_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::secretsmanager {

std::unique_ptr<protocol::JsonService> make_secretsmanager_service(Environment env) {
    // Input that breaks the model: Secrets Manager answers InvalidParameterException.
    auto service = std::make_unique<protocol::JsonService>(
        protocol::ServiceModel::embedded("secretsmanager-2017-10-17"), "InvalidParameterException");
#define BERTH_OPERATION(name, handler) service->add(#name, protocol::bind_handler(env, handler));
#include "api/secretsmanager/operations.def"
#undef BERTH_OPERATION
    return service;
}

}  // namespace berth::api::secretsmanager

// The logs operation table (operation name → handler, one row per line of operations.def) and
// the service built from it.
#include "api/logs/handlers.hpp"
#include "berth/api/logs/logs_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::logs {

std::unique_ptr<protocol::JsonService> make_logs_service(Environment env) {
    // CloudWatch Logs answers input that breaks the model with InvalidParameterException.
    auto service = std::make_unique<protocol::JsonService>(
        protocol::ServiceModel::embedded("logs-2014-03-28"), "InvalidParameterException");
#define BERTH_OPERATION(name, handler) service->add(#name, protocol::bind_handler(env, handler));
#include "api/logs/operations.def"
#undef BERTH_OPERATION
    return service;
}

}  // namespace berth::api::logs

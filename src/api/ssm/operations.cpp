// The SSM operation table (operation name → handler, one row per line of operations.def) and
// the service built from it.
#include "api/ssm/handlers.hpp"
#include "api/ssm/request.hpp"
#include "berth/api/ssm/ssm_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::ssm {

std::unique_ptr<protocol::JsonService> make_ssm_service(Environment env) {
    // SSM answers input that breaks the model with ValidationException.
    auto service = std::make_unique<protocol::JsonService>(
        protocol::ServiceModel::embedded("ssm-2014-11-06"), "ValidationException");
#define BERTH_OPERATION(name, handler) service->add(#name, ssm::bind(env, handler));
#include "api/ssm/operations.def"
#undef BERTH_OPERATION
    return service;
}

}  // namespace berth::api::ssm

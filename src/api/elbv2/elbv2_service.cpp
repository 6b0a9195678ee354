// The elbv2 operation table (operation name → handler, one row per line of operations.def) and
// the service built from it.
#include "api/elbv2/handlers.hpp"
#include "berth/api/elbv2/elbv2_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::elbv2 {

std::unique_ptr<protocol::QueryService> make_elbv2_service(Environment env) {
    // ELB answers input that breaks the model with ValidationError.
    auto service = std::make_unique<protocol::QueryService>(
        protocol::ServiceModel::embedded("elbv2-2015-12-01"), "ValidationError");
#define BERTH_OPERATION(name, handler) service->add(#name, protocol::bind_handler(env, handler));
#include "api/elbv2/operations.def"
#undef BERTH_OPERATION
    return service;
}

}  // namespace berth::api::elbv2

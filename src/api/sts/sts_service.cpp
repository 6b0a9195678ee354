// The sts operation table (operation name → handler, one row per line of operations.def) and
// the service built from it.
#include "api/sts/handlers.hpp"
#include "berth/api/sts/sts_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::sts {

std::unique_ptr<protocol::QueryService> make_sts_service(Environment env) {
    // STS answers input that breaks the model with ValidationError.
    auto service = std::make_unique<protocol::QueryService>(
        protocol::ServiceModel::embedded("sts-2011-06-15"), "ValidationError");
#define BERTH_OPERATION(name, handler) service->add(#name, protocol::bind_handler(env, handler));
#include "api/sts/operations.def"
#undef BERTH_OPERATION
    return service;
}

}  // namespace berth::api::sts

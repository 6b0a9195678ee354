// The Cloud Map operation table (operation name → handler, one row per line of
// operations.def) and the service built from it.
#include "api/servicediscovery/handlers.hpp"
#include "berth/api/servicediscovery/servicediscovery_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::servicediscovery {

std::unique_ptr<protocol::JsonService> make_servicediscovery_service(Environment env) {
    auto service = std::make_unique<protocol::JsonService>(
        protocol::ServiceModel::embedded("servicediscovery-2017-03-14"), "InvalidInput");
#define BERTH_OPERATION(name, handler) service->add(#name, protocol::bind_handler(env, handler));
#include "api/servicediscovery/operations.def"
#undef BERTH_OPERATION
    return service;
}

}  // namespace berth::api::servicediscovery

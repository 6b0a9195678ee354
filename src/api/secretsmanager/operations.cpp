// The operation table and the service built from it.
#include "api/secretsmanager/handlers.hpp"
#include "berth/api/secretsmanager/secretsmanager_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::secretsmanager {

using HandlerFn = nlohmann::json (*)(const Environment&, const protocol::RequestContext&,
                                     const nlohmann::json&);

std::unique_ptr<protocol::JsonService> make_secretsmanager_service(Environment env) {
    // Input that breaks the model: Secrets Manager answers InvalidParameterException.
    auto service = std::make_unique<protocol::JsonService>(
        protocol::ServiceModel::embedded("secretsmanager-2017-10-17"), "InvalidParameterException");
    auto add = [&](const char* name, HandlerFn fn) {
        service->add(name, [env, fn](const protocol::RequestContext& ctx,
                                     const nlohmann::json& input) { return fn(env, ctx, input); });
    };
#define BERTH_OPERATION(name, handler) add(#name, handler);
#include "api/secretsmanager/operations.def"
#undef BERTH_OPERATION
    return service;
}

}  // namespace berth::api::secretsmanager

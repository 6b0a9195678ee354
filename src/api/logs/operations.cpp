#include <array>
#include <string_view>

#include "api/logs/handlers.hpp"
#include "berth/api/logs/logs_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::logs {
namespace {

using HandlerFn = nlohmann::json (*)(const Environment&, const protocol::RequestContext&,
                                     const nlohmann::json&);

struct Operation {
    std::string_view name;
    HandlerFn handler;
};

constexpr std::array k_operations{
#define BERTH_OPERATION(name, handler) Operation{#name, handler},
#include "api/logs/operations.def"
#undef BERTH_OPERATION
};

}  // namespace

std::unique_ptr<protocol::JsonService> make_logs_service(Environment env) {
    // CloudWatch Logs answers input that breaks the model with InvalidParameterException.
    auto service = std::make_unique<protocol::JsonService>(
        protocol::ServiceModel::embedded("logs-2014-03-28"), "InvalidParameterException");
    for (const auto& op : k_operations) {
        service->add(
            std::string(op.name),
            [env, fn = op.handler](const protocol::RequestContext& ctx,
                                   const nlohmann::json& input) { return fn(env, ctx, input); });
    }
    return service;
}

}  // namespace berth::api::logs

#include <array>
#include <string_view>

#include "api/sts/handlers.hpp"
#include "berth/api/sts/sts_api.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::api::sts {
namespace {

struct Operation {
    std::string_view name;
    HandlerFn handler;
};

constexpr std::array k_operations{
#define BERTH_OPERATION(name, handler) Operation{#name, handler},
#include "api/sts/operations.def"
#undef BERTH_OPERATION
};

}  // namespace

std::unique_ptr<protocol::QueryService> make_sts_service(Environment env) {
    // STS answers input that breaks the model with ValidationError.
    auto service = std::make_unique<protocol::QueryService>(
        protocol::ServiceModel::embedded("sts-2011-06-15"), "ValidationError");
    for (const auto& op : k_operations) {
        service->add(
            std::string(op.name),
            [env, fn = op.handler](const protocol::RequestContext& ctx,
                                   const nlohmann::json& input) { return fn(env, ctx, input); });
    }
    return service;
}

}  // namespace berth::api::sts

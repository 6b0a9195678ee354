#include "berth/protocol/query_service.hpp"

#include <spdlog/spdlog.h>

#include "berth/protocol/aws_error.hpp"
#include "protocol/form.hpp"
#include "protocol/json_text.hpp"
#include "protocol/query_decode.hpp"
#include "protocol/query_xml.hpp"

namespace berth::protocol {
namespace {

// Removes and returns a parameter ("" when absent).
std::string take(FormParams& params, std::string_view name) {
    auto it = params.find(name);
    if (it == params.end()) return {};
    auto value = std::move(it->second);
    params.erase(it);
    return value;
}

}  // namespace

QueryService::QueryService(const ServiceModel& model, std::string validation_error)
    : Operations(model, std::move(validation_error), ValidationPaths::lower_camel) {}

std::string QueryService::invoke(const RequestContext& ctx, const std::string& body) const {
    auto params = parse_form(body);
    const auto action = take(params, "Action");
    auto version = take(params, "Version");
    if (action.empty()) {
        throw AwsError("MissingAction", "The request must contain the parameter Action.");
    }
    // AWS names both a wrong and a missing Version this way.
    if (version.empty()) version = "NO_VERSION_SPECIFIED";
    const detail::ShapeGraph graph(model().tables());
    const auto* op = graph.operation(action);
    if (!op || version != model().api_version()) {
        throw AwsError("InvalidAction",
                       "Could not find operation " + action + " for version " + version);
    }
    const auto& handler = this->handler(action);
    auto input = decode_query_input(graph, op->input, params, validation_error());
    if (!input.unknown.empty()) {
        spdlog::warn("{} {}: ignoring parameters the model does not have: {}", model().service_id(),
                     action, join(input.unknown, ", "));
    }
    auto output = run(action, handler, ctx, std::move(input.value));
    return query_response_xml(graph, *op, output, model().xml_namespace(), ctx.request_id);
}

}  // namespace berth::protocol

#include "berth/protocol/json_service.hpp"

#include "berth/protocol/aws_error.hpp"
#include "protocol/json_text.hpp"

namespace berth::protocol {
namespace {

using nlohmann::json;

// Far deeper than any AWS model nests (ECS: under 10), far shallower than a stack overflow.
constexpr std::size_t k_max_depth = 64;

json parse_body(const std::string& body) {
    if (body.empty()) return json::object();
    if (nests_deeper_than(body, k_max_depth)) {
        throw AwsError("SerializationException", "Request body nests deeper than " +
                                                     std::to_string(k_max_depth) + " levels.");
    }
    try {
        return json::parse(body);
    } catch (const json::parse_error& e) {
        // nlohmann prefixes "[json.exception.parse_error.101] "; the rest says where.
        std::string detail = e.what();
        if (auto bracket = detail.find("] "); bracket != std::string::npos) {
            detail.erase(0, bracket + 2);
        }
        throw AwsError("SerializationException", "Malformed JSON request body: " + detail);
    }
}

}  // namespace

JsonService::JsonService(const ServiceModel& model, std::string validation_error)
    : model_(model), validation_error_(std::move(validation_error)) {}

void JsonService::add(const std::string& operation, OperationHandler handler) {
    if (!model_.has_shapes(operation)) {
        throw std::invalid_argument(operation + " is not an embedded operation of " +
                                    std::string(model_.service_id()) +
                                    " (add it to the service's operations.def)");
    }
    handlers_[operation] = std::move(handler);
}

bool JsonService::implements(const std::string& operation) const {
    return handlers_.contains(operation);
}

json JsonService::invoke(const std::string& operation, const RequestContext& ctx,
                         const std::string& body) const {
    if (!model_.has_operation(operation)) {
        throw AwsError("UnknownOperationException", operation + " is not an operation of " +
                                                        std::string(model_.service_id()) + ".");
    }
    auto handler = handlers_.find(operation);
    if (handler == handlers_.end()) {
        throw errors::unsupported("Berth does not implement the " +
                                  std::string(model_.service_id()) + " operation " + operation +
                                  " yet.");
    }
    json input = parse_body(body);
    model_.validate_input(operation, input, validation_error_);
    strip_null_members(input);
    json output = handler->second(ctx, input);
    if (output.is_null()) output = json::object();
    if (strict_output_) {
        auto violations = model_.check_output(operation, output);
        if (!violations.empty()) {
            throw errors::server("Response does not conform to the " +
                                 std::string(model_.service_id()) +
                                 " model: " + join(violations, "; "));
        }
    }
    return output;
}

}  // namespace berth::protocol

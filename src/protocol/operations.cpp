#include "berth/protocol/operations.hpp"

#include "berth/protocol/aws_error.hpp"
#include "protocol/json_text.hpp"

namespace berth::protocol {

using nlohmann::json;

Operations::Operations(const ServiceModel& model, std::string validation_error,
                       ValidationPaths paths)
    : model_(model), validation_error_(std::move(validation_error)), paths_(paths) {}

void Operations::add(const std::string& operation, OperationHandler handler) {
    if (!model_.has_shapes(operation)) {
        throw std::invalid_argument(operation + " is not an embedded operation of " +
                                    std::string(model_.service_id()) +
                                    " (add it to the service's operations.def)");
    }
    handlers_[operation] = std::move(handler);
}

bool Operations::implements(const std::string& operation) const {
    return handlers_.contains(operation);
}

const OperationHandler& Operations::handler(const std::string& operation) const {
    auto it = handlers_.find(operation);
    if (it == handlers_.end()) {
        throw errors::unsupported("Berth does not implement the " +
                                  std::string(model_.service_id()) + " operation " + operation +
                                  " yet.");
    }
    return it->second;
}

json Operations::run(const std::string& operation, const OperationHandler& handler,
                     const RequestContext& ctx, json input) const {
    model_.validate_input(operation, input, validation_error_, paths_);
    strip_null_members(input);
    json output = handler(ctx, input);
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

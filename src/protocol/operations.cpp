#include "berth/protocol/operations.hpp"

#include "berth/protocol/aws_error.hpp"
#include "protocol/json_text.hpp"

#include <spdlog/spdlog.h>

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

// Members no shape names are ignored, as AWS ignores them, but not in silence: they are taken
// out before the handler sees the input (so none is stored and described back) and logged.
void Operations::drop_unknown(const std::string& operation,
                              const std::vector<UnknownMember>& unknown) const {
    if (unknown.empty()) return;
    std::vector<std::string> paths;
    for (const auto& m : unknown) {
        // `input` is run()'s own copy: the validator only looked at it through const.
        const_cast<json*>(m.object)->erase(m.name);
        paths.push_back(m.path);
    }
    spdlog::warn("{} {}: ignoring members the model does not have: {}", model_.service_id(),
                 operation, join(paths, ", "));
}

json Operations::run(const std::string& operation, const OperationHandler& handler,
                     const RequestContext& ctx, json input) const {
    drop_unknown(operation, model_.validate_input(operation, input, validation_error_, paths_));
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

#pragma once
// One AWS JSON-1.1 service: its model and a table of operation → handler. Validates every
// input against the model before the handler sees it.
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/protocol/request_context.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::protocol {

using OperationHandler =
    std::function<nlohmann::json(const RequestContext&, const nlohmann::json& input)>;

// A service's handler as a plain function of its environment (the stores it works on), and
// that function bound to one environment for JsonService::add.
template <class Environment>
using EnvironmentHandler = nlohmann::json (*)(const Environment&, const RequestContext&,
                                              const nlohmann::json& input);
template <class Environment>
OperationHandler bind_handler(const Environment& env, EnvironmentHandler<Environment> fn) {
    return [env, fn](const RequestContext& ctx, const nlohmann::json& input) {
        return fn(env, ctx, input);
    };
}

class JsonService {
  public:
    // `validation_error` is the __type this service answers for input that breaks the model
    // (ECS: "InvalidParameterException" for most, "ClientException" for some).
    JsonService(const ServiceModel& model, std::string validation_error);

    void add(const std::string& operation, OperationHandler handler);

    const ServiceModel& model() const { return model_; }
    bool implements(const std::string& operation) const;

    // With strict output on, every handler result is checked against the operation's output
    // shape (ServiceModel::check_output) and a result that does not fit becomes a 500
    // ServerException naming each departure. Off by default; `berth --strict-responses`.
    void set_strict_output(bool on) { strict_output_ = on; }
    bool strict_output() const { return strict_output_; }

    // Parses, validates and runs `operation`. Throws AwsError for every client-visible failure:
    // UnknownOperationException (not in the model), UnsupportedFeatureException (in the model,
    // no handler), SerializationException (body not a JSON object, wrong JSON types), the
    // validation error (constraints), or whatever the handler throws. An empty body is {}.
    // Members whose value is null are removed before the handler sees the input.
    nlohmann::json invoke(const std::string& operation, const RequestContext& ctx,
                          const std::string& body) const;

  private:
    const ServiceModel& model_;
    std::string validation_error_;
    std::map<std::string, OperationHandler> handlers_;
    bool strict_output_ = false;
};

}  // namespace berth::protocol

#pragma once
// What every AWS protocol front shares: a model, its table of operation → handler, the
// validation of input against the model before a handler sees it, and the optional check of a
// handler's result against the output shape. JsonService and QueryService add their wire.
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
// that function bound to one environment for Operations::add.
template <class Environment>
using EnvironmentHandler = nlohmann::json (*)(const Environment&, const RequestContext&,
                                              const nlohmann::json& input);
template <class Environment>
OperationHandler bind_handler(const Environment& env, EnvironmentHandler<Environment> fn) {
    return [env, fn](const RequestContext& ctx, const nlohmann::json& input) {
        return fn(env, ctx, input);
    };
}

class Operations {
  public:
    virtual ~Operations() = default;  // the app owns its services through this base

    void add(const std::string& operation, OperationHandler handler);

    const ServiceModel& model() const { return model_; }
    bool implements(const std::string& operation) const;

    // With strict output on, every handler result is checked against the operation's output
    // shape (ServiceModel::check_output) and a result that does not fit becomes a 500
    // ServerException naming each departure. Off by default; `berth --strict-responses`.
    void set_strict_output(bool on) { strict_output_ = on; }
    bool strict_output() const { return strict_output_; }

  protected:
    Operations(const ServiceModel& model, std::string validation_error, ValidationPaths paths);

    const std::string& validation_error() const { return validation_error_; }
    // The handler, or UnsupportedFeatureException for an operation of the model Berth lacks.
    const OperationHandler& handler(const std::string& operation) const;
    // Validates `input`, drops its null members and those the model does not name (logged),
    // runs the handler, checks its result.
    nlohmann::json run(const std::string& operation, const OperationHandler& handler,
                       const RequestContext& ctx, nlohmann::json input) const;

  private:
    void drop_unknown(const std::string& operation,
                      const std::vector<UnknownMember>& unknown) const;

    const ServiceModel& model_;
    std::string validation_error_;
    ValidationPaths paths_;
    std::map<std::string, OperationHandler> handlers_;
    bool strict_output_ = false;
};

}  // namespace berth::protocol

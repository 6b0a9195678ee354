#pragma once
// One AWS JSON-1.1 service: its model and a table of operation → handler (Operations), with
// the request body read as JSON.
#include <string>

#include <nlohmann/json.hpp>

#include "berth/protocol/operations.hpp"

namespace berth::protocol {

class JsonService : public Operations {
  public:
    // `validation_error` is the __type this service answers for input that breaks the model
    // (ECS: "InvalidParameterException" for most, "ClientException" for some).
    JsonService(const ServiceModel& model, std::string validation_error);

    // Parses, validates and runs `operation`. Throws AwsError for every client-visible failure:
    // UnknownOperationException (not in the model), UnsupportedFeatureException (in the model,
    // no handler), SerializationException (body not a JSON object, wrong JSON types), the
    // validation error (constraints), or whatever the handler throws. An empty body is {}.
    // Members whose value is null are removed before the handler sees the input.
    nlohmann::json invoke(const std::string& operation, const RequestContext& ctx,
                          const std::string& body) const;
};

}  // namespace berth::protocol

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

class JsonService {
public:
    // `validation_error` is the __type this service answers for input that breaks the model
    // (ECS: "InvalidParameterException" for most, "ClientException" for some).
    JsonService(const ServiceModel& model, std::string validation_error);

    void add(const std::string& operation, OperationHandler handler);

    const ServiceModel& model() const { return model_; }
    bool implements(const std::string& operation) const;

    // Parses, validates and runs `operation`. Throws AwsError for every client-visible failure.
    nlohmann::json invoke(const std::string& operation, const RequestContext& ctx,
                          const std::string& body) const;

private:
    const ServiceModel& model_;
    std::string validation_error_;
    std::map<std::string, OperationHandler> handlers_;
};

}  // namespace berth::protocol

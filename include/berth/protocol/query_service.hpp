#pragma once
// One AWS query-protocol service (STS, ELBv2): its model and a table of operation → handler
// (Operations), with the request read from a form (`Action`, `Version` and the input
// flattened into dotted names) and the result written as XML, both driven by the model.
#include <string>

#include "berth/protocol/operations.hpp"

namespace berth::protocol {

class QueryService : public Operations {
  public:
    // `validation_error` is the code this service answers for input that breaks the model
    // (STS, ELBv2: "ValidationError"). Member paths in its messages are lowerCamel.
    QueryService(const ServiceModel& model, std::string validation_error);

    // Runs the form's `Action` and answers its <ActionResponse> document. Throws AwsError for
    // every client-visible failure: MissingAction; InvalidAction (not an operation of this
    // model at the form's `Version`, which must be the model's apiVersion);
    // UnsupportedFeatureException (no handler); MalformedQueryString; the validation error;
    // or whatever the handler throws. Parameters no member reads are logged and ignored, as
    // the JSON services ignore unknown members.
    std::string invoke(const RequestContext& ctx, const std::string& body) const;
};

}  // namespace berth::protocol

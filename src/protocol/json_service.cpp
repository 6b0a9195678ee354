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
    } catch (const json::exception& e) {
        // A syntax error, or a number out of a double's range (out_of_range.406, "1e400").
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
    : Operations(model, std::move(validation_error), ValidationPaths::as_named) {}

json JsonService::invoke(const std::string& operation, const RequestContext& ctx,
                         const std::string& body) const {
    if (!model().has_operation(operation)) {
        throw AwsError("UnknownOperationException", operation + " is not an operation of " +
                                                        std::string(model().service_id()) + ".");
    }
    const auto& handler = this->handler(operation);
    return run(operation, handler, ctx, parse_body(body));
}

}  // namespace berth::protocol

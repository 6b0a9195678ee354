#pragma once
// The one error type of the API layers: an AWS error code (`__type`) and message. Thrown by
// protocol validation and by handlers, turned into an HTTP response in exactly one place
// (protocol::Front).
#include <stdexcept>
#include <string>

namespace berth::protocol {

class AwsError : public std::runtime_error {
  public:
    AwsError(std::string type, const std::string& message, int http_status = 400)
        : std::runtime_error(message), type_(std::move(type)), http_status_(http_status) {}

    const std::string& type() const { return type_; }
    int http_status() const { return http_status_; }

  private:
    std::string type_;
    int http_status_;
};

// The ECS error codes, so handlers don't spell strings by hand.
namespace errors {
inline AwsError client(const std::string& m) {
    return {"ClientException", m};
}
inline AwsError invalid_parameter(const std::string& m) {
    return {"InvalidParameterException", m};
}
inline AwsError cluster_not_found(const std::string& m = "Cluster not found.") {
    return {"ClusterNotFoundException", m};
}
inline AwsError service_not_found(const std::string& m = "Service not found.") {
    return {"ServiceNotFoundException", m};
}
inline AwsError service_not_active(const std::string& m = "Service was not ACTIVE.") {
    return {"ServiceNotActiveException", m};
}
inline AwsError task_set_not_found(
    const std::string& m = "The specified task set does not exist.") {  // (guess)
    return {"TaskSetNotFoundException", m};
}
inline AwsError resource_not_found(const std::string& m) {
    return {"ResourceNotFoundException", m};
}
inline AwsError unsupported(const std::string& m) {
    return {"UnsupportedFeatureException", m};
}
inline AwsError server(const std::string& m) {
    return {"ServerException", m, 500};
}
}  // namespace errors

}  // namespace berth::protocol

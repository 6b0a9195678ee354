#pragma once
// Cloud Map's error codes, so handlers don't spell them by hand. Messages marked (guess) are
// Berth's wording.
#include <string>

#include "berth/protocol/aws_error.hpp"

namespace berth::api::servicediscovery::errors {

using protocol::AwsError;

inline AwsError invalid_input(const std::string& m) {
    return {"InvalidInput", m};
}
inline AwsError namespace_not_found(const std::string& id) {
    return {"NamespaceNotFound", "Namespace not found: " + id};  // (guess)
}
inline AwsError service_not_found(const std::string& id) {
    return {"ServiceNotFound", "Service not found: " + id};  // (guess)
}
inline AwsError instance_not_found(const std::string& id) {
    return {"InstanceNotFound", "Instance not found: " + id};  // (guess)
}
inline AwsError operation_not_found(const std::string& id) {
    return {"OperationNotFound", "No operation found with ID " + id};  // (guess)
}
inline AwsError resource_not_found(const std::string& arn) {
    return {"ResourceNotFoundException", "Resource not found: " + arn};  // (guess)
}
inline AwsError namespace_exists(const std::string& name) {
    return {"NamespaceAlreadyExists", "Namespace with name " + name + " already exists."};
}
inline AwsError service_exists(const std::string& name) {
    return {"ServiceAlreadyExists", "Service with name " + name + " already exists."};
}
inline AwsError resource_in_use(const std::string& m) {
    return {"ResourceInUse", m};
}
inline AwsError custom_health_not_found(const std::string& id) {
    return {"CustomHealthNotFound",
            "Service " + id + " does not have a custom health check configured."};  // (guess)
}
inline AwsError too_many_tags() {
    return {"TooManyTagsException", "A resource can have at most 50 tags."};
}
inline AwsError attributes_limit() {
    return {"ServiceAttributesLimitExceededException", "A service can have at most 30 attributes."};
}

}  // namespace berth::api::servicediscovery::errors

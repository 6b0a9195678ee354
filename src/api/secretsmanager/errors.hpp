#pragma once
// Secrets Manager's error codes and its recurring messages, in one place. Where the text is
// Berth's own guess at the service's wording, the comment says so.
#include <string>

#include "berth/protocol/aws_error.hpp"

namespace berth::api::secretsmanager::errors {

inline protocol::AwsError not_found(
    const std::string& m = "Secrets Manager can't find the specified secret.") {
    return {"ResourceNotFoundException", m};
}
inline protocol::AwsError invalid_request(const std::string& m) {
    return {"InvalidRequestException", m};
}
inline protocol::AwsError invalid_parameter(const std::string& m) {
    return {"InvalidParameterException", m};
}
inline protocol::AwsError resource_exists(const std::string& m) {
    return {"ResourceExistsException", m};
}
inline protocol::AwsError marked_for_deletion() {
    return invalid_request(
        "You can't perform this operation on the secret because it was marked for deletion.");
}
// A ClientRequestToken naming an existing version, with another value.
inline protocol::AwsError version_exists() {
    return resource_exists(
        "You can't modify an existing version, you can only create a new version.");
}
// Berth's wording: a member Berth does not act on, refused rather than ignored.
inline protocol::AwsError unsupported(const std::string& member, const std::string& why) {
    return invalid_request("Berth does not support " + member + ": " + why + ".");
}

}  // namespace berth::api::secretsmanager::errors

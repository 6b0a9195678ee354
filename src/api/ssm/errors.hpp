#pragma once
// SSM's error codes, so handlers don't spell them by hand. Messages follow AWS's where known;
// the ones marked (guess) are Berth's wording.
#include <cstdint>
#include <string>

#include "berth/protocol/aws_error.hpp"

namespace berth::api::ssm::errors {

using protocol::AwsError;

inline AwsError validation(const std::string& m) {
    return {"ValidationException", m};
}
inline AwsError parameter_not_found(const std::string& name) {
    return {"ParameterNotFound", "Parameter " + name + " not found."};  // (guess)
}
inline AwsError parameter_already_exists() {
    return {"ParameterAlreadyExists",
            "The parameter already exists. To overwrite this value, set the overwrite option in "
            "the request to true."};
}
inline AwsError version_not_found(const std::string& name, const std::string& selector) {
    return {"ParameterVersionNotFound", "Systems Manager could not find version " + selector +
                                            " of " + name + ". Verify the version and try again."};
}
inline AwsError max_versions(const std::string& name, std::int64_t oldest) {
    return {"ParameterMaxVersionLimitExceeded",
            "You attempted to create a new version of " + name +
                " by calling the PutParameter API with the overwrite flag. Version " +
                std::to_string(oldest) +
                ", the oldest version, can't be deleted because it has a label associated with "
                "it. Move the label to another version of the parameter, and try again."};
}
inline AwsError hierarchy_too_deep() {
    return {"HierarchyLevelLimitExceededException", "A hierarchy can have a maximum of 15 levels."};
}
inline AwsError hierarchy_type_mismatch() {
    return {"HierarchyTypeMismatchException",
            "The parameter type can't be changed for a parameter in a hierarchy. Create a new "
            "parameter instead."};  // (guess)
}
inline AwsError pattern_mismatch(const std::string& pattern) {
    return {"ParameterPatternMismatchException",
            "Parameter value, cannot be validated against allowedPattern: " + pattern};
}
inline AwsError invalid_allowed_pattern(const std::string& why) {
    return {"InvalidAllowedPatternException", "The allowed pattern is not valid: " + why};
}
inline AwsError label_limit() {
    return {"ParameterVersionLabelLimitExceeded",
            "A parameter version can have a maximum of 10 labels. Move one or more labels to "
            "another version and try again."};
}
inline AwsError invalid_resource_id() {
    return {"InvalidResourceId",
            "The resource ID is not valid. Verify that you entered the "
            "correct ID and try again."};
}
inline AwsError too_many_tags() {
    return {"TooManyTagsError", "A parameter can have at most 50 tags."};  // (guess)
}
inline AwsError invalid_filter_key(const std::string& m) {
    return {"InvalidFilterKey", m};
}
inline AwsError invalid_filter_option(const std::string& m) {
    return {"InvalidFilterOption", m};
}
inline AwsError invalid_filter_value(const std::string& m) {
    return {"InvalidFilterValue", m};
}
inline AwsError invalid_next_token() {
    return {"InvalidNextToken", "The specified token isn't valid."};
}

}  // namespace berth::api::ssm::errors

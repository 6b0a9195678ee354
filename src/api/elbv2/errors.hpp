#pragma once
// ELB's error codes (the model's `error.code`s), so handlers don't spell them by hand. Messages
// follow ELB's where known.
#include <string>

#include "berth/protocol/aws_error.hpp"

namespace berth::api::elbv2::errors {

using protocol::AwsError;

inline AwsError validation(const std::string& m) {
    return {"ValidationError", m};
}
inline AwsError invalid_configuration(const std::string& m) {
    return {"InvalidConfigurationRequest", m};
}
inline AwsError load_balancer_not_found(
    const std::string& m = "One or more load balancers not found") {
    return {"LoadBalancerNotFound", m};
}
inline AwsError target_group_not_found(
    const std::string& m = "One or more target groups not found") {
    return {"TargetGroupNotFound", m};
}
inline AwsError listener_not_found(const std::string& m = "One or more listeners not found") {
    return {"ListenerNotFound", m};
}
inline AwsError rule_not_found(const std::string& m = "One or more rules not found") {
    return {"RuleNotFound", m};
}
inline AwsError duplicate_load_balancer(const std::string& name) {
    return {"DuplicateLoadBalancerName", "A load balancer with the same name '" + name +
                                             "' exists, but with different settings"};
}
inline AwsError duplicate_target_group(const std::string& name) {
    return {"DuplicateTargetGroupName",
            "A target group with the same name '" + name + "' exists, but with different settings"};
}
inline AwsError duplicate_listener() {
    return {"DuplicateListener", "A listener already exists on this port for this load balancer"};
}
inline AwsError priority_in_use(int priority) {
    return {"PriorityInUse", "Priority '" + std::to_string(priority) + "' is currently in use"};
}
inline AwsError resource_in_use(const std::string& m) {
    return {"ResourceInUse", m};
}
inline AwsError invalid_target(const std::string& m) {
    return {"InvalidTarget", m};
}
inline AwsError invalid_action(const std::string& m) {
    return {"InvalidLoadBalancerAction", m};
}
inline AwsError incompatible_protocols(const std::string& m) {
    return {"IncompatibleProtocols", m};
}
inline AwsError unsupported_protocol(const std::string& m) {
    return {"UnsupportedProtocol", m};
}
inline AwsError operation_not_permitted(const std::string& m) {
    return {"OperationNotPermitted", m};
}
inline AwsError too_many_tags(const std::string& m) {
    return {"TooManyTags", m};
}
inline AwsError duplicate_tag_keys(const std::string& key) {
    return {"DuplicateTagKeys", "Tag key '" + key + "' is duplicated"};
}

}  // namespace berth::api::elbv2::errors

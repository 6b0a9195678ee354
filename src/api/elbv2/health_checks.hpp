#pragma once
// A target group's health check as CreateTargetGroup and ModifyTargetGroup set it, with ELB's
// defaults and limits.
#include <nlohmann/json.hpp>

#include "berth/model/load_balancers.hpp"

namespace berth::api::elbv2 {

// Applies the HealthCheck* members and Matcher of `input` over `check` (the defaults for a new
// group, the current settings for ModifyTargetGroup) and validates the result. Throws
// ValidationError (or UnsupportedProtocol for HTTPS checks, which Berth cannot make).
void apply_health_check(model::TargetGroupHealthCheck& check, const nlohmann::json& input,
                        const model::TargetGroup& group);

}  // namespace berth::api::elbv2

#include "api/ecs/capacity_provider_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace errors = protocol::errors;
using nlohmann::json;

namespace {

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    return std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
    });
}

// arn:PARTITION:autoscaling:REGION:ACCOUNT:autoScalingGroup:UUID:autoScalingGroupName/NAME.
// ECS also requires that the group exists; Berth has no Auto Scaling, so the form is all it can
// check (docs/fidelity.md).
void check_auto_scaling_group_arn(const std::string& arn) {
    const bool ok = arn.starts_with("arn:") && arn.find(":autoscaling:") != std::string::npos &&
                    arn.find(":autoScalingGroup:") != std::string::npos &&
                    arn.find(":autoScalingGroupName/") != std::string::npos && !arn.ends_with("/");
    if (!ok) {
        // Berth's words: ECS's text for a malformed ARN is not published.
        throw errors::client(
            "The specified Auto Scaling group ARN is not valid. Specify a valid "
            "Auto Scaling group ARN and try again.");
    }
}

json with_default(json object, const char* member, json value) {
    if (!object.contains(member)) object[member] = std::move(value);
    return object;
}

json managed_scaling(json given) {
    if (!given.is_object()) given = json::object();
    given = with_default(std::move(given), "status", "DISABLED");
    given = with_default(std::move(given), "targetCapacity", 100);
    given = with_default(std::move(given), "minimumScalingStepSize", 1);
    given = with_default(std::move(given), "maximumScalingStepSize", 10000);
    given = with_default(std::move(given), "instanceWarmupPeriod", 300);
    if (given["minimumScalingStepSize"].get<int>() > given["maximumScalingStepSize"].get<int>()) {
        // Berth's words, for a rule ECS documents without its message.
        throw errors::invalid_parameter(
            "The managed scaling minimumScalingStepSize cannot be greater than the "
            "maximumScalingStepSize.");
    }
    return given;
}

}  // namespace

void check_capacity_provider_name(std::string_view name) {
    static constexpr std::array<std::string_view, 3> k_reserved{"aws", "ecs", "fargate"};
    const bool reserved = std::any_of(k_reserved.begin(), k_reserved.end(), [&](auto prefix) {
        return starts_with_ignoring_case(name, prefix);
    });
    if (name.empty() || name.size() > 255 || reserved ||
        !std::all_of(name.begin(), name.end(), is_name_char)) {
        throw errors::client(
            "The specified capacity provider name is invalid. Up to 255 characters are allowed, "
            "including letters (upper and lowercase), numbers, underscores, and hyphens. The "
            "name cannot be prefixed with \"aws\", \"ecs\", or \"fargate\". Specify a valid name "
            "and try again.");
    }
}

json auto_scaling_group_provider(const json& given) {
    check_auto_scaling_group_arn(given["autoScalingGroupArn"].get<std::string>());
    json out = given;
    out["managedScaling"] = managed_scaling(given.value("managedScaling", json::object()));
    out = with_default(std::move(out), "managedTerminationProtection", "DISABLED");
    return with_default(std::move(out), "managedDraining", "ENABLED");
}

json updated_auto_scaling_group_provider(const json& current, const json& update) {
    json out = current;
    if (update.contains("managedScaling")) {
        json scaling = current.value("managedScaling", json::object());
        scaling.update(update["managedScaling"]);
        out["managedScaling"] = managed_scaling(std::move(scaling));
    }
    for (const char* member : {"managedTerminationProtection", "managedDraining"}) {
        if (update.contains(member)) out[member] = update[member];
    }
    return out;
}

}  // namespace berth::api::ecs

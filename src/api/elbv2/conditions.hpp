#pragma once
// Rule conditions as CreateRule and ModifyRule take them (host-header, path-pattern,
// http-header, http-request-method, query-string, source-ip), with ELB's limits.
#include <nlohmann/json.hpp>

#include "berth/model/load_balancers.hpp"

namespace berth::api::elbv2 {

std::vector<model::RuleCondition> read_conditions(const nlohmann::json& conditions);

}  // namespace berth::api::elbv2

#pragma once
// The model's load balancing values in ELBv2's output shapes.
#include <nlohmann/json.hpp>

#include "berth/model/load_balancers.hpp"

namespace berth::api::elbv2 {

nlohmann::json load_balancer_json(const model::ElbLoadBalancer& lb);
nlohmann::json target_group_json(const model::LoadBalancerPartition& p,
                                 const model::TargetGroup& g);
nlohmann::json listener_json(const model::Listener& l);
nlohmann::json actions_json(const std::vector<model::Action>& actions);
nlohmann::json rule_json(const model::Rule& r);
// The listener's default actions as DescribeRules shows them: priority "default".
nlohmann::json default_rule_json(const model::Listener& l);
nlohmann::json tags_json(const model::Tags& tags);
nlohmann::json target_health_json(const model::TargetGroup& g,
                                  const model::TargetHealthEntry& entry);

}  // namespace berth::api::elbv2

#pragma once
// Listener default actions and rule actions as CreateListener, ModifyListener, CreateRule and
// ModifyRule take them: forward (one or weighted target groups, group stickiness),
// fixed-response and redirect. Authentication and JWT actions are refused.
#include <nlohmann/json.hpp>

#include "berth/model/load_balancers.hpp"

namespace berth::api::elbv2 {

// Reads and validates `actions` (the model's Actions list) for a listener of `lb`: target groups
// exist, speak a protocol the listener can forward to, and are used by no other load balancer;
// orders are unique (filled in by position when absent).
std::vector<model::Action> read_actions(const nlohmann::json& actions,
                                        const model::LoadBalancerPartition& p,
                                        const model::ElbLoadBalancer& lb);

// The listener protocols a load balancer of `type` serves in Berth (HTTP for application, TCP
// for network); UnsupportedProtocol or ValidationError otherwise.
void check_listener_protocol(model::LoadBalancerType type, model::ElbProtocol protocol);

}  // namespace berth::api::elbv2

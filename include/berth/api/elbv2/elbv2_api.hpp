#pragma once
// The Elastic Load Balancing v2 API (elbv2-2015-12-01, a query-protocol service): the
// operations of src/api/elbv2/operations.def on one protocol::QueryService, over a
// model::LoadBalancerStore that the data plane (edge/lb) and ECS services share.
#include <functional>
#include <memory>

#include "berth/model/common.hpp"
#include "berth/model/load_balancers.hpp"
#include "berth/protocol/query_service.hpp"

namespace berth::api::elbv2 {

struct Environment {
    model::LoadBalancerStore& load_balancers;
    std::function<model::TimePoint()> now = [] { return model::Clock::now(); };
};

// Operations in the model without a handler answer UnsupportedFeatureException.
std::unique_ptr<protocol::QueryService> make_elbv2_service(Environment env);

}  // namespace berth::api::elbv2

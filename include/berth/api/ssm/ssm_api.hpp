#pragma once
// The SSM API (Parameter Store): every operation of ssm-2014-11-06 that Berth implements,
// registered on one protocol::JsonService. Handlers read and write the ParameterStore only.
#include <functional>
#include <memory>

#include "berth/model/common.hpp"
#include "berth/model/parameters.hpp"
#include "berth/protocol/json_service.hpp"

namespace berth::api::ssm {

struct Environment {
    model::ParameterStore& parameters;
    // Time is injected so tests can control it.
    std::function<model::TimePoint()> now = [] { return model::Clock::now(); };
};

// Builds the SSM service. Operations in the model without a handler answer
// UnsupportedFeatureException naming the operation.
std::unique_ptr<protocol::JsonService> make_ssm_service(Environment env);

}  // namespace berth::api::ssm

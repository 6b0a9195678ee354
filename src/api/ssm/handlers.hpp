#pragma once
// Every SSM operation handler, one per operation of operations.def, defined in the file named
// above its group. A handler reads the validated input, works on the ParameterStore only, and
// returns the output JSON (or throws protocol::AwsError).
#include <nlohmann/json.hpp>

#include "berth/api/ssm/ssm_api.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::ssm {

#define BERTH_OPERATION(name, handler)                                                  \
    nlohmann::json handler(const Environment& env, const protocol::RequestContext& ctx, \
                           const nlohmann::json& input);
#include "api/ssm/operations.def"
#undef BERTH_OPERATION

}  // namespace berth::api::ssm

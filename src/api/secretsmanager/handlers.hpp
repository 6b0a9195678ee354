#pragma once
// Every Secrets Manager handler, one per line of operations.def, defined in the file named
// above its group. A handler reads the validated input, works on the SecretStore only, and
// returns the output JSON (or throws protocol::AwsError).
#include <nlohmann/json.hpp>

#include "berth/api/secretsmanager/secretsmanager_api.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::secretsmanager {

#define BERTH_OPERATION(name, handler)                                                  \
    nlohmann::json handler(const Environment& env, const protocol::RequestContext& ctx, \
                           const nlohmann::json& input);
#include "api/secretsmanager/operations.def"
#undef BERTH_OPERATION

}  // namespace berth::api::secretsmanager

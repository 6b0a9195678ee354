#pragma once
// Every CloudWatch Logs handler, one per line of operations.def, defined in the file named in
// the comment above its group there: groups.cpp, streams.cpp, put_events.cpp,
// get_events.cpp, filter_events.cpp, tags.cpp.
#include <nlohmann/json.hpp>

#include "berth/api/logs/logs_api.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::logs {

#define BERTH_OPERATION(name, handler)                                                  \
    nlohmann::json handler(const Environment& env, const protocol::RequestContext& ctx, \
                           const nlohmann::json& input);
#include "api/logs/operations.def"
#undef BERTH_OPERATION

}  // namespace berth::api::logs

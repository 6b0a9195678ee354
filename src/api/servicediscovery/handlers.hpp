#pragma once
// Every Cloud Map operation handler, one per operation of operations.def: namespaces.cpp,
// services.cpp, service_attributes.cpp, instances.cpp, discover.cpp, operation_reports.cpp,
// tags.cpp. A handler reads the validated input, works on the ServiceDiscoveryStore only, and
// returns the output JSON (or throws protocol::AwsError).
#include <nlohmann/json.hpp>

#include "berth/api/servicediscovery/servicediscovery_api.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::servicediscovery {

#define BERTH_OPERATION(name, handler)                                                  \
    nlohmann::json handler(const Environment& env, const protocol::RequestContext& ctx, \
                           const nlohmann::json& input);
#include "api/servicediscovery/operations.def"
#undef BERTH_OPERATION

}  // namespace berth::api::servicediscovery

#pragma once
// The Cloud Map API (servicediscovery-2017-03-14, JSON-1.1, target prefix
// Route53AutoNaming_v20170314): every operation Berth implements, registered on one
// protocol::JsonService. Handlers read and write the ServiceDiscoveryStore only.
#include <functional>
#include <memory>

#include "berth/model/common.hpp"
#include "berth/model/service_discovery.hpp"
#include "berth/protocol/json_service.hpp"

namespace berth::api::servicediscovery {

struct Environment {
    model::ServiceDiscoveryStore& store;
    // Time is injected so tests can control it.
    std::function<model::TimePoint()> now = [] { return model::Clock::now(); };
};

// Builds the Cloud Map service. Input that breaks the model answers InvalidInput.
std::unique_ptr<protocol::JsonService> make_servicediscovery_service(Environment env);

}  // namespace berth::api::servicediscovery

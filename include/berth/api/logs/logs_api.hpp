#pragma once
// The CloudWatch Logs API: the operations of logs-2014-03-28 that Berth implements, registered
// on one protocol::JsonService. Handlers read and write the LogStore only.
#include <memory>

#include "berth/model/log_store.hpp"
#include "berth/protocol/json_service.hpp"

namespace berth::api::logs {

struct Environment {
    model::LogStore& logs;  // its clock is the handlers' clock too
};

// Operations in the model without a handler answer UnsupportedFeatureException.
std::unique_ptr<protocol::JsonService> make_logs_service(Environment env);

}  // namespace berth::api::logs

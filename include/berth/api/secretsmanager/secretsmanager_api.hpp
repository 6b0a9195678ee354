#pragma once
// The Secrets Manager API: the operations of secretsmanager-2017-10-17 that Berth implements,
// registered on one protocol::JsonService. Handlers read and write the SecretStore only.
#include <memory>

#include "berth/model/secrets.hpp"
#include "berth/protocol/json_service.hpp"

namespace berth::api::secretsmanager {

struct Environment {
    model::SecretStore& secrets;  // its clock is the handlers' clock
};

// Builds the service. Operations in the model without a handler answer
// UnsupportedFeatureException naming the operation.
std::unique_ptr<protocol::JsonService> make_secretsmanager_service(Environment env);

}  // namespace berth::api::secretsmanager

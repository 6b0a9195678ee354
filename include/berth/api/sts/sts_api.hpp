#pragma once
// The STS API (sts-2011-06-15, a query-protocol service): the operations of
// src/api/sts/operations.def on one protocol::QueryService. Credentials it issues live in a
// model::CredentialStore; requests signed with them act in the role's account (the app wires
// FrontOptions::account_for_key to the same store).
#include <functional>
#include <memory>
#include <string>

#include "berth/model/common.hpp"
#include "berth/model/credentials.hpp"
#include "berth/protocol/query_service.hpp"

namespace berth::api::sts {

struct Environment {
    model::CredentialStore& credentials;
    std::string default_account;  // the account of an access key Berth cannot place
    std::function<model::TimePoint()> now = [] { return model::Clock::now(); };
};

// Operations in the model without a handler answer UnsupportedFeatureException.
std::unique_ptr<protocol::QueryService> make_sts_service(Environment env);

}  // namespace berth::api::sts

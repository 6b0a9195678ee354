#pragma once
// The STS handlers, one per row of operations.def, and what they share: who the caller is.
#include <optional>

#include <nlohmann/json.hpp>

#include "berth/api/sts/sts_api.hpp"
#include "berth/model/credentials.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::sts {

// The temporary credentials the request is signed with, nullopt for a long-term key (Berth
// has no IAM users: such a caller is its account's root). Throws ExpiredToken (403), as STS
// does, for credentials Berth issued that have expired.
std::optional<model::IssuedCredentials> temporary_caller(const Environment& env,
                                                         const protocol::RequestContext& ctx);

nlohmann::json get_caller_identity(const Environment&, const protocol::RequestContext&,
                                   const nlohmann::json&);
nlohmann::json get_access_key_info(const Environment&, const protocol::RequestContext&,
                                   const nlohmann::json&);
nlohmann::json assume_role(const Environment&, const protocol::RequestContext&,
                           const nlohmann::json&);
nlohmann::json get_session_token(const Environment&, const protocol::RequestContext&,
                                 const nlohmann::json&);

}  // namespace berth::api::sts

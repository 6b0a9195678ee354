#pragma once
// clientToken idempotency, as ECS scopes it: per operation and cluster, for 24 hours. The
// first answer to a token is kept with the request it answered (less the token); the same
// request with the same token gets that answer again, a different one gets `conflict`.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/model/store.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

// input's clientToken (CreateService, CreateTaskSet): at most 36 characters, as ECS says.
std::optional<std::string> read_client_token(const nlohmann::json& input);

struct ClientToken {
    std::string operation;  // "RunTask", "CreateService"
    std::string cluster;
    std::string token;
};

// The first answer to this token, when the same request comes again within the day; throws
// `conflict` when the token comes back with a different request.
std::optional<nlohmann::json> replay(const model::Partition& p, const ClientToken& token,
                                     const nlohmann::json& input, model::TimePoint now,
                                     const protocol::AwsError& conflict);

// Keeps `response` as the answer to `token` and `input`; now and then forgets expired tokens.
void remember(model::Partition& p, const ClientToken& token, const nlohmann::json& input,
              const nlohmann::json& response, model::TimePoint now);

}  // namespace berth::api::ecs

#include "api/ecs/idempotency.hpp"

#include <chrono>

namespace berth::api::ecs {

namespace {

using nlohmann::json;

// ECS keeps a client token for 24 hours.
constexpr auto k_token_ttl = std::chrono::hours(24);

std::string key_of(const ClientToken& t) {
    return t.operation + "/" + t.cluster + "/" + t.token;
}

json without_token(json input) {
    input.erase("clientToken");
    return input;
}

double horizon(model::TimePoint now) {
    return model::to_epoch_seconds(now - k_token_ttl);
}

// The longest clientToken CreateService and CreateTaskSet take.
constexpr std::size_t k_max_client_token = 36;

}  // namespace

std::optional<std::string> read_client_token(const json& input) {
    auto it = input.find("clientToken");
    if (it == input.end() || it->is_null()) return std::nullopt;
    auto token = it->get<std::string>();
    if (token.size() > k_max_client_token) {
        throw protocol::errors::invalid_parameter("clientToken can have at most 36 characters.");
    }
    return token;
}

std::optional<json> replay(const model::Partition& p, const ClientToken& token, const json& input,
                           model::TimePoint now, const protocol::AwsError& conflict) {
    auto it = p.idempotency.find(key_of(token));
    if (it == p.idempotency.end()) return std::nullopt;
    if (it->second.value("at", 0.0) < horizon(now)) return std::nullopt;
    if (it->second["request"] != without_token(input)) throw conflict;
    return it->second["response"];
}

void remember(model::Partition& p, const ClientToken& token, const json& input,
              const json& response, model::TimePoint now) {
    p.idempotency[key_of(token)] = {{"request", without_token(input)},
                                    {"response", response},
                                    {"at", model::to_epoch_seconds(now)}};
    if (p.idempotency.size() % 256 != 0) return;
    const double oldest = horizon(now);
    std::erase_if(p.idempotency,
                  [&](const auto& entry) { return entry.second.value("at", 0.0) < oldest; });
}

}  // namespace berth::api::ecs

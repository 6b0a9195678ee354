// DeleteSecret and RestoreSecret.
#include <chrono>

#include "api/secretsmanager/errors.hpp"
#include "api/secretsmanager/handlers.hpp"
#include "api/secretsmanager/request.hpp"

namespace berth::api::secretsmanager {

using nlohmann::json;

namespace {

constexpr long long k_default_window_days = 30;

// RecoveryWindowInDays, 7 to 30 (default 30); nullopt for ForceDeleteWithoutRecovery.
std::optional<long long> recovery_window(const json& input) {
    const bool force = input.value("ForceDeleteWithoutRecovery", false);
    if (force && input.contains("RecoveryWindowInDays")) {
        throw errors::invalid_parameter(
            "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    if (force) return std::nullopt;
    const auto days = input.value("RecoveryWindowInDays", k_default_window_days);
    if (days < 7 || days > 30) {
        throw errors::invalid_parameter(
            "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
    }
    return days;
}

json deletion_answer(const model::StoredSecret& secret, model::TimePoint when) {
    return {{"ARN", secret.arn},
            {"Name", secret.name},
            {"DeletionDate", model::to_epoch_seconds(when)}};
}

}  // namespace

json delete_secret(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto window = recovery_window(input);
    const auto now = env.secrets.now();
    return env.secrets.write(partition_of(ctx), [&](model::SecretPartition& p) -> json {
        auto* secret = p.find(input.at("SecretId").get<std::string>());
        if (secret == nullptr) {
            // The reference: a forced delete of a secret that does not exist is no error. What it
            // answers then is Berth's guess: the id as given.
            if (window) throw errors::not_found();
            const auto id = input.at("SecretId").get<std::string>();
            return {{id.starts_with("arn:") ? "ARN" : "Name", id},
                    {"DeletionDate", model::to_epoch_seconds(now)}};
        }
        if (!window) {
            auto out = deletion_answer(*secret, now);
            p.by_name.erase(secret->name);
            return out;
        }
        if (secret->scheduled_for_deletion()) throw errors::marked_for_deletion();
        secret->deleted = now;
        secret->deletion_date = now + std::chrono::days(*window);
        return deletion_answer(*secret, *secret->deletion_date);
    });
}

json restore_secret(const Environment& env, const protocol::RequestContext& ctx,
                    const json& input) {
    return env.secrets.write(partition_of(ctx), [&](model::SecretPartition& p) {
        auto& secret = secret_for(p, input);
        secret.deleted.reset();
        secret.deletion_date.reset();
        return json{{"ARN", secret.arn}, {"Name", secret.name}};
    });
}

}  // namespace berth::api::secretsmanager

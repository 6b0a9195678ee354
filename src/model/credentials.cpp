#include "berth/model/credentials.hpp"

#include "berth/model/arn.hpp"

namespace berth::model {

namespace {

// IAM's key ids and unique ids are upper-case base32 (A-Z, 2-7); secrets and session tokens
// are base64 text.
constexpr std::string_view k_base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view k_base64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// "arn:aws:iam::ACCT:role/path/NAME" → {ACCT, NAME}; the assumed-role ARN drops the path.
std::optional<std::pair<std::string, std::string>> role_account_and_name(
    std::string_view role_arn) {
    auto arn = parse_arn(role_arn);
    if (!arn || arn->service != "iam" || arn->resource_type() != "role") return std::nullopt;
    std::string_view resource = arn->resource;
    return std::pair{arn->account, std::string(resource.substr(resource.rfind('/') + 1))};
}

}  // namespace

IssuedCredentials CredentialStore::issue(const PartitionKey& partition, std::string_view role_arn,
                                         std::string_view session_name,
                                         std::chrono::seconds duration, TimePoint now) {
    IssuedCredentials c;
    c.access_key_id = "ASIA" + random_chars(16, k_base32);
    c.secret_access_key = random_chars(40, k_base64);
    // Real session tokens are a few hundred characters of base64; clients only pass them on.
    c.session_token = "IQoJb3JpZ2luX2Vj" + random_chars(340, k_base64);
    c.expiration = std::chrono::time_point_cast<std::chrono::seconds>(now) + duration;
    c.partition = partition;

    std::lock_guard lock(mutex_);
    forget_expired_locked(now);
    if (auto role = role_account_and_name(role_arn)) {
        c.role_arn = std::string(role_arn);
        c.assumed_role_arn = "arn:aws:sts::" + role->first + ":assumed-role/" + role->second + "/" +
                             std::string(session_name);
        c.assumed_role_id = role_id_locked(c.role_arn) + ":" + std::string(session_name);
    }
    by_key_[c.access_key_id] = c;
    return c;
}

std::optional<IssuedCredentials> CredentialStore::find(std::string_view access_key_id,
                                                       TimePoint now) const {
    auto c = find_any(access_key_id);
    if (!c || c->expiration <= now) return std::nullopt;
    return c;
}

std::optional<IssuedCredentials> CredentialStore::find_any(std::string_view access_key_id) const {
    std::lock_guard lock(mutex_);
    auto it = by_key_.find(access_key_id);
    if (it == by_key_.end()) return std::nullopt;
    return it->second;
}

std::string CredentialStore::role_id_locked(const std::string& role_arn) {
    auto [it, added] = role_ids_.try_emplace(role_arn);
    if (added) it->second = "AROA" + random_chars(17, k_base32);
    return it->second;
}

void CredentialStore::forget_expired_locked(TimePoint now) {
    std::erase_if(by_key_,
                  [&](const auto& kv) { return kv.second.expiration + k_retention <= now; });
}

}  // namespace berth::model

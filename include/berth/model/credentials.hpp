#pragma once
// Temporary credentials Berth issued (STS AssumeRole, GetSessionToken; ECS task roles), by
// access key id. Its own mutex, apart from the Store's, so issuing and looking up credentials
// on every signed request never contends with the ECS loops.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "berth/model/common.hpp"

namespace berth::model {

struct IssuedCredentials {
    std::string access_key_id, secret_access_key, session_token;
    TimePoint expiration;
    PartitionKey partition;
    std::string role_arn;          // arn:aws:iam::ACCT:role/NAME
    std::string assumed_role_arn;  // arn:aws:sts::ACCT:assumed-role/NAME/SESSION
    std::string assumed_role_id;   // AROA...:SESSION
};

class CredentialStore {
  public:
    // New credentials for role_arn, valid from `now` for `duration`. The same role always
    // gets the same AROA id, as IAM gives a role one unique id. A role_arn that is no role
    // ARN ("", for GetSessionToken) leaves the three role fields empty.
    IssuedCredentials issue(const PartitionKey&, std::string_view role_arn,
                            std::string_view session_name, std::chrono::seconds duration,
                            TimePoint now);
    // nullopt when unknown or expired at `now`.
    std::optional<IssuedCredentials> find(std::string_view access_key_id, TimePoint now) const;
    // As find(), expired credentials included: STS tells an expired token from an unknown one.
    std::optional<IssuedCredentials> find_any(std::string_view access_key_id) const;

    // How long expired credentials are remembered (to answer ExpiredToken) before forgotten.
    static constexpr std::chrono::hours k_retention{24};

  private:
    std::string role_id_locked(const std::string& role_arn);
    void forget_expired_locked(TimePoint now);

    mutable std::mutex mutex_;
    std::map<std::string, IssuedCredentials, std::less<>> by_key_;
    std::map<std::string, std::string> role_ids_;  // role ARN → AROA + 17
};

}  // namespace berth::model

#pragma once
// Secrets Manager's state: secrets, their versions and the staging labels on them, per
// (account, region). Its own store with its own mutex, apart from model::Store, so a secret's
// write never wakes or slows the ECS loops; the runtime reads values through find_value.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "berth/model/common.hpp"

namespace berth::model {

// The staging labels the service itself moves.
inline constexpr std::string_view k_stage_current = "AWSCURRENT";
inline constexpr std::string_view k_stage_previous = "AWSPREVIOUS";
inline constexpr std::string_view k_stage_pending = "AWSPENDING";

// A secret's value: a string, raw bytes, or (for a secret created without one) neither.
struct SecretPayload {
    std::optional<std::string> secret_string;
    std::optional<std::string> secret_binary;  // raw bytes (not base64)
    bool operator==(const SecretPayload&) const = default;
};

struct SecretVersion {
    std::string id;
    std::vector<std::string> stages;  // empty: deprecated
    SecretPayload payload;
    TimePoint created{};
    std::optional<TimePoint> last_accessed;

    bool has_stage(std::string_view stage) const;
};

struct StoredSecret {
    std::string arn;
    std::string name;
    std::optional<std::string> description;
    std::optional<std::string> kms_key_id;
    Tags tags;
    std::vector<SecretVersion> versions;  // oldest first
    TimePoint created{};
    TimePoint last_changed{};
    std::optional<TimePoint> last_accessed;
    // Set while the secret is scheduled for deletion: when DeleteSecret was called, and when
    // the secret goes for good.
    std::optional<TimePoint> deleted;
    std::optional<TimePoint> deletion_date;

    bool scheduled_for_deletion() const { return deletion_date.has_value(); }
    SecretVersion* version(std::string_view id);
    const SecretVersion* version(std::string_view id) const;
    const SecretVersion* version_with_stage(std::string_view stage) const;

    // Adds a version carrying `stages`, taking each label off the version that had it. When
    // AWSCURRENT moves, the version that had it becomes AWSPREVIOUS (PutSecretValue).
    SecretVersion& add_version(SecretVersion v);
    // Puts `stage` on version `to` (which must exist), taking it off whichever version had
    // it, with the same AWSCURRENT → AWSPREVIOUS rule (UpdateSecretVersionStage).
    void attach_stage(std::string_view stage, std::string_view to);
    // Takes `stage` off version `from`, if it has it.
    void detach_stage(std::string_view stage, std::string_view from);
};

// What GetSecretValue answers, and what the runtime injects into a container.
struct SecretVersionValue {
    std::string arn, name, version_id;
    std::vector<std::string> version_stages;
    std::optional<std::string> secret_string;
    std::optional<std::string> secret_binary;  // raw bytes (not base64)
};

// "arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX" with 6 random alphanumerics.
std::string new_secret_arn(const PartitionKey& key, std::string_view name);

// One (account, region)'s secrets.
struct SecretPartition {
    std::map<std::string, StoredSecret> by_name;

    // secret_id: the name, the full ARN, or the ARN without its 6-character suffix.
    StoredSecret* find(std::string_view secret_id);
    const StoredSecret* find(std::string_view secret_id) const;
};

// The version `version_id` and/or the one carrying `version_stage` (AWSCURRENT when both are
// empty); when both are given they must name the same version. nullptr otherwise.
const SecretVersion* select_version(const StoredSecret& secret, std::string_view version_stage,
                                    std::string_view version_id);
SecretVersionValue value_of(const StoredSecret& secret, const SecretVersion& version);

class SecretStore {
  public:
    explicit SecretStore(std::function<TimePoint()> now = [] { return Clock::now(); });

    // Runs f(SecretPartition&) under the lock. Returns what f returns.
    template <class F>
    auto write(const PartitionKey& key, F&& f) {
        std::lock_guard lock(mutex_);
        ++version_;
        return f(partition_locked(key));
    }

    // Runs f(const SecretPartition&) under the lock. An unseen partition reads as empty.
    template <class F>
    auto read(const PartitionKey& key, F&& f) const {
        std::lock_guard lock(mutex_);
        return f(static_cast<const SecretPartition&>(partition_locked(key)));
    }

    // secret_id: the name, the full ARN, or a partial ARN (the ARN without the 6-character
    // suffix Secrets Manager adds). Empty version_stage and version_id mean AWSCURRENT.
    // nullopt when no such secret, version or stage, or when it is scheduled for deletion.
    std::optional<SecretVersionValue> find_value(const PartitionKey& key,
                                                 std::string_view secret_id,
                                                 std::string_view version_stage = {},
                                                 std::string_view version_id = {}) const;

    TimePoint now() const { return now_(); }

    // For the state files (persist): the write count, every partition with the count it is as
    // of (one lock), and the partitions read back at start.
    std::uint64_t version() const;
    std::pair<std::map<PartitionKey, SecretPartition>, std::uint64_t> versioned_copy() const;
    void restore(std::map<PartitionKey, SecretPartition> partitions);

  private:
    // Also drops the secrets whose recovery window has ended: they no longer exist, so
    // every reader and writer must stop seeing them (hence `mutable`).
    SecretPartition& partition_locked(const PartitionKey& key) const;

    std::function<TimePoint()> now_;
    mutable std::mutex mutex_;
    mutable std::map<PartitionKey, SecretPartition> partitions_;
    std::uint64_t version_ = 0;
};

}  // namespace berth::model

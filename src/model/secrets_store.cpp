// The secret store: its lock, secret lookup by name or ARN, and the end of recovery windows.
#include <random>

#include "berth/model/secrets.hpp"

namespace berth::model {

std::string new_secret_arn(const PartitionKey& key, std::string_view name) {
    static constexpr std::string_view k_chars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937_64 gen{std::random_device{}()};
    std::uniform_int_distribution<std::size_t> pick(0, k_chars.size() - 1);
    std::string suffix(6, 'A');
    for (auto& c : suffix) c = k_chars[pick(gen)];
    return "arn:aws:secretsmanager:" + key.region + ":" + key.account +
           ":secret:" + std::string(name) + "-" + suffix;
}

namespace {

// The ARN less its "-XXXXXX" suffix: what a partial ARN matches.
std::string_view partial_arn(std::string_view arn) {
    return arn.size() > 7 ? arn.substr(0, arn.size() - 7) : arn;
}

}  // namespace

StoredSecret* SecretPartition::find(std::string_view secret_id) {
    if (!secret_id.starts_with("arn:")) {
        auto it = by_name.find(std::string(secret_id));
        return it == by_name.end() ? nullptr : &it->second;
    }
    // A full ARN first: "…:secret:db-AbCdEf" is the full ARN of "db" but could also be the
    // partial ARN of a secret named "db-AbCdEf".
    for (auto& [name, secret] : by_name)
        if (secret.arn == secret_id) return &secret;
    for (auto& [name, secret] : by_name)
        if (partial_arn(secret.arn) == secret_id) return &secret;
    return nullptr;
}

const StoredSecret* SecretPartition::find(std::string_view secret_id) const {
    return const_cast<SecretPartition*>(this)->find(secret_id);
}

SecretStore::SecretStore(std::function<TimePoint()> now) : now_(std::move(now)) {}

SecretPartition& SecretStore::partition_locked(const PartitionKey& key) const {
    auto& partition = partitions_[key];
    auto now = now_();
    std::erase_if(partition.by_name, [&](const auto& entry) {
        return entry.second.deletion_date && *entry.second.deletion_date <= now;
    });
    return partition;
}

std::uint64_t SecretStore::version() const {
    std::lock_guard lock(mutex_);
    return version_;
}

std::pair<std::map<PartitionKey, SecretPartition>, std::uint64_t> SecretStore::versioned_copy()
    const {
    std::lock_guard lock(mutex_);
    return {partitions_, version_};
}

void SecretStore::restore(std::map<PartitionKey, SecretPartition> partitions) {
    std::lock_guard lock(mutex_);
    partitions_ = std::move(partitions);
}

std::optional<SecretVersionValue> SecretStore::find_value(const PartitionKey& key,
                                                          std::string_view secret_id,
                                                          std::string_view version_stage,
                                                          std::string_view version_id) const {
    return read(key, [&](const SecretPartition& p) -> std::optional<SecretVersionValue> {
        const auto* secret = p.find(secret_id);
        if (secret == nullptr || secret->scheduled_for_deletion()) return std::nullopt;
        const auto* version = select_version(*secret, version_stage, version_id);
        if (version == nullptr) return std::nullopt;
        return value_of(*secret, *version);
    });
}

}  // namespace berth::model

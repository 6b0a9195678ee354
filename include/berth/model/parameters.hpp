#pragma once
// SSM Parameter Store state: parameters with their versions, labels and tags, per (account,
// region). Its own mutex, apart from model::Store, so parameter writes never wake or slow the
// ECS loops. The rules that are pure bookkeeping (version numbers, the 100-version window,
// labels moving between versions, selectors such as "name:3") live here; the API layer
// (src/api/ssm) checks the input and turns refusals into SSM's errors.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "berth/model/common.hpp"
#include "berth/model/names.hpp"

namespace berth::model {

enum class ParameterType : std::uint8_t { string, string_list, secure_string };
template <>
inline constexpr NameTable<ParameterType, 3> k_names<ParameterType>{{{
    {ParameterType::string, "String"},
    {ParameterType::string_list, "StringList"},
    {ParameterType::secure_string, "SecureString"},
}}};

// The tier a version is stored in. "Intelligent-Tiering" is a request, not a tier: the API
// layer resolves it to one of these.
enum class ParameterTier : std::uint8_t { standard, advanced };
template <>
inline constexpr NameTable<ParameterTier, 2> k_names<ParameterTier>{{{
    {ParameterTier::standard, "Standard"},
    {ParameterTier::advanced, "Advanced"},
}}};

// What a consumer of a parameter needs (ECS `secrets` resolution, for one).
struct ParameterValue {
    std::string name, arn, type;  // type: String | StringList | SecureString
    std::string value;            // SecureString values in clear (Berth keeps no KMS)
    std::int64_t version = 0;
};

struct ParameterVersion {
    std::int64_t version = 0;
    ParameterType type = ParameterType::string;
    ParameterTier tier = ParameterTier::standard;
    std::string value;  // SecureString values in clear
    std::string description;
    std::string allowed_pattern;
    std::string data_type = "text";
    std::string key_id;  // SecureString only
    std::vector<std::string> labels;
    TimePoint last_modified{};
    std::string last_modified_user;
};

// A reference to a parameter as GetParameter takes it: a name or an ARN, optionally followed
// by ":<version>" or ":<label>".
struct ParameterSelector {
    std::string name;  // or the ARN, as given, without the selector
    std::optional<std::int64_t> version;
    std::optional<std::string> label;
};
struct Parameter {
    // Parameter Store keeps the 100 most recent versions of a parameter.
    static constexpr std::size_t k_max_versions = 100;
    // At most 10 labels on one version.
    static constexpr std::size_t k_max_labels_per_version = 10;

    std::string name;
    std::vector<ParameterVersion> versions;  // oldest first, never empty once stored
    Tags tags;

    const ParameterVersion& latest() const { return versions.back(); }
    const ParameterVersion* find_version(std::int64_t version) const;
    const ParameterVersion* find_label(std::string_view label) const;
    // The version `selector` names: its version or label, else the latest. nullptr when there
    // is no such version or label.
    const ParameterVersion* select(const ParameterSelector& selector) const;

    // Whether another version can be added: false when the window is full and its oldest
    // version carries a label (AWS then refuses with ParameterMaxVersionLimitExceeded rather
    // than drop a labelled version).
    bool can_add_version() const;
    // Appends `v` as version latest+1 (or 1), dropping the oldest past k_max_versions.
    // Requires can_add_version(). Returns the new version number.
    std::int64_t add_version(ParameterVersion v);

    // Attaches `labels` to `version`, moving any that sit on another version. Labels already
    // there are kept. Returns false (nothing changed) when the version would then carry more
    // than k_max_labels_per_version labels. Requires find_version(version) and valid labels.
    bool attach_labels(std::int64_t version, const std::vector<std::string>& labels);
    // Removes those of `labels` that are on `version`; returns the ones that were not.
    std::vector<std::string> detach_labels(std::int64_t version,
                                           const std::vector<std::string>& labels);
};

// Whether `label` may be attached (LabelParameterVersion): 1..100 characters of letters,
// digits, '.', '-' and '_'; not starting with a digit, "aws" or "ssm" (case-insensitive).
bool valid_parameter_label(std::string_view label);

// "arn:aws:ssm:REGION:ACCOUNT:parameter/NAME"; a name starting with '/' adds no slash.
std::string parameter_arn(const PartitionKey& key, std::string_view name);

// Splits off the selector. nullopt when there is an empty selector ("name:") or a version
// that does not fit an int64.
std::optional<ParameterSelector> parse_parameter_selector(std::string_view text);

// One partition's parameters, by exact (case-sensitive) name.
struct ParameterPartition {
    std::map<std::string, Parameter> parameters;

    // The parameter a name or ARN names in partition `key`; nullptr when none. An ARN of
    // another partition names nothing here.
    const Parameter* resolve(const PartitionKey& key, std::string_view name_or_arn) const;
    Parameter* resolve(const PartitionKey& key, std::string_view name_or_arn);
};

class ParameterStore {
  public:
    // name_or_arn: "/a/b", "a", or the parameter's ARN, optionally ending in ":<version>" or
    // ":<label>". nullopt when there is no such parameter, version or label.
    std::optional<ParameterValue> find(const PartitionKey& key, std::string_view name_or_arn) const;

    // Runs f(const ParameterPartition&) under the lock; an unseen partition reads as empty.
    template <class F>
    auto read(const PartitionKey& key, F&& f) const {
        std::lock_guard lock(mutex_);
        auto it = partitions_.find(key);
        if (it == partitions_.end()) {
            const ParameterPartition empty;
            return f(empty);
        }
        return f(it->second);
    }

    // Runs f(ParameterPartition&) under the lock, creating the partition on first use. f may
    // throw; what it changed before throwing stays changed, so check before changing.
    template <class F>
    auto write(const PartitionKey& key, F&& f) {
        std::lock_guard lock(mutex_);
        ++version_;
        return f(partitions_[key]);
    }

    // For the state files (persist): the write count, every partition with the count it is as
    // of (one lock), and the partitions read back at start.
    std::uint64_t version() const;
    std::pair<std::map<PartitionKey, ParameterPartition>, std::uint64_t> versioned_copy() const;
    void restore(std::map<PartitionKey, ParameterPartition> partitions);

  private:
    mutable std::mutex mutex_;
    std::map<PartitionKey, ParameterPartition> partitions_;
    std::uint64_t version_ = 0;
};

}  // namespace berth::model

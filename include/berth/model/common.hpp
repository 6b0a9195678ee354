#pragma once
#include <chrono>
#include <compare>
#include <string>
#include <vector>

namespace berth::model {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// Seconds since the epoch with millisecond precision: the JSON-1.1 timestamp format.
double to_epoch_seconds(TimePoint t);

struct Tag {
    std::string key;
    std::string value;
    bool operator==(const Tag&) const = default;
};
using Tags = std::vector<Tag>;

// Adds or replaces by key, keeping first-seen order (TagResource semantics).
void merge_tags(Tags& into, const Tags& add);
void remove_tags(Tags& from, const std::vector<std::string>& keys);

// AWS partitions state by account and region: nothing in one is visible from another.
struct PartitionKey {
    std::string account;
    std::string region;
    auto operator<=>(const PartitionKey&) const = default;
};

}  // namespace berth::model

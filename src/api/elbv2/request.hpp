#pragma once
// What every ELBv2 handler reads from its input: the partition, lists of strings, tags,
// targets, pages, and the integer and boolean members, typed once here.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/load_balancers.hpp"
#include "berth/protocol/pagination.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::elbv2 {

inline model::PartitionKey partition_of(const protocol::RequestContext& ctx) {
    return {ctx.account, ctx.region};
}

// The strings of the list member `name` (empty when absent).
std::vector<std::string> strings(const nlohmann::json& input, const char* name);
std::optional<std::string> optional_string(const nlohmann::json& input, const char* name);
std::optional<int> optional_int(const nlohmann::json& input, const char* name);
std::optional<bool> optional_bool(const nlohmann::json& input, const char* name);

// `Tags` as AddTags and the Create* operations take them: no key twice (DuplicateTagKeys),
// at most 50 (TooManyTags).
model::Tags read_tags(const nlohmann::json& input);
// Merges `add` into a resource's tags, refusing more than 50 in all.
void add_tags(model::Tags& tags, const model::Tags& add, const std::string& arn);

std::vector<model::TargetRef> read_targets(const nlohmann::json& input);

// ELB's pages: `PageSize` (1..400) and an opaque `Marker`; the answer's `NextMarker`.
protocol::PageRequest read_page(const nlohmann::json& input);
template <class T>
void write_next_marker(nlohmann::json& out, const protocol::Page<T>& page) {
    if (page.next_token) out["NextMarker"] = *page.next_token;
}

// A name of load balancers and target groups: 1..32 letters, digits and hyphens, neither
// starting nor ending with a hyphen. `what` is "load balancer" or "target group".
void check_name(const std::string& name, const std::string& what);

// "true" or "false", else ValidationError naming the attribute.
bool parse_bool_attribute(const std::string& key, const std::string& value);
// An integer in [low, high], else ValidationError naming the attribute.
int parse_int_attribute(const std::string& key, const std::string& value, int low, int high);

}  // namespace berth::api::elbv2

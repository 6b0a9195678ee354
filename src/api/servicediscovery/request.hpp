#pragma once
// Readers shared by the Cloud Map handlers: the partition, pages (MaxResults/NextToken, a bad
// token answering InvalidInput), the Filters lists of the List* operations, tags, and finding
// the resource an id or ARN names (or the NotFound error).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/service_discovery.hpp"
#include "berth/protocol/pagination.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::servicediscovery {

inline model::PartitionKey partition_of(const protocol::RequestContext& ctx) {
    return {ctx.account, ctx.region};
}

inline std::string string_or(const nlohmann::json& input, std::string_view member,
                             std::string fallback = {}) {
    auto it = input.find(member);
    return it == input.end() ? fallback : it->get<std::string>();
}

protocol::PageRequest read_page(const nlohmann::json& input, std::size_t default_size = 100);

template <class T>
void write_next_token(nlohmann::json& output, const protocol::Page<T>& page) {
    if (page.next_token) output["NextToken"] = *page.next_token;
}

// One entry of a Filters list: Name, Values and Condition (EQ by default).
struct Filter {
    std::string name;
    std::vector<std::string> values;
    std::string condition = "EQ";

    // Whether `actual` passes: EQ (one value), IN, BEGINS_WITH, BETWEEN (two numbers).
    bool matches(std::string_view actual) const;
    bool matches_number(double actual) const;
};
// Reads Filters, refusing a condition `allowed` (per filter name) does not list.
std::vector<Filter> read_filters(const nlohmann::json& input,
                                 const std::vector<std::pair<std::string, std::string>>& allowed);

model::Tags read_tags(const nlohmann::json& tags);
nlohmann::json tags_json(const model::Tags& tags);

model::CloudMapNamespace& namespace_or_throw(model::ServiceDiscoveryPartition& p,
                                             std::string_view id);
const model::CloudMapNamespace& namespace_or_throw(const model::ServiceDiscoveryPartition& p,
                                                   std::string_view id);
model::CloudMapService& service_or_throw(model::ServiceDiscoveryPartition& p, std::string_view id);
const model::CloudMapService& service_or_throw(const model::ServiceDiscoveryPartition& p,
                                               std::string_view id);

// The body of the operations that answer {"OperationId": ...}.
inline nlohmann::json operation_output(const std::string& id) {
    return {{"OperationId", id}};
}

}  // namespace berth::api::servicediscovery

#include "api/servicediscovery/request.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "api/servicediscovery/errors.hpp"

namespace berth::api::servicediscovery {

using nlohmann::json;

protocol::PageRequest read_page(const json& input, std::size_t default_size) {
    protocol::PageRequest request;
    request.max_results = default_size;
    if (auto it = input.find("MaxResults"); it != input.end()) {
        request.max_results = it->get<std::size_t>();
    }
    if (auto it = input.find("NextToken"); it != input.end()) {
        try {
            request.after_key = protocol::decode_page_token(it->get<std::string>());
        } catch (const protocol::AwsError&) {
            throw errors::invalid_input("The specified NextToken is not valid.");  // (guess)
        }
    }
    return request;
}

bool Filter::matches(std::string_view actual) const {
    if (condition == "BEGINS_WITH") return actual.starts_with(values.front());
    return std::find(values.begin(), values.end(), actual) != values.end();
}

bool Filter::matches_number(double actual) const {
    auto number = [](const std::string& text) {
        double v = 0;
        std::from_chars(text.data(), text.data() + text.size(), v);
        return v;
    };
    if (condition == "BETWEEN") return actual >= number(values[0]) && actual <= number(values[1]);
    return std::any_of(values.begin(), values.end(),
                       [&](const std::string& v) { return number(v) == actual; });
}

std::vector<Filter> read_filters(const json& input,
                                 const std::vector<std::pair<std::string, std::string>>& allowed) {
    std::vector<Filter> out;
    auto it = input.find("Filters");
    if (it == input.end()) return out;
    for (const auto& f : *it) {
        Filter filter{f.at("Name").get<std::string>(),
                      f.at("Values").get<std::vector<std::string>>(),
                      string_or(f, "Condition", "EQ")};
        const bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const auto& a) {
            return a.first == filter.name && a.second == filter.condition;
        });
        if (!ok) {
            throw errors::invalid_input("The condition " + filter.condition +
                                        " is not supported for the filter " + filter.name + ".");
        }
        const bool one_value = filter.condition == "EQ" || filter.condition == "BEGINS_WITH";
        if ((one_value && filter.values.size() != 1) ||
            (filter.condition == "BETWEEN" && filter.values.size() != 2)) {
            throw errors::invalid_input("Filter " + filter.name + " with condition " +
                                        filter.condition + " takes " +
                                        (one_value ? "one value." : "two values."));
        }
        out.push_back(std::move(filter));
    }
    return out;
}

model::Tags read_tags(const json& tags) {
    model::Tags out;
    std::set<std::string> keys;
    for (const auto& t : tags) {
        model::Tag tag{t.at("Key").get<std::string>(), t.at("Value").get<std::string>()};
        if (!keys.insert(tag.key).second) {
            throw errors::invalid_input("Duplicate tag key " + tag.key + ".");  // (guess)
        }
        out.push_back(std::move(tag));
    }
    if (out.size() > 50) throw errors::too_many_tags();
    return out;
}

json tags_json(const model::Tags& tags) {
    json list = json::array();
    for (const auto& t : tags) list.push_back({{"Key", t.key}, {"Value", t.value}});
    return list;
}

model::CloudMapNamespace& namespace_or_throw(model::ServiceDiscoveryPartition& p,
                                             std::string_view id) {
    auto* ns = p.find_namespace(id);
    if (ns == nullptr) throw errors::namespace_not_found(std::string(id));
    return *ns;
}
const model::CloudMapNamespace& namespace_or_throw(const model::ServiceDiscoveryPartition& p,
                                                   std::string_view id) {
    auto* ns = p.find_namespace(id);
    if (ns == nullptr) throw errors::namespace_not_found(std::string(id));
    return *ns;
}
model::CloudMapService& service_or_throw(model::ServiceDiscoveryPartition& p, std::string_view id) {
    auto* s = p.find_service(id);
    if (s == nullptr) throw errors::service_not_found(std::string(id));
    return *s;
}
const model::CloudMapService& service_or_throw(const model::ServiceDiscoveryPartition& p,
                                               std::string_view id) {
    auto* s = p.find_service(id);
    if (s == nullptr) throw errors::service_not_found(std::string(id));
    return *s;
}

}  // namespace berth::api::servicediscovery

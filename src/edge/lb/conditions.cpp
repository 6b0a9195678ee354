#include "conditions.hpp"

#include <algorithm>

#include "beast_text.hpp"
#include "source_ip.hpp"
#include "wildcard.hpp"

namespace berth::edge::lb {

namespace {

using model::ConditionField;

bool any_value(const std::vector<std::string>& patterns, std::string_view text, Case mode) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return wildcard_match(p, text, mode); });
}

bool header_matches(const model::RuleCondition& c, const RequestFacts& r) {
    auto [first, last] = r.headers.equal_range(c.http_header_name);
    for (auto it = first; it != last; ++it) {
        if (any_value(c.values, sv(it->value()), Case::insensitive)) return true;
    }
    return false;
}

bool query_matches(const model::RuleCondition& c, const RequestFacts& r) {
    auto pairs = query_pairs(r.url.query);
    for (const auto& want : c.queries) {
        for (const auto& [key, value] : pairs) {
            bool key_ok = !want.key || wildcard_match(*want.key, key, Case::insensitive);
            if (key_ok && wildcard_match(want.value, value, Case::insensitive)) return true;
        }
    }
    return false;
}

}  // namespace

bool condition_matches(const model::RuleCondition& c, const RequestFacts& r) {
    switch (c.field) {
        case ConditionField::host_header:
            return any_value(c.values, r.url.host, Case::insensitive);
        case ConditionField::path_pattern:
            return any_value(c.values, r.url.path, Case::sensitive);
        case ConditionField::http_header:
            return header_matches(c, r);
        case ConditionField::http_request_method:
            return std::find(c.values.begin(), c.values.end(), r.method) != c.values.end();
        case ConditionField::query_string:
            return query_matches(c, r);
        case ConditionField::source_ip:
            return std::any_of(c.values.begin(), c.values.end(), [&](const std::string& cidr) {
                return cidr_contains(cidr, r.client_address);
            });
    }
    return false;
}

bool conditions_match(const std::vector<model::RuleCondition>& conditions,
                      const RequestFacts& request) {
    return std::all_of(conditions.begin(), conditions.end(),
                       [&](const auto& c) { return condition_matches(c, request); });
}

const std::vector<model::Action>& actions_for(const std::vector<const model::Rule*>& rules,
                                              const std::vector<model::Action>& default_actions,
                                              const RequestFacts& request) {
    for (const auto* rule : rules) {
        if (conditions_match(rule->conditions, request)) return rule->actions;
    }
    return default_actions;
}

}  // namespace berth::edge::lb

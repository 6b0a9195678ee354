#include "api/elbv2/conditions.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "api/elbv2/errors.hpp"
#include "api/elbv2/request.hpp"

namespace berth::api::elbv2 {

using nlohmann::json;

namespace {

constexpr std::size_t k_max_values = 5;  // per rule, all conditions together
constexpr std::size_t k_max_value_size = 128;

bool is_cidr(const std::string& text) {
    auto slash = text.find('/');
    if (slash == std::string::npos) return false;
    auto address = text.substr(0, slash);
    auto bits = text.substr(slash + 1);
    bool v6 = address.find(':') != std::string::npos;
    unsigned char buffer[16];
    if (inet_pton(v6 ? AF_INET6 : AF_INET, address.c_str(), buffer) != 1) return false;
    if (bits.empty() || bits.size() > 3 ||
        !std::all_of(bits.begin(), bits.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return false;
    }
    return std::stoi(bits) <= (v6 ? 128 : 32);
}

bool is_method(const std::string& text) {
    return !text.empty() && text.size() <= 40 &&
           std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isupper(c) || c == '-' || c == '_'; });
}

const char* config_member(model::ConditionField field) {
    switch (field) {
        case model::ConditionField::host_header:
            return "HostHeaderConfig";
        case model::ConditionField::path_pattern:
            return "PathPatternConfig";
        case model::ConditionField::http_header:
            return "HttpHeaderConfig";
        case model::ConditionField::http_request_method:
            return "HttpRequestMethodConfig";
        case model::ConditionField::query_string:
            return "QueryStringConfig";
        case model::ConditionField::source_ip:
            return "SourceIpConfig";
    }
    return "";
}

model::RuleCondition read_condition(const json& c) {
    auto name = c.value("Field", std::string());
    auto field = model::parse<model::ConditionField>(name);
    if (!field) throw errors::validation("Condition field '" + name + "' is not supported");
    model::RuleCondition out;
    out.field = *field;
    auto config = c.find(config_member(*field));
    bool legacy = c.contains("Values");
    if (legacy && config != c.end()) {
        throw errors::validation("You cannot specify both Values and " +
                                 std::string(config_member(*field)) + " in a condition");
    }
    bool legacy_allowed = *field == model::ConditionField::host_header ||
                          *field == model::ConditionField::path_pattern;
    if (legacy && !legacy_allowed) {
        throw errors::validation("Condition field '" + name + "' needs its " +
                                 config_member(*field));
    }
    if (c.contains("RegexValues") || (config != c.end() && config->contains("RegexValues"))) {
        throw errors::validation("Berth does not act on regex condition values");
    }
    if (*field == model::ConditionField::query_string) {
        if (config != c.end()) {
            for (const auto& pair : config->value("Values", json::array())) {
                model::QueryStringCondition q;
                if (auto key = optional_string(pair, "Key")) q.key = *key;
                q.value = pair.value("Value", std::string());
                out.queries.push_back(std::move(q));
            }
        }
    } else {
        out.values = strings(legacy ? c : (config != c.end() ? *config : json::object()), "Values");
    }
    if (*field == model::ConditionField::http_header) {
        out.http_header_name = config->value("HttpHeaderName", std::string());
        if (out.http_header_name.empty() || out.http_header_name.size() > 40) {
            throw errors::validation(
                "An http-header condition needs a header name of 1 to 40 "
                "characters");
        }
    }
    if (out.values.empty() && out.queries.empty()) {
        throw errors::validation("A condition value must be specified for field '" + name + "'");
    }
    for (const auto& v : out.values) {
        if (v.empty() || v.size() > k_max_value_size) {
            throw errors::validation("Condition values must be 1 to 128 characters long");
        }
        if (*field == model::ConditionField::http_request_method && !is_method(v)) {
            throw errors::validation("'" + v + "' is not a valid HTTP request method");
        }
        if (*field == model::ConditionField::source_ip && !is_cidr(v)) {
            throw errors::validation("'" + v + "' is not a valid CIDR block");
        }
    }
    return out;
}

}  // namespace

std::vector<model::RuleCondition> read_conditions(const json& conditions) {
    std::vector<model::RuleCondition> out;
    std::set<model::ConditionField> once;
    std::size_t values = 0;
    for (const auto& c : conditions) {
        auto condition = read_condition(c);
        bool repeatable = condition.field == model::ConditionField::http_header ||
                          condition.field == model::ConditionField::query_string;
        if (!repeatable && !once.insert(condition.field).second) {
            throw errors::validation("A rule can have only one '" +
                                     std::string(model::to_string(condition.field)) +
                                     "' condition");
        }
        values += condition.values.size() + condition.queries.size();
        out.push_back(std::move(condition));
    }
    if (out.empty()) throw errors::validation("A rule must have at least one condition");
    if (values > k_max_values) {
        throw errors::validation("A rule can only have '5' condition values");
    }
    return out;
}

}  // namespace berth::api::elbv2

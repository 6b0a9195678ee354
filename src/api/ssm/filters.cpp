#include "api/ssm/filters.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include "api/ssm/errors.hpp"
#include "api/ssm/names.hpp"
#include "api/ssm/request.hpp"

namespace berth::api::ssm {

namespace {

using nlohmann::json;

bool is_tag_key(std::string_view key) {
    return key.starts_with("tag:");
}

bool allowed_key(std::string_view key, FilterUse use) {
    static constexpr std::array<std::string_view, 3> k_by_path{"Type", "KeyId", "Label"};
    if (use == FilterUse::by_path) {
        return std::find(k_by_path.begin(), k_by_path.end(), key) != k_by_path.end();
    }
    return true;  // the model's pattern admits only the keys DescribeParameters takes
}

std::vector<std::string_view> options_of(std::string_view key, FilterUse use) {
    if (key == "Name") {
        if (use == FilterUse::describe) return {"Equals", "BeginsWith", "Contains"};
        return {"Equals", "BeginsWith"};
    }
    if (key == "Path") return {"Recursive", "OneLevel"};
    return {"Equals"};
}

std::string default_option(std::string_view key) {
    return key == "Path" ? "OneLevel" : "Equals";
}

std::vector<std::string> checked_paths(const std::vector<std::string>& values) {
    std::vector<std::string> paths;
    for (const auto& v : values) {
        try {
            paths.push_back(checked_path(v));
        } catch (const protocol::AwsError&) {
            throw errors::invalid_filter_value("The parameter path " + v + " is not valid.");
        }
    }
    return paths;
}

ParameterFilter read_filter(const json& f, FilterUse use) {
    ParameterFilter filter{f.at("Key").get<std::string>(), {}, {}};
    if (!allowed_key(filter.key, use)) {
        throw errors::invalid_filter_key("The following filter key is not valid: " + filter.key +
                                         ". Valid filter keys include: [Type, KeyId, Label].");
    }
    filter.option = optional_string(f, "Option").value_or(default_option(filter.key));
    auto options = options_of(filter.key, use);
    if (std::find(options.begin(), options.end(), filter.option) == options.end()) {
        throw errors::invalid_filter_option(
            "The following filter option is not valid: " + filter.option +
            ". Valid options include: [" +
            (filter.key == "Path" ? "Recursive, OneLevel" : "Equals, BeginsWith") + "].");
    }
    if (auto it = f.find("Values"); it != f.end()) {
        filter.values = it->get<std::vector<std::string>>();
    }
    // A tag filter without values asks for the key alone; every other filter needs values.
    if (filter.values.empty() && !is_tag_key(filter.key)) {
        throw errors::invalid_filter_value(
            "The following filter values are missing : null for "
            "filter key " +
            filter.key + ".");
    }
    if (filter.key == "Path") filter.values = checked_paths(filter.values);
    return filter;
}

bool any_of(const std::vector<std::string>& values, auto&& pred) {
    return std::any_of(values.begin(), values.end(), pred);
}

bool name_matches(const std::string& name, const ParameterFilter& f) {
    return any_of(f.values, [&](const std::string& v) {
        if (f.option == "BeginsWith") return name.starts_with(v);
        if (f.option == "Contains") return name.find(v) != std::string::npos;
        return name == v;
    });
}

bool has_any_label(const model::Parameter& p, const std::vector<std::string>& labels) {
    return any_of(labels, [&](const std::string& l) { return p.find_label(l) != nullptr; });
}

bool tag_matches(const model::Parameter& p, const ParameterFilter& f) {
    const auto key = f.key.substr(4);
    return std::any_of(p.tags.begin(), p.tags.end(), [&](const model::Tag& t) {
        return t.key == key && (f.values.empty() || std::find(f.values.begin(), f.values.end(),
                                                              t.value) != f.values.end());
    });
}

bool equals_any(const std::vector<std::string>& values, std::string_view s) {
    return std::find(values.begin(), values.end(), s) != values.end();
}

bool filter_matches(const model::Parameter& p, const ParameterFilter& f) {
    const auto& v = p.latest();
    if (f.key == "Name") return name_matches(p.name, f);
    if (f.key == "Path") {
        return any_of(f.values, [&](const std::string& path) {
            return is_under(p.name, path, f.option == "Recursive");
        });
    }
    if (f.key == "Label") return has_any_label(p, f.values);
    if (is_tag_key(f.key)) return tag_matches(p, f);
    if (f.key == "Type") return equals_any(f.values, model::to_string(v.type));
    if (f.key == "KeyId") return equals_any(f.values, v.key_id);
    if (f.key == "Tier") return equals_any(f.values, model::to_string(v.tier));
    if (f.key == "DataType") return equals_any(f.values, v.data_type);
    return false;
}

}  // namespace

std::vector<ParameterFilter> read_parameter_filters(const json& input, FilterUse use) {
    std::vector<ParameterFilter> filters;
    auto it = input.find("ParameterFilters");
    if (it == input.end()) return filters;
    std::set<std::string> keys;
    for (const auto& f : *it) {
        filters.push_back(read_filter(f, use));
        if (!keys.insert(filters.back().key).second) {
            throw errors::invalid_filter_key("The following filter is duplicated in the request: " +
                                             filters.back().key + ".");  // (guess)
        }
    }
    return filters;
}

std::vector<ParameterFilter> read_legacy_filters(const json& input) {
    std::vector<ParameterFilter> filters;
    auto it = input.find("Filters");
    if (it == input.end()) return filters;
    for (const auto& f : *it) {
        auto key = f.at("Key").get<std::string>();
        filters.push_back({key, key == "Name" ? "BeginsWith" : "Equals",
                           f.at("Values").get<std::vector<std::string>>()});
    }
    return filters;
}

bool matches(const model::Parameter& parameter, const std::vector<ParameterFilter>& filters) {
    return std::all_of(filters.begin(), filters.end(),
                       [&](const ParameterFilter& f) { return filter_matches(parameter, f); });
}

std::optional<std::vector<std::string>> label_filter(const std::vector<ParameterFilter>& filters) {
    for (const auto& f : filters) {
        if (f.key == "Label") return f.values;
    }
    return std::nullopt;
}

}  // namespace berth::api::ssm

#include "api/secretsmanager/filters.hpp"

#include <algorithm>
#include <cctype>

#include "api/secretsmanager/errors.hpp"

namespace berth::api::secretsmanager {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool starts_with(std::string_view text, std::string_view prefix, bool case_sensitive) {
    return case_sensitive ? text.starts_with(prefix)
                          : std::string_view(lower(text)).starts_with(lower(prefix));
}

// The attribute values one filter key looks at.
std::vector<std::string_view> attributes(const model::StoredSecret& secret, std::string_view key,
                                         std::string_view region) {
    std::vector<std::string_view> out;
    const bool all = key == "all";
    if (all || key == "name") out.emplace_back(secret.name);
    if ((all || key == "description") && secret.description) out.emplace_back(*secret.description);
    for (const auto& tag : secret.tags) {
        if (all || key == "tag-key") out.emplace_back(tag.key);
        if (all || key == "tag-value") out.emplace_back(tag.value);
    }
    if (all || key == "primary-region") out.push_back(region);
    // owning-service: no Berth secret is owned by another service.
    return out;
}

// `all` breaks the value into words, each of which must start some attribute (Berth's reading
// of "searches all attributes for matches").
bool value_matches(const std::vector<std::string_view>& attrs, std::string_view key,
                   std::string_view value) {
    const bool case_sensitive = key != "description" && key != "all";
    auto any_starts = [&](std::string_view word) {
        return std::any_of(attrs.begin(), attrs.end(), [&](std::string_view a) {
            return starts_with(a, word, case_sensitive);
        });
    };
    if (key != "all") return any_starts(value);
    std::size_t pos = 0;
    while (pos < value.size()) {
        auto end = value.find(' ', pos);
        if (end == std::string_view::npos) end = value.size();
        if (end > pos && !any_starts(value.substr(pos, end - pos))) return false;
        pos = end + 1;
    }
    return true;
}

bool filter_matches(const model::StoredSecret& secret, const SecretFilter& filter,
                    std::string_view region) {
    const auto attrs = attributes(secret, filter.key, region);
    return std::any_of(filter.values.begin(), filter.values.end(), [&](std::string_view v) {
        const bool negated = v.starts_with('!');
        if (negated) v.remove_prefix(1);
        return value_matches(attrs, filter.key, v) != negated;
    });
}

}  // namespace

std::vector<SecretFilter> read_filters(const nlohmann::json& filters) {
    std::vector<SecretFilter> out;
    for (const auto& f : filters) {
        // Both members are optional in the model; a filter needs them (Berth's wording).
        if (!f.contains("Key") || !f.contains("Values"))
            throw errors::invalid_parameter("A filter must have a Key and Values.");
        out.push_back(
            {f.at("Key").get<std::string>(), f.at("Values").get<std::vector<std::string>>()});
    }
    return out;
}

bool matches(const model::StoredSecret& secret, const std::vector<SecretFilter>& filters,
             std::string_view region) {
    return std::all_of(filters.begin(), filters.end(),
                       [&](const SecretFilter& f) { return filter_matches(secret, f, region); });
}

}  // namespace berth::api::secretsmanager

#include "api/elbv2/request.hpp"

#include <algorithm>
#include <cctype>

#include "api/elbv2/errors.hpp"

namespace berth::api::elbv2 {

using nlohmann::json;

namespace {

constexpr std::size_t k_max_tags = 50;

}  // namespace

std::vector<std::string> strings(const json& input, const char* name) {
    std::vector<std::string> out;
    if (auto it = input.find(name); it != input.end()) {
        for (const auto& v : *it) out.push_back(v.get<std::string>());
    }
    return out;
}

std::optional<std::string> optional_string(const json& input, const char* name) {
    auto it = input.find(name);
    if (it == input.end()) return std::nullopt;
    return it->get<std::string>();
}

std::optional<int> optional_int(const json& input, const char* name) {
    auto it = input.find(name);
    if (it == input.end()) return std::nullopt;
    return it->get<int>();
}

std::optional<bool> optional_bool(const json& input, const char* name) {
    auto it = input.find(name);
    if (it == input.end()) return std::nullopt;
    return it->get<bool>();
}

model::Tags read_tags(const json& input) {
    model::Tags tags;
    if (auto it = input.find("Tags"); it != input.end()) {
        for (const auto& t : *it) {
            model::Tag tag{t.value("Key", std::string()), t.value("Value", std::string())};
            bool seen = std::any_of(tags.begin(), tags.end(),
                                    [&](const model::Tag& x) { return x.key == tag.key; });
            if (seen) throw errors::duplicate_tag_keys(tag.key);
            tags.push_back(std::move(tag));
        }
    }
    if (tags.size() > k_max_tags) throw errors::too_many_tags("You can have at most 50 tags");
    return tags;
}

void add_tags(model::Tags& tags, const model::Tags& add, const std::string& arn) {
    auto merged = tags;
    model::merge_tags(merged, add);
    if (merged.size() > k_max_tags) {
        throw errors::too_many_tags("The resource '" + arn + "' cannot have more than 50 tags");
    }
    tags = std::move(merged);
}

std::vector<model::TargetRef> read_targets(const json& input) {
    std::vector<model::TargetRef> out;
    if (auto it = input.find("Targets"); it != input.end()) {
        for (const auto& t : *it) {
            out.push_back({t.at("Id").get<std::string>(), optional_int(t, "Port"),
                           t.value("AvailabilityZone", std::string())});
        }
    }
    return out;
}

protocol::PageRequest read_page(const json& input) {
    static constexpr protocol::PageStyle k_style{"PageSize", "Marker", "ValidationError"};
    return protocol::read_page_request(input, 400, k_style);
}

void check_name(const std::string& name, const std::string& what) {
    auto fail = [&](const std::string& why) {
        throw errors::validation("The " + what + " name '" + name + "' " + why);
    };
    if (name.empty() || name.size() > 32) fail("cannot be longer than '32' characters");
    bool allowed = std::all_of(name.begin(), name.end(),
                               [](unsigned char c) { return std::isalnum(c) || c == '-'; });
    if (!allowed)
        fail("can only contain characters that are alphanumeric characters or hyphens(-)");
    if (name.front() == '-' || name.back() == '-') fail("cannot begin or end with a hyphen");
    if (what == "load balancer" && name.starts_with("internal-")) {
        fail("cannot begin with 'internal-'");
    }
}

bool parse_bool_attribute(const std::string& key, const std::string& value) {
    if (value == "true") return true;
    if (value == "false") return false;
    throw errors::validation("The value of attribute '" + key + "' must be 'true' or 'false'");
}

int parse_int_attribute(const std::string& key, const std::string& value, int low, int high) {
    bool digits =
        !value.empty() && value.size() <= 9 &&
        std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); });
    int n = digits ? std::stoi(value) : -1;
    if (!digits || n < low || n > high) {
        throw errors::validation("The value of attribute '" + key + "' must be an integer from " +
                                 std::to_string(low) + " to " + std::to_string(high));
    }
    return n;
}

}  // namespace berth::api::elbv2

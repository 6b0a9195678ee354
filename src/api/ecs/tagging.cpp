#include "api/ecs/tagging.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "api/ecs/request.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace errors = protocol::errors;

void check_user_tag_key(const std::string& key) {
    if (key.empty() || key.size() > 128) {
        throw errors::invalid_parameter("Tag keys must be between 1 and 128 characters.");
    }
    std::string prefix = key.substr(0, 4);
    std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (prefix == "aws:") {
        throw errors::invalid_parameter(
            "Tag keys that start with 'aws:' are reserved for AWS use. Specify a different key "
            "and try again.");
    }
}

void check_tag_count(std::size_t count) {
    if (count > k_max_tags) {
        throw errors::invalid_parameter(
            "The number of tags on the resource would exceed the "
            "limit of 50 tags per resource.");
    }
}

model::Tags read_tags(const nlohmann::json& tags) {
    model::Tags out;
    std::set<std::string> keys;
    for (const auto& t : tags) {
        model::Tag tag{optional_string(t, "key").value_or(""),
                       optional_string(t, "value").value_or("")};
        check_user_tag_key(tag.key);
        if (tag.value.size() > 256) {
            throw errors::invalid_parameter("Tag values must be at most 256 characters.");
        }
        if (!keys.insert(tag.key).second) {
            throw errors::invalid_parameter("Duplicate tag key '" + tag.key +
                                            "'. Tag keys must be unique.");
        }
        out.push_back(std::move(tag));
    }
    check_tag_count(out.size());
    return out;
}

model::Tags read_tags_member(const nlohmann::json& input) {
    return has(input, "tags") ? read_tags(input.at("tags")) : model::Tags{};
}

}  // namespace berth::api::ecs

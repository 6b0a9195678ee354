#pragma once
// The JSON half of filter patterns (filter_pattern.hpp): `{ ... }` parsed into a tree of
// comparisons joined by && and ||, evaluated on a parsed message.
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/logs/filter_pattern.hpp"

namespace berth::api::logs {

struct FilterPattern::Node {
    enum class Op { eq, ne, lt, le, gt, ge, is_true, is_false, is_null, not_exists, all, any };
    Op op = Op::eq;
    struct Step {
        std::string key;        // an object member, or
        std::size_t index = 0;  // an array element when is_index
        bool is_index = false;
    };
    std::vector<Step> selector;                         // comparisons: $ then .key or [n] each
    std::variant<double, std::string> value;            // number, or string (with * wildcards)
    std::vector<std::shared_ptr<const Node>> children;  // all (&&), any (||)
};

// `text` is the whole pattern, braces included. Throws InvalidParameterException.
std::shared_ptr<const FilterPattern::Node> parse_json_pattern(std::string_view text);
bool eval_json_pattern(const FilterPattern::Node& node, const nlohmann::json& message);

// Texts a message must contain to match: the plain string values compared with `=` under
// `&&` only. A JSON string holds such a value verbatim unless the message escapes something
// (a backslash), so a message without a backslash that lacks one cannot match: it need not
// be parsed.
std::vector<std::string> required_literals(const FilterPattern::Node& node);

// `*` matches any run of characters; everything else matches itself.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace berth::api::logs

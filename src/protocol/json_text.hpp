#pragma once
// Small text helpers for validation messages.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace berth::protocol {

// Characters (code points) in UTF-8 text: what "length" means to AWS for a string member.
std::size_t utf8_length(std::string_view s);

// 100 → "100", 0.5 → "0.5": model bounds as AWS prints them.
std::string format_number(double n);

// The parts separated by `separator`: "a; b; c".
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// A value as it appears in a message: strings bare, anything else as compact JSON, cut at
// 100 characters so a huge list cannot flood an error response.
std::string short_text(const nlohmann::json& value);

// True when JSON text nests arrays/objects deeper than `limit`. A cheap byte scan run before
// parsing, because copying or destroying a parsed value recurses once per level: a body of a
// million '[' would otherwise exhaust a thread's stack in whatever touches it next.
bool nests_deeper_than(std::string_view text, std::size_t limit);

// Removes every object member whose value is null, recursively: AWS treats them as absent,
// and handlers can then read members without testing for null.
void strip_null_members(nlohmann::json& value);

}  // namespace berth::protocol

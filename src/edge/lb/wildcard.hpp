#pragma once
// ALB's condition values: `*` matches any run of characters (none included), `?` exactly one;
// everything else is literal. Host names, header values and query strings compare without
// case; paths and methods with it.
#include <string_view>

namespace berth::edge::lb {

enum class Case { sensitive, insensitive };

bool wildcard_match(std::string_view pattern, std::string_view text, Case mode);

}  // namespace berth::edge::lb

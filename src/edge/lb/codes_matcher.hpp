#pragma once
// A target group's Matcher.HttpCode: "200", "200,202", "200-299" (ranges and lists mixed).
#include <string_view>

namespace berth::edge::lb {

bool http_code_accepted(std::string_view matcher, int status);

}  // namespace berth::edge::lb

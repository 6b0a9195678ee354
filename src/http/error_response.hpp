#pragma once
// Responses the server writes itself, when no handler could answer: a malformed or oversized
// request, or a handler that threw. They use the AWS JSON error shape so that SDKs report them
// sensibly, with generic error codes because http knows no service (see error_response.cpp).
#include <string_view>

#include "berth/http/message.hpp"

namespace berth::http::detail {

Response error_response(int status, std::string_view type, std::string_view message);

// Writes s as the inside of a JSON string literal.
void append_json_escaped(std::string& out, std::string_view s);

}  // namespace berth::http::detail

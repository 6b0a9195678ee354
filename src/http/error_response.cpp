#include "error_response.hpp"

#include <cstdio>

namespace berth::http::detail {

// The error codes used with this (chosen here, as no single AWS service owns them):
//   413 RequestEntityTooLarge   body above ServerOptions::body_limit
//   431 RequestHeaderFieldsTooLarge
//   400 BadRequest              not parseable as HTTP/1.1
//   500 InternalFailure         the handler threw (AWS's common code for a 500)
Response error_response(int status, std::string_view type, std::string_view message) {
    Response response;
    response.status = status;
    response.content_type = "application/x-amz-json-1.1";
    response.body.reserve(32 + type.size() + message.size());
    response.body += R"({"__type":")";
    append_json_escaped(response.body, type);
    response.body += R"(","message":")";
    append_json_escaped(response.body, message);
    response.body += R"("})";
    return response;
}

void append_json_escaped(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                    out += escaped;
                } else {
                    out += c;
                }
        }
    }
}

}  // namespace berth::http::detail

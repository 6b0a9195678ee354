#pragma once
// Every answer of the task endpoints is JSON: a status and a document.
#include <nlohmann/json.hpp>

#include "berth/http/message.hpp"

namespace berth::edge {

inline http::Response json_response(int status, const nlohmann::json& body) {
    http::Response r;
    r.status = status;
    r.body = body.dump();
    return r;
}

}  // namespace berth::edge

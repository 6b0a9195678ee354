#pragma once
// Between Beast's messages and Berth's plain Request/Response values.
#include <string>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "berth/http/message.hpp"

namespace berth::http::detail {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

Request to_request(BeastRequest&& in, const std::string& remote_address);
BeastResponse to_beast_response(Response&& in, unsigned version, bool keep_alive);

}  // namespace berth::http::detail

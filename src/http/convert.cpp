#include "convert.hpp"

#include <boost/beast/http/field.hpp>

namespace berth::http::detail {

namespace beast_http = boost::beast::http;

namespace {

std::string lower_case(boost::beast::string_view name) {
    std::string out(name.data(), name.size());
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

}  // namespace

Request to_request(BeastRequest&& in, const std::string& remote_address) {
    Request out;
    out.method.assign(in.method_string().data(), in.method_string().size());
    out.target.assign(in.target().data(), in.target().size());
    for (const auto& field : in) {
        auto [it, inserted] = out.headers.try_emplace(lower_case(field.name_string()),
                                                      field.value().data(), field.value().size());
        if (!inserted) {
            // A repeated header means the comma-joined list (RFC 9110 5.3).
            it->second += ", ";
            it->second.append(field.value().data(), field.value().size());
        }
    }
    out.body = std::move(in.body());
    out.remote_address = remote_address;
    return out;
}

BeastResponse to_beast_response(Response&& in, unsigned version, bool keep_alive) {
    BeastResponse out;
    out.version(version);
    out.result(static_cast<unsigned>(in.status));
    out.set(beast_http::field::server, "Berth");
    if (!in.content_type.empty()) {
        out.set(beast_http::field::content_type, in.content_type);
    }
    for (const auto& [name, value] : in.headers) {
        out.set(name, value);
    }
    out.keep_alive(keep_alive);
    out.body() = std::move(in.body);
    out.prepare_payload();
    return out;
}

}  // namespace berth::http::detail

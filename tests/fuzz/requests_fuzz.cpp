// A libFuzzer target over Berth's request path. The input is what a client writes on a
// connection: one or more HTTP/1.1 requests back to back. Each is parsed with the server's
// parser settings and handed to app::Services, whose front routes it (the task endpoints' paths,
// a load balancer's Host, X-Amz-Target, the query form) to the handlers, the model validation
// and the in-memory stores. Nothing is started: no Docker engine, no listener, no thread.
// Every input gets a fresh Services, so that whatever an input does replays from it alone.
//
// An exception that leaves Services::handle is a finding, and so is one that reaches the
// front's catch-all (its 500 "Internal error: ...": every failure a client causes is meant to
// be an AWS error of its own), a status outside 200–599 or a JSON answer that does not parse.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json.hpp>

#include "berth/app/config.hpp"
#include "berth/app/wiring.hpp"
#include "berth/http/server.hpp"
#include "http/convert.hpp"

namespace {

namespace beast_http = boost::beast::http;
using Parser = beast_http::request_parser<beast_http::string_body>;

constexpr std::size_t k_max_requests = 64;  // per input: a recorded cli session's worth

berth::app::Config fuzz_config() {
    berth::app::Config config;
    config.task_dns = false;  // its upstreams are read from the host's resolv.conf
    config.data_dir = "/nonexistent/berth-fuzz";  // never written: nothing is started
    return config;
}

// Parses one request from the front of `bytes`; returns how many bytes it took, 0 when the
// bytes hold no complete request (the server would answer a parse error and close).
std::size_t parse_one(std::string_view bytes, Parser& parser) {
    parser.body_limit(berth::http::ServerOptions{}.body_limit);
    parser.eager(true);
    boost::beast::error_code ec;
    auto used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec || !parser.is_done()) return 0;
    return used;
}

void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "requests_fuzz: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool quiet = [] {
        spdlog::set_level(spdlog::level::off);
        return true;
    }();
    (void)quiet;
    const auto config = fuzz_config();
    berth::app::Services services(config);
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    for (std::size_t n = 0; n < k_max_requests && !rest.empty(); ++n) {
        Parser parser;
        auto used = parse_one(rest, parser);
        if (used == 0) break;
        rest.remove_prefix(used);
        auto response =
            services.handle(berth::http::detail::to_request(parser.release(), "127.0.0.1"));
        check(response.status >= 200 && response.status <= 599, "status out of range");
        check(response.status != 500 || response.body.find("Internal error") == std::string::npos,
              "an exception reached the front's catch-all");
        if (response.content_type.find("json") != std::string::npos && !response.body.empty()) {
            check(nlohmann::json::accept(response.body), "a JSON answer that does not parse");
        }
    }
    return 0;
}

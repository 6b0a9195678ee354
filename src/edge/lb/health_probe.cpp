#include "health_probe.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "codes_matcher.hpp"

namespace berth::edge::lb {

Awaitable<CheckOutcome> probe(Endpoint target, ProbeSpec spec) {
    auto executor = co_await asio::this_coro::executor;
    auto started = std::chrono::steady_clock::now();
    Socket socket(executor);
    auto ec = co_await connect_to(socket, target, spec.timeout);
    if (ec == asio::error::timed_out) co_return CheckOutcome{CheckResult::timed_out};
    if (ec) co_return CheckOutcome{CheckResult::failed};
    if (!spec.http) co_return CheckOutcome{CheckResult::passed};

    beast_http::request<beast_http::empty_body> request{beast_http::verb::get, spec.path, 11};
    request.set(beast_http::field::host, target.key());
    request.set(beast_http::field::user_agent, "ELB-HealthChecker/2.0");
    request.set(beast_http::field::connection, "close");
    boost::beast::flat_buffer buffer;
    beast_http::response_parser<beast_http::empty_body> parser;
    {
        auto left = spec.timeout - (std::chrono::steady_clock::now() - started);
        Deadline deadline(executor, socket, left);
        co_await beast_http::async_write(socket, request, asio::redirect_error(use_awaitable, ec));
        if (!ec) {
            co_await beast_http::async_read_header(socket, buffer, parser,
                                                   asio::redirect_error(use_awaitable, ec));
        }
        if (deadline.fired()) co_return CheckOutcome{CheckResult::timed_out};
    }
    if (ec) co_return CheckOutcome{CheckResult::failed};
    int status = parser.get().result_int();
    if (!http_code_accepted(spec.matcher, status)) {
        co_return CheckOutcome{CheckResult::code_mismatch, status};
    }
    co_return CheckOutcome{CheckResult::passed};
}

}  // namespace berth::edge::lb

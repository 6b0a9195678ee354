#include <utility>  // before asio's awaitable headers (GCC 12 with Boost 1.74)

#include "docker/exchange.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <exception>
#include <limits>
#include <optional>
#include <vector>

namespace berth::docker {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using boost::system::error_code;
using Socket = asio::generic::stream_protocol::socket;
using Endpoint = asio::generic::stream_protocol::endpoint;
using Clock = std::chrono::steady_clock;

// A missing socket fails at once; a listening but wedged engine should not hold a call forever.
constexpr std::chrono::milliseconds k_connect_timeout{5'000};
constexpr std::size_t k_chunk_size = 16 * 1024;

// "http://host:port" (Host::base_url of a tcp host) split into the name to resolve, the port
// and the Host header; a unix socket's requests say "localhost", as the docker CLI's do.
struct Authority {
    std::string name;
    std::string port;
    std::string header;
};

Authority authority_of(const Host& host) {
    if (host.is_unix()) return {{}, {}, "localhost"};
    std::string header = host.base_url.substr(host.base_url.find("//") + 2);
    const auto colon = header.rfind(':');
    std::string name = header.substr(0, colon);
    if (name.size() > 1 && name.front() == '[') name = name.substr(1, name.size() - 2);
    return {name, header.substr(colon + 1), header};
}

http::request<http::string_body> make_request(const Request& in, const std::string& host) {
    http::request<http::string_body> out;
    out.method_string(in.method);
    out.target(in.target);
    out.version(11);
    out.set(http::field::host, host);
    out.set(http::field::accept, "*/*");
    if (!in.body.empty()) out.set(http::field::content_type, in.content_type);
    for (const auto& line : in.headers) {
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        const auto value = line.find_first_not_of(' ', colon + 1);
        out.set(line.substr(0, colon), value == std::string::npos ? "" : line.substr(value));
    }
    out.body() = in.body;
    out.prepare_payload();
    return out;
}

// Errors that mean the engine went away or never answered, as opposed to one that spoke
// something other than HTTP.
bool is_unreachable(const error_code& ec) {
    return ec.category() == boost::system::system_category() || ec == asio::error::eof ||
           ec == http::error::end_of_stream || ec == http::error::partial_message ||
           ec.category() == asio::error::get_netdb_category() ||
           ec.category() == asio::error::get_addrinfo_category();
}

}  // namespace

struct Exchange::Impl {
    explicit Impl(const Host& h) : host(h), authority(authority_of(h)) {}

    // Ends whatever the exchange is waiting for; the coroutine sees `ended` and gives up.
    void abort(ExchangeEnd::Kind why) {
        if (ended || done) return;
        ended = ExchangeEnd{why};
        error_code ignored;
        resolver.cancel();
        socket.close(ignored);
        timer.cancel();
    }

    template <class F>
    void deliver(F&& call) {
        try {
            call();
        } catch (...) {
            handler_error = std::current_exception();
            throw;
        }
    }

    void arm_timer(Clock::time_point deadline) {
        timer.expires_at(deadline);
        timer.async_wait([this](const error_code& ec) {
            if (!ec) abort(ExchangeEnd::Kind::timeout);
        });
    }

    asio::awaitable<std::vector<Endpoint>> endpoints() {
        if (host.is_unix())
            co_return std::vector<Endpoint>{
                Endpoint(asio::local::stream_protocol::endpoint(host.socket_path))};
        const auto results =
            co_await resolver.async_resolve(authority.name, authority.port, asio::use_awaitable);
        std::vector<Endpoint> out;
        for (const auto& entry : results) out.emplace_back(entry.endpoint());
        co_return out;
    }

    asio::awaitable<void> connect() {
        error_code ec = asio::error::host_not_found;
        for (const auto& endpoint : co_await endpoints()) {
            if (ended) break;
            error_code ignored;
            socket.close(ignored);
            co_await socket.async_connect(endpoint, asio::redirect_error(asio::use_awaitable, ec));
            if (!ec) co_return;
        }
        throw boost::system::system_error(ec, "connect");
    }

    asio::awaitable<void> exchange(const Request& request, const ExchangeHandlers& handlers) {
        co_await connect();
        if (request.timeout.count() > 0)
            arm_timer(start + request.timeout);
        else
            timer.cancel();
        auto message = make_request(request, authority.header);
        co_await http::async_write(socket, message, asio::use_awaitable);

        boost::beast::flat_buffer buffer;
        http::response_parser<http::buffer_body> parser;
        // No limit (image pulls stream for minutes). Not boost::none: Beast 1.74 compares the
        // content length against the optional and reads none as "smaller than any length".
        parser.body_limit(std::numeric_limits<std::uint64_t>::max());
        parser.skip(request.method == "HEAD");
        co_await http::async_read_header(socket, buffer, parser, asio::use_awaitable);
        const auto& head = parser.get();
        const auto content_type = head[http::field::content_type];
        deliver([&] {
            handlers.on_head(static_cast<long>(head.result_int()),
                             std::string_view(content_type.data(), content_type.size()));
        });
        char chunk[k_chunk_size];
        while (!parser.is_done()) {
            parser.get().body().data = chunk;
            parser.get().body().size = sizeof chunk;
            error_code ec;
            // read_some: hand over what arrived (an event) instead of waiting for a full chunk.
            co_await http::async_read_some(socket, buffer, parser,
                                           asio::redirect_error(asio::use_awaitable, ec));
            if (ec && ec != http::error::need_buffer) throw boost::system::system_error(ec, "read");
            const auto n = sizeof chunk - parser.get().body().size;
            if (n > 0) deliver([&] { handlers.on_body({chunk, n}); });
        }
    }

    const Host host;
    const Authority authority;
    asio::io_context io{1};
    Socket socket{io};
    asio::ip::tcp::resolver resolver{io};
    asio::steady_timer timer{io};
    Clock::time_point start;
    // Touched on the io thread only.
    std::optional<ExchangeEnd> ended;  // set by cancel() or the timer
    bool done = false;                 // the coroutine finished: too late to abort
    std::exception_ptr handler_error;  // thrown by a handler: the caller's, not the engine's
};

Exchange::Exchange(const Host& host) : impl_(std::make_unique<Impl>(host)) {}

Exchange::~Exchange() = default;

void Exchange::cancel() {
    asio::post(impl_->io, [impl = impl_.get()] { impl->abort(ExchangeEnd::Kind::cancelled); });
}

ExchangeEnd Exchange::run(const Request& request, const ExchangeHandlers& handlers) {
    auto& impl = *impl_;
    impl.start = Clock::now();
    const auto connect_limit = request.timeout.count() > 0
                                   ? std::min(request.timeout, k_connect_timeout)
                                   : k_connect_timeout;
    impl.arm_timer(impl.start + connect_limit);
    std::exception_ptr failure;
    asio::co_spawn(impl.io, impl.exchange(request, handlers), [&](std::exception_ptr e) {
        failure = e;
        impl.done = true;
        impl.timer.cancel();
    });
    impl.io.run();

    if (impl.handler_error) std::rethrow_exception(impl.handler_error);
    if (impl.ended) return *impl.ended;
    if (!failure) return {};
    try {
        std::rethrow_exception(failure);
    } catch (const boost::system::system_error& e) {
        const auto kind =
            is_unreachable(e.code()) ? ExchangeEnd::Kind::unreachable : ExchangeEnd::Kind::failed;
        return {kind, e.what()};
    }
}

}  // namespace berth::docker

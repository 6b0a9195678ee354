#pragma once
// A load balancer target for tests: an HTTP/1.1 server on 127.0.0.1 (Beast, blocking, a
// thread per connection, keep-alive) that answers every request with its name and records
// what it was sent. Its behaviour can be changed while it runs:
//
//   berth::test::TargetServer a("a");
//   a.health_status = 500;      // GET /health answers 500 from now on
//   a.delay_ms = 2000;          // answers come 2 s late
//   a.reset = true;             // connections are closed without an answer
//
// Header-only.
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace berth::test {

struct SeenRequest {
    std::string method, target;
    std::map<std::string, std::string> headers;  // names lower-cased
};

class TargetServer {
  public:
    explicit TargetServer(std::string name) : name_(std::move(name)), acceptor_(ioc_) {
        namespace ip = boost::asio::ip;
        ip::tcp::endpoint endpoint{ip::make_address("127.0.0.1"), 0};
        acceptor_.open(endpoint.protocol());
        acceptor_.bind(endpoint);
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        thread_ = std::thread([this] { accept_loop(); });
    }
    ~TargetServer() { stop(); }
    TargetServer(const TargetServer&) = delete;
    TargetServer& operator=(const TargetServer&) = delete;

    unsigned short port() const { return port_; }
    const std::string& name() const { return name_; }

    // Requests other than health checks (GET /health), in arrival order.
    std::vector<SeenRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    int health_checks() const { return health_checks_; }
    int connections() const { return connections_; }

    // Closes the port and every connection: the target is dead from now on.
    void stop() {
        if (stopped_.exchange(true)) return;
        boost::system::error_code ec;
        {
            // Wakes the blocking accept, which then sees stopped_.
            boost::asio::ip::tcp::socket wake(ioc_);
            wake.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
        }
        if (thread_.joinable()) thread_.join();
        acceptor_.close(ec);
        {
            std::lock_guard lock(mutex_);
            for (auto& s : sockets_) s->shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
        }
        for (auto& t : workers_) t.join();
    }

    std::atomic<int> health_status{200};
    std::atomic<int> delay_ms{0};
    std::atomic<bool> reset{false};

  private:
    void accept_loop() {
        for (;;) {
            auto socket = std::make_shared<boost::asio::ip::tcp::socket>(ioc_);
            boost::system::error_code ec;
            acceptor_.accept(*socket, ec);
            if (ec || stopped_) return;
            ++connections_;
            std::lock_guard lock(mutex_);
            sockets_.push_back(socket);
            workers_.emplace_back([this, socket] {
                serve(*socket);
                // Ends the connection (the socket itself is closed at stop()).
                boost::system::error_code ignored;
                socket->shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
            });
        }
    }

    void serve(boost::asio::ip::tcp::socket& socket) {
        namespace http = boost::beast::http;
        boost::beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> request;
            boost::system::error_code ec;
            http::read(socket, buffer, request, ec);
            if (ec || stopped_) return;
            std::string target(request.target().data(), request.target().size());
            http::response<http::string_body> response{http::status::ok, request.version()};
            if (target == "/health") {
                ++health_checks_;
                response.result(static_cast<unsigned>(health_status.load()));
            } else {
                record(request, target);
                if (reset) return;  // closed without an answer
                if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
                response.set(http::field::content_type, "text/plain");
                response.set("X-Target", name_);
                response.body() = name_;
            }
            response.keep_alive(request.keep_alive());
            response.prepare_payload();
            http::write(socket, response, ec);
            if (ec || !request.keep_alive()) return;
        }
    }

    template <class Request>
    void record(const Request& request, const std::string& target) {
        SeenRequest seen;
        seen.method = std::string(request.method_string().data(), request.method_string().size());
        seen.target = target;
        for (const auto& f : request) {
            std::string name(f.name_string().data(), f.name_string().size());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            seen.headers[name] = std::string(f.value().data(), f.value().size());
        }
        std::lock_guard lock(mutex_);
        requests_.push_back(std::move(seen));
    }

    std::string name_;
    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::thread thread_;
    std::vector<std::thread> workers_;
    std::vector<std::shared_ptr<boost::asio::ip::tcp::socket>> sockets_;
    mutable std::mutex mutex_;
    std::vector<SeenRequest> requests_;
    std::atomic<int> health_checks_{0};
    std::atomic<int> connections_{0};
    std::atomic<bool> stopped_{false};
};

}  // namespace berth::test

#pragma once
// An HTTP/1.1 server on Boost.Beast: keep-alive, bounded bodies, header and idle timeouts.
// It calls one Handler per request on its own thread pool; the handler must not block long.
//
// When no handler can answer, the server writes an AWS-shaped JSON error itself
// ({"__type": ..., "message": ...}) with a generic code, since http knows no service:
// 413 RequestEntityTooLarge (body over body_limit), 431 RequestHeaderFieldsTooLarge,
// 400 BadRequest (not HTTP), 500 InternalFailure (the handler threw; the connection stays up).
// A client that sends nothing within header_timeout, or stays silent between keep-alive
// requests for idle_timeout, is disconnected without an answer.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "berth/http/message.hpp"

namespace berth::http {

using Handler = std::function<Response(Request&&)>;

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 4566;
    std::size_t threads = 2;
    std::size_t body_limit = 8 * 1024 * 1024;
    std::chrono::milliseconds header_timeout{10'000};  // time to receive a whole request
    std::chrono::milliseconds idle_timeout{60'000};    // keep-alive wait between requests
};

// Thrown by Server's constructor when the address cannot be bound (port taken, bad host).
struct ListenError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Server {
  public:
    Server(ServerOptions options, Handler handler);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // The port actually bound (useful with port 0).
    unsigned short port() const;
    // Runs the I/O threads until stop(); returns when they have all finished.
    void run();
    // Safe from any thread and from signal-handling code paths driven by asio.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace berth::http

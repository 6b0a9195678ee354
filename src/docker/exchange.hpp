#pragma once
// One HTTP/1.1 request and its response over a fresh connection to the engine (unix socket or
// plain tcp), on Boost.Beast with a private io_context. Knows nothing of the Engine API. A
// unix-socket connect costs microseconds, so there is no connection pool to keep correct.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "berth/docker/host.hpp"
#include "docker/transport.hpp"

namespace berth::docker {

struct ExchangeHandlers {
    // The status line and headers arrived; runs once, before any body chunk.
    std::function<void(long status, std::string_view content_type)> on_head;
    // A piece of the (de-chunked) body, as it arrives.
    std::function<void(std::string_view chunk)> on_body;
};

// How an exchange ended. `detail` describes a failure ("connect: No such file or directory").
struct ExchangeEnd {
    enum class Kind { complete, cancelled, timeout, unreachable, failed };
    Kind kind = Kind::complete;
    std::string detail{};
};

class Exchange {
  public:
    explicit Exchange(const Host& host);
    ~Exchange();
    Exchange(const Exchange&) = delete;
    Exchange& operator=(const Exchange&) = delete;

    // Sends `request` (its callbacks and on_data are ignored: `handlers` get the response) and
    // runs until the response is complete, request.timeout passes (none when it is zero), or
    // cancel(). An exception thrown by a handler ends the exchange and propagates.
    ExchangeEnd run(const Request& request, const ExchangeHandlers& handlers);

    // Thread safe, also before or after run(): the running (or next) run() ends at once with
    // Kind::cancelled.
    void cancel();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace berth::docker

#pragma once
// The Asio vocabulary of the data plane: coroutines on the default executor, each connection
// on a strand of the load balancers' io_context.
#include <utility>  // before asio's awaitable headers (GCC 12 with Boost 1.74)

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "beast_text.hpp"

namespace berth::edge::lb {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;
// Every coroutine, socket and timer of the data plane names its executor's type, a strand of the
// io_context, rather than the polymorphic any_io_executor: copying, moving and destroying that
// was about 5 % of the proxy's CPU (perf, bench/lb_run.sh), on every operation.
using Executor = asio::strand<asio::io_context::executor_type>;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Acceptor = asio::basic_socket_acceptor<tcp, Executor>;
using Timer = asio::basic_waitable_timer<std::chrono::steady_clock,
                                         asio::wait_traits<std::chrono::steady_clock>, Executor>;
template <class T = void>
using Awaitable = asio::awaitable<T, Executor>;

// Cancels a socket's operations when a time runs out. The timer lives on the coroutine's own
// executor (its strand), so its handler and the socket's operations never run at once; the
// shared flag keeps a handler already queued from touching a socket this has let go.
class Deadline {
  public:
    Deadline(const Executor& executor, Socket& socket, std::chrono::steady_clock::duration after)
        : timer_(executor, after), state_(std::make_shared<State>()) {
        timer_.async_wait([state = state_, &socket](const error_code& ec) {
            if (ec || !state->armed) return;
            state->fired = true;
            error_code ignored;
            socket.cancel(ignored);
        });
    }
    ~Deadline() {
        state_->armed = false;
        timer_.cancel();
    }
    Deadline(const Deadline&) = delete;
    Deadline& operator=(const Deadline&) = delete;

    bool fired() const { return state_->fired; }

  private:
    struct State {
        bool armed = true;
        bool fired = false;
    };
    Timer timer_;
    std::shared_ptr<State> state_;
};

inline constexpr asio::use_awaitable_t<Executor> use_awaitable;

}  // namespace berth::edge::lb

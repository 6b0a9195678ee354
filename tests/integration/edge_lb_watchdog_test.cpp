// The data plane's watchdog against a real loopback connection: a read that waits longer than its
// watch is cancelled, at the watch's own time whatever the watches before it were, and a watch
// that has ended or been renewed in time never cancels anything.
#include <gtest/gtest.h>

#include <utility>  // before asio's awaitable headers (GCC 12 with Boost 1.74)

#include <chrono>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/write.hpp>

#include "edge/lb/watchdog.hpp"

namespace berth::edge::lb {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// One loopback connection on a strand of a one-thread io_context: `near` is watched, `far` is
// the peer that writes (or not).
class WatchdogTest : public ::testing::Test {
  protected:
    WatchdogTest() : strand_(asio::make_strand(ioc_)), near_(strand_), far_(strand_) {
        Acceptor acceptor(strand_, {asio::ip::make_address("127.0.0.1"), 0});
        near_.connect(acceptor.local_endpoint());
        acceptor.accept(far_);
    }

    // Runs `body` on the strand to its end (bounded: a hang fails rather than blocks).
    template <class F>
    void run(F body) {
        bool done = false;
        asio::co_spawn(strand_, body(), [&](std::exception_ptr e) {
            done = true;
            if (e) std::rethrow_exception(e);
        });
        ioc_.run_for(20s);
        ASSERT_TRUE(done) << "the coroutine did not finish";
    }

    // Reads a byte from `near`: the error, if any.
    Awaitable<error_code> read_byte(char& byte) {
        error_code ec;
        co_await near_.async_read_some(asio::buffer(&byte, 1),
                                       asio::redirect_error(use_awaitable, ec));
        co_return ec;
    }

    // Reads a byte from `near` under a watch of `after`; the error, and how long it took.
    Awaitable<std::pair<error_code, Clock::duration>> read_watched(Watchdog& dog,
                                                                   Clock::duration after,
                                                                   bool* fired = nullptr) {
        auto start = Clock::now();
        char byte = 0;
        error_code ec;
        {
            auto watch = dog.watch(near_, after);
            ec = co_await read_byte(byte);
            if (fired) *fired = watch.fired();
        }
        co_return std::pair{ec, Clock::now() - start};
    }

    Awaitable<void> pause(Clock::duration d) {
        Timer timer(strand_, d);
        co_await timer.async_wait(use_awaitable);
    }

    // Writes one byte from `far` after `d`.
    void write_after(Clock::duration d) { asio::co_spawn(strand_, write_later(d), asio::detached); }
    Awaitable<void> write_later(Clock::duration d) {
        co_await pause(d);
        co_await asio::async_write(far_, asio::buffer("x", 1), use_awaitable);
    }

    asio::io_context ioc_{1};
    Executor strand_;
    Socket near_;
    Socket far_;
};

TEST_F(WatchdogTest, CancelsAReadThatWaitsTooLong) {
    run([&]() -> Awaitable<void> {
        Watchdog dog(strand_);
        bool fired = false;
        auto [ec, took] = co_await read_watched(dog, 100ms, &fired);
        EXPECT_EQ(ec, asio::error::operation_aborted);
        EXPECT_TRUE(fired);
        EXPECT_GE(took, 100ms);
        EXPECT_LT(took, 2s);
    });
}

TEST_F(WatchdogTest, AShorterWatchAfterALongOneFiresAtItsOwnTime) {
    run([&]() -> Awaitable<void> {
        Watchdog dog(strand_);
        write_after(10ms);
        auto first = (co_await read_watched(dog, 30s)).first;  // the timer now waits for 30 s
        EXPECT_FALSE(first) << first.message();
        auto [second, took] = co_await read_watched(dog, 100ms);
        EXPECT_EQ(second, asio::error::operation_aborted);
        EXPECT_LT(took, 2s);
    });
}

TEST_F(WatchdogTest, ARenewedWatchIsTimedFromItsOwnStart) {
    run([&]() -> Awaitable<void> {
        Watchdog dog(strand_);
        // The first watch ends before its time; the timer still wakes at its 300 ms, and must
        // then wait on for the second watch, whose byte comes 450 ms in (200 ms into it).
        {
            auto watch = dog.watch(near_, 300ms);
            co_await pause(250ms);
        }
        write_after(200ms);
        bool fired = true;
        auto [ec, took] = co_await read_watched(dog, 300ms, &fired);
        EXPECT_FALSE(ec) << ec.message();
        EXPECT_FALSE(fired);
    });
}

TEST_F(WatchdogTest, AnEndedWatchCancelsNothing) {
    run([&]() -> Awaitable<void> {
        Watchdog dog(strand_);
        { auto watch = dog.watch(near_, 50ms); }
        write_after(300ms);
        char byte = 0;
        auto ec = co_await read_byte(byte);
        EXPECT_FALSE(ec) << ec.message();
        EXPECT_EQ(byte, 'x');
    });
}

TEST_F(WatchdogTest, GoingFirstLeavesNoHandlerTouchingTheSocket) {
    run([&]() -> Awaitable<void> {
        {
            Watchdog dog(strand_);
            auto watch = dog.watch(near_, 20ms);
        }
        write_after(100ms);
        char byte = 0;
        auto ec = co_await read_byte(byte);
        EXPECT_FALSE(ec) << ec.message();
    });
}

}  // namespace
}  // namespace berth::edge::lb

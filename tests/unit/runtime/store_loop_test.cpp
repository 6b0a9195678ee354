// The loop every background controller runs on: a turn per Store change, and a turn that throws
// is logged and retried rather than ending the process.
#include "runtime/store_loop.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "unit/scheduler/support.hpp"

namespace berth::runtime {
namespace {

using namespace std::chrono_literals;
using scheduler::testing::k_key;

// Waits up to `limit` for `done`; true when it held in time.
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = 5s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

TEST(StoreLoop, TakesATurnOnEveryStoreChange) {
    model::Store store;
    std::atomic<int> turns{0};
    StoreLoop loop(store, "test", [&] {
        ++turns;
        return std::chrono::milliseconds(1h);  // only a change wakes it
    });
    loop.start();
    ASSERT_TRUE(eventually([&] { return turns >= 1; }));
    const int before = turns;
    store.write(k_key, [](model::Partition&) {});
    EXPECT_TRUE(eventually([&] { return turns > before; }));
    loop.stop();
}

TEST(StoreLoop, ATurnThatThrowsIsRetriedAndTheLoopGoesOn) {
    model::Store store;
    std::atomic<int> turns{0};
    StoreLoop loop(store, "test", [&]() -> std::chrono::milliseconds {
        if (++turns == 1) throw std::runtime_error("first turn fails");
        return 1h;
    });
    loop.start();
    // The retry comes by itself (after a second), without any Store change.
    EXPECT_TRUE(eventually([&] { return turns >= 2; }));
    loop.stop();
}

TEST(StoreLoop, StopsAndStartsAgain) {
    model::Store store;
    std::atomic<int> turns{0};
    StoreLoop loop(store, "test", [&] {
        ++turns;
        return std::chrono::milliseconds(1h);
    });
    loop.start();
    ASSERT_TRUE(eventually([&] { return turns >= 1; }));
    loop.stop();
    const int stopped_at = turns;
    store.write(k_key, [](model::Partition&) {});  // the listener outlives a stopped loop
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(turns, stopped_at);
    loop.start();
    EXPECT_TRUE(eventually([&] { return turns > stopped_at; }));
}

}  // namespace
}  // namespace berth::runtime

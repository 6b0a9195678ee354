#pragma once
// A background thread that takes a turn whenever the Store changes, and at the latest after
// the wait its previous turn asked for: the loop shared by the service controller, the load
// balancer registrar and the service registrar. A turn that throws is logged under the loop's
// name and retried after a second: an exception escaping the thread would end Berth without its
// cleanup at exit (which is what keeps containers from being orphaned). The wake-up state is shared
// with the Store's change listener, which stays registered for the Store's life and may outlive the
// loop.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "berth/model/store.hpp"

namespace berth::runtime {

class StoreLoop {
  public:
    // One turn; returns how long to wait, at most, before the next one.
    using Turn = std::function<std::chrono::milliseconds()>;

    StoreLoop(model::Store& store, std::string name, Turn turn);
    ~StoreLoop();
    StoreLoop(const StoreLoop&) = delete;
    StoreLoop& operator=(const StoreLoop&) = delete;

    void start();  // no-op when running
    void stop();   // waits for the turn in progress

  private:
    struct Wakeup {
        std::mutex mutex;
        std::condition_variable cv;
        bool signaled = false;
        bool stopping = false;
    };
    void run();
    std::chrono::milliseconds guarded_turn();

    std::string name_;
    Turn turn_;
    std::shared_ptr<Wakeup> wakeup_ = std::make_shared<Wakeup>();
    std::thread thread_;
};

}  // namespace berth::runtime

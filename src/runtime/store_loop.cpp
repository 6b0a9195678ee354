#include "store_loop.hpp"

#include <spdlog/spdlog.h>

namespace berth::runtime {

StoreLoop::StoreLoop(model::Store& store, std::string name, Turn turn)
    : name_(std::move(name)), turn_(std::move(turn)) {
    store.on_change([w = wakeup_] {
        {
            std::lock_guard lock(w->mutex);
            w->signaled = true;
        }
        w->cv.notify_one();
    });
}

StoreLoop::~StoreLoop() {
    stop();
}

void StoreLoop::start() {
    if (thread_.joinable()) return;
    {
        std::lock_guard lock(wakeup_->mutex);
        wakeup_->stopping = false;
    }
    thread_ = std::thread([this] { run(); });
}

void StoreLoop::stop() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(wakeup_->mutex);
        wakeup_->stopping = true;
    }
    wakeup_->cv.notify_one();
    thread_.join();
}

std::chrono::milliseconds StoreLoop::guarded_turn() {
    try {
        return turn_();
    } catch (const std::exception& e) {
        spdlog::error("{}: {}", name_, e.what());
    } catch (...) {
        spdlog::error("{}: a turn failed with an exception that is no std::exception", name_);
    }
    return std::chrono::seconds(1);
}

void StoreLoop::run() {
    for (;;) {
        auto wait = guarded_turn();
        std::unique_lock lock(wakeup_->mutex);
        wakeup_->cv.wait_for(lock, wait, [&] { return wakeup_->signaled || wakeup_->stopping; });
        if (wakeup_->stopping) return;
        wakeup_->signaled = false;
    }
}

}  // namespace berth::runtime

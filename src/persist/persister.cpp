#include "berth/persist/persister.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "berth/persist/errors.hpp"

namespace berth::persist {

Persister::Persister(model::Store& store, StateDir& dir, Image written, PersisterOptions options)
    : store_(store), dir_(dir), options_(options), written_(std::move(written)) {}

Persister::~Persister() {
    stop();
}

void Persister::start() {
    {
        std::lock_guard lock(sync_->mutex);
        if (sync_->running) return;
        sync_->running = true;
    }
    store_.on_change([s = sync_] {
        std::lock_guard lock(s->mutex);
        s->changed = true;
        s->wake.notify_one();
    });
    thread_ = std::thread([this] { loop(); });
}

void Persister::stop() {
    {
        std::lock_guard lock(sync_->mutex);
        if (!sync_->running) return;
        sync_->running = false;
        sync_->wake.notify_one();
    }
    thread_.join();
    flush();
    try {
        dir_.compact(written_);
    } catch (const std::exception& e) {
        spdlog::error("state: cannot compact {} at exit: {}", dir_.dir(), e.what());
    }
    sync_->durable_cv.notify_all();
}

void Persister::flush() {
    auto [partitions, version] = store_.versioned_snapshot();
    bool failed = false;
    try {
        // Off the Store's lock: the copy above is all this batch reads.
        auto image = encode_state(partitions);
        dir_.append(diff(written_, image));
        written_ = std::move(image);
        if (dir_.journal_bytes() > options_.compact_bytes) dir_.compact(written_);
    } catch (const std::exception& e) {
        failed = true;
        spdlog::error("state: cannot write {}: {}", dir_.dir(), e.what());
    }
    std::lock_guard lock(sync_->mutex);
    sync_->failing = failed;
    if (!failed) sync_->durable = std::max(sync_->durable, version);
    sync_->durable_cv.notify_all();
}

void Persister::loop() {
    auto& s = *sync_;
    std::unique_lock lock(s.mutex);
    while (s.running) {
        s.wake.wait_for(lock, options_.tick,
                        [&] { return !s.running || s.changed || s.wanted > s.durable; });
        if (!s.running) break;
        s.changed = false;
        const auto durable = s.durable;
        lock.unlock();
        // A tick with nothing new costs one lock turn.
        if (store_.version() != durable) flush();
        lock.lock();
    }
}

void Persister::wait_durable(std::uint64_t version) {
    auto& s = *sync_;
    std::unique_lock lock(s.mutex);
    if (s.durable >= version) return;
    s.wanted = std::max(s.wanted, version);
    s.wake.notify_one();
    s.durable_cv.wait(lock, [&] { return s.durable >= version || !s.running || s.failing; });
}

}  // namespace berth::persist

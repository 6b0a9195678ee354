#include "berth/persist/persister.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "berth/persist/errors.hpp"

namespace berth::persist {

Persister::Persister(Stores stores, StateDir& dir, Image written, PersisterOptions options)
    : stores_(stores), dir_(dir), options_(options), written_(std::move(written)) {}

Persister::~Persister() {
    stop();
}

void Persister::start() {
    {
        std::lock_guard lock(sync_->mutex);
        if (sync_->running) return;
        sync_->running = true;
    }
    stores_.ecs.on_change([s = sync_] {
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
    Versions versions{};
    bool failed = false;
    try {
        // Each store is locked only while the imager copies it.
        auto [image, taken] = imager_.take(stores_, written_);
        versions = taken;
        dir_.append(diff(written_, image));
        written_ = std::move(image);
        if (dir_.journal_bytes() > options_.compact_bytes) dir_.compact(written_);
    } catch (const std::exception& e) {
        failed = true;
        imager_.forget();  // written_ is not what it took
        spdlog::error("state: cannot write {}: {}", dir_.dir(), e.what());
    }
    std::lock_guard lock(sync_->mutex);
    sync_->failing = failed;
    if (!failed) {
        for (std::size_t i = 0; i < versions.size(); ++i) {
            sync_->durable[i] = std::max(sync_->durable[i], versions[i]);
        }
    }
    sync_->durable_cv.notify_all();
}

void Persister::loop() {
    auto& s = *sync_;
    std::unique_lock lock(s.mutex);
    while (s.running) {
        s.wake.wait_for(lock, options_.tick,
                        [&] { return !s.running || s.changed || !covers(s.durable, s.wanted); });
        if (!s.running) break;
        s.changed = false;
        const auto durable = s.durable;
        lock.unlock();
        // A tick with nothing new costs one lock turn.
        if (versions_of(stores_) != durable) flush();
        lock.lock();
    }
}

void Persister::wait_durable(const Versions& versions) {
    auto& s = *sync_;
    std::unique_lock lock(s.mutex);
    if (covers(s.durable, versions)) return;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        s.wanted[i] = std::max(s.wanted[i], versions[i]);
    }
    s.wake.notify_one();
    s.durable_cv.wait(lock, [&] { return covers(s.durable, versions) || !s.running || s.failing; });
}

}  // namespace berth::persist

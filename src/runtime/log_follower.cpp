#include "log_follower.hpp"

#include <spdlog/spdlog.h>

#include "berth/docker/log_follow.hpp"

namespace berth::runtime {

namespace {

// How often held multiline events are checked against their force-flush interval.
constexpr std::chrono::milliseconds k_tick{250};

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

struct LogFollowers::Follower {
    Follower(docker::Client& client, std::string id, LogDestination dest, EventAssembler a,
             std::int64_t after)
        : to(std::move(dest)),
          container_id(std::move(id)),
          assembler(std::move(a)),
          after_ms(after) {
        follow = std::make_unique<docker::LogFollow>(
            client, container_id, docker::LogOptions{.since = after / 1000, .timestamps = true},
            [this](const std::vector<docker::LogFrame>& frames) { take(frames); });
    }

    // On the follower's thread, or the ticker's (flush): appends under `mutex` so that the
    // events of one container reach the store in order.
    template <class F>
    void deliver(F&& produce) {
        std::lock_guard lock(mutex);
        batch.clear();
        produce(batch);
        if (batch.empty()) return;
        if (!store->append(to.partition, to.group, to.stream, std::move(batch)) && !warned) {
            warned = true;
            spdlog::warn("awslogs: log group {} ({}) is gone; container {} logs nothing more",
                         to.group, to.partition.region, container_id.substr(0, 12));
        }
    }

    void take(const std::vector<docker::LogFrame>& frames) {
        deliver([&](auto& out) {
            for (const auto& frame : frames) {
                if (!already_stored(frame)) assembler.add(frame, out);
            }
        });
    }

    // Resuming (after_ms): an entry stamped at or before the newest stored event was read by
    // an earlier run; a piece without a stamp goes with the entry before it.
    bool already_stored(const docker::LogFrame& frame) {
        if (after_ms == 0) return false;
        if (auto stamp = parse_rfc3339_ms(frame.text.substr(0, frame.text.find(' ')))) {
            skipping = *stamp <= after_ms;
        }
        return skipping;
    }

    const LogDestination to;
    const std::string container_id;
    model::LogStore* store = nullptr;
    std::mutex mutex;
    EventAssembler assembler;            // guarded by mutex
    std::vector<model::LogEvent> batch;  // guarded by mutex
    bool warned = false;                 // guarded by mutex
    const std::int64_t after_ms;         // 0: from the container's first line
    bool skipping = false;               // guarded by mutex
    std::unique_ptr<docker::LogFollow> follow;
    std::thread thread;
    bool done = false;  // guarded by LogFollowers::mutex_
};

LogFollowers::LogFollowers(model::LogStore& store) : store_(store) {
    ticker_ = std::thread([this] { tick(); });
}

LogFollowers::~LogFollowers() {
    stop();
}

void LogFollowers::follow(const std::string& task_arn, docker::Client& client,
                          std::string container_id, LogDestination to, EventAssembler assembler,
                          std::int64_t after_ms) {
    store_.create_stream(to.partition, to.group, to.stream);
    auto f = std::make_unique<Follower>(client, std::move(container_id), std::move(to),
                                        std::move(assembler), after_ms);
    f->store = &store_;
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    auto& follower = *f;
    by_task_[task_arn].push_back(std::move(f));
    follower.thread = std::thread([this, &follower] { run(follower); });
}

void LogFollowers::run(Follower& f) {
    try {
        f.follow->run();
    } catch (const std::exception& e) {
        spdlog::warn("awslogs: following container {}: {}", f.container_id.substr(0, 12), e.what());
    }
    f.deliver([&](auto& out) { f.assembler.finish(out); });
    {
        std::lock_guard lock(mutex_);
        f.done = true;
    }
    changed_.notify_all();
}

bool LogFollowers::drain(const std::string& task_arn, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] {
        auto it = by_task_.find(task_arn);
        if (it == by_task_.end()) return true;
        for (const auto& f : it->second) {
            if (!f->done) return false;
        }
        return true;
    });
}

void LogFollowers::forget(const std::string& task_arn) {
    std::vector<std::unique_ptr<Follower>> followers;
    {
        std::lock_guard lock(mutex_);
        auto it = by_task_.find(task_arn);
        if (it == by_task_.end()) return;
        followers = std::move(it->second);
        by_task_.erase(it);
    }
    for (auto& f : followers) {
        f->follow->cancel();
        if (f->thread.joinable()) f->thread.join();
    }
}

void LogFollowers::stop() {
    std::vector<std::string> tasks;
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
        for (const auto& [arn, followers] : by_task_) tasks.push_back(arn);
    }
    changed_.notify_all();
    if (ticker_.joinable()) ticker_.join();
    for (const auto& arn : tasks) forget(arn);
}

void LogFollowers::tick() {
    std::unique_lock lock(mutex_);
    while (!changed_.wait_for(lock, k_tick, [&] { return stopping_; })) {
        const auto now = now_ms();
        for (auto& [arn, followers] : by_task_) {
            for (auto& f : followers) {
                if (!f->done) f->deliver([&](auto& out) { f->assembler.flush_stale(now, out); });
            }
        }
    }
}

}  // namespace berth::runtime

#pragma once
// The awslogs driver, done by Berth: each container whose definition says awslogs keeps its
// output in the engine (json-file), and a follower reads it back as it is written
// (docker::LogFollow, timestamps on) and appends it, cut into events, to the app's LogStore.
//
// One thread per followed container, blocked on its logs stream: docker::Exchange is
// synchronous on a private io_context, and a thread parked on a socket read costs a stack and
// nothing else (see docs/architecture.md). One shared ticker flushes held multiline events.
//
// A stream ends when its container has stopped and everything it wrote has been read, so
// drain() after the containers stopped waits until the last lines are in the store.
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "berth/docker/client.hpp"
#include "berth/model/common.hpp"
#include "berth/model/log_store.hpp"
#include "log_events.hpp"

namespace berth::runtime {

struct LogDestination {
    model::PartitionKey partition;
    std::string group;
    std::string stream;
};

class LogFollowers {
  public:
    explicit LogFollowers(model::LogStore& store);
    ~LogFollowers();  // stop()
    LogFollowers(const LogFollowers&) = delete;
    LogFollowers& operator=(const LogFollowers&) = delete;

    model::LogStore& store() { return store_; }

    // Follows `container_id` on `client` (which outlives the follower) into `to`, from the
    // container's first line, or from the first entry stamped after `after_ms` (an adopted
    // container: what an earlier run stored is not stored twice). The stream is created at once.
    void follow(const std::string& task_arn, docker::Client& client, std::string container_id,
                LogDestination to, EventAssembler assembler, std::int64_t after_ms = 0);
    // Waits until every follower of the task has read its container's output to the end, at
    // most `timeout`. False when some are still reading (their containers still run).
    bool drain(const std::string& task_arn, std::chrono::milliseconds timeout);
    // Ends the task's followers (those still reading are cancelled) and forgets them.
    void forget(const std::string& task_arn);
    // Cancels and joins every follower. Idempotent.
    void stop();

  private:
    struct Follower;

    void run(Follower& f);
    void tick();

    model::LogStore& store_;
    std::mutex mutex_;
    std::condition_variable changed_;  // a follower finished, or stop()
    std::map<std::string, std::vector<std::unique_ptr<Follower>>> by_task_;
    bool stopping_ = false;
    std::thread ticker_;
};

}  // namespace berth::runtime

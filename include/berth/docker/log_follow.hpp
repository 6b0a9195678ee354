#pragma once
// A container's output as it is written: GET /containers/{id}/logs?follow=1, each frame handed
// over as it arrives. The engine ends the stream once the container has stopped; with timestamps
// on, run() then reads once more whatever the stream missed at its end, so run() returning
// normally means the output was read to its end.
//
//   docker::LogFollow follow(client, id, {.timestamps = true},
//                            [](const std::vector<docker::LogFrame>& frames) { ... });
//   follow.run();     // blocks until the container stops (or cancel())
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "berth/docker/types.hpp"

namespace berth::docker {

class Client;
class Exchange;
struct LogStamp;

class LogFollow {
  public:
    // The frames one read completed, in the order the engine sent them.
    using FrameCallback = std::function<void(const std::vector<LogFrame>&)>;

    LogFollow(Client& client, std::string id, LogOptions options, FrameCallback on_frame);
    ~LogFollow();
    LogFollow(const LogFollow&) = delete;
    LogFollow& operator=(const LogFollow&) = delete;

    // Once. Returns when the stream ended (true) or cancel() came first (false). Throws
    // DockerError when the engine refuses (an unknown container is not_found) or the connection
    // breaks before the end; a callback's exception propagates.
    bool run();
    // Thread safe, before or during run(): run() returns false at once.
    void cancel();

  private:
    void catch_up(LogStamp last);

    Client& client_;
    std::string id_;
    LogOptions options_;
    FrameCallback on_frame_;
    std::unique_ptr<Exchange> exchange_;
    std::atomic<bool> cancelled_{false};
};

}  // namespace berth::docker

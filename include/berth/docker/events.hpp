#pragma once
// Following the engine's event stream (GET /events). A container that dies outside Berth is
// seen within milliseconds instead of by polling.
//
//   docker::EventStream events(client, [&](const docker::Event& e) {
//       if (e.action == "die") on_exit(e.id, e.exit_code());
//   }, {.on_connect = [&] { resync(); }});
//   events.start();
//
// The stream runs on its own thread and reconnects with backoff when the engine goes away;
// on_connect runs after every (re)subscription so the caller can resync what it missed.
// Callbacks run on the stream's thread: keep them short, never call stop() from them.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "berth/docker/error.hpp"
#include "berth/docker/types.hpp"

namespace berth::docker {

class Client;

struct Event {
    std::string type;  // container | network | image | volume | daemon | ...
    // The verb: create, start, die, kill, stop, oom, destroy, health_status, exec_start, ...
    // Engine actions of the form "health_status: healthy" are split at ": " into action
    // ("health_status") and detail ("healthy").
    std::string action;
    std::string detail;
    std::string id;     // Actor.ID: container id, network id, ...
    Labels attributes;  // Actor.Attributes: the container's labels, name, image, exitCode, ...
    std::int64_t time_nano = 0;

    // attributes["exitCode"] for die events.
    std::optional<int> exit_code() const;
    // attributes[key], or "" when absent.
    const std::string& attribute(const std::string& key) const;
};

// Parses one line of the stream; nullopt when it is not an event object.
std::optional<Event> parse_event(std::string_view line);

struct EventStreamOptions {
    // GET /events filters; the default follows containers only.
    std::map<std::string, std::vector<std::string>> filters{{"type", {"container"}}};
    std::function<void()> on_connect{};                       // subscribed (again)
    std::function<void(const DockerError&)> on_disconnect{};  // lost, or could not subscribe
    std::chrono::milliseconds min_backoff{100};
    std::chrono::milliseconds max_backoff{5'000};
};

class EventStream {
  public:
    using EventCallback = std::function<void(const Event&)>;

    // `client` must outlive the stream; it supplies the host and the negotiated API version.
    EventStream(Client& client, EventCallback on_event, EventStreamOptions options = {});
    ~EventStream();  // stop()
    EventStream(const EventStream&) = delete;
    EventStream& operator=(const EventStream&) = delete;

    void start();
    // Ends the transfer and joins the thread; returns within milliseconds.
    void stop();
    bool connected() const { return connected_; }

  private:
    void run();
    // One subscription, until the transfer ends or stop(). Throws DockerError when it fails.
    void follow_once();
    std::string subscription_target();
    void wait_backoff(std::chrono::milliseconds delay);
    void publish_interrupt(std::function<void()> interrupt);

    Client& client_;
    EventCallback on_event_;
    EventStreamOptions options_;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> connected_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    // Cancels the running subscription's transfer; guarded by mutex_ so stop() can wake it.
    std::function<void()> interrupt_;
    std::int64_t last_time_nano_ = 0;  // resume point after a transient disconnect
};

}  // namespace berth::docker

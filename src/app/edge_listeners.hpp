#pragma once
// The listeners containers reach Berth on. Berth's main listener (127.0.0.1:4566 by default) is
// not reachable from a container's network namespace, so the runtime asks for one listener on
// the gateway of each Docker network its tasks use (the host's address on that bridge), and
// redirects 169.254.170.2:80 there inside each task. Each answers like the main one: the task
// endpoints, and every AWS API (AWS_ENDPOINT_URL points there). Bound on first use, closed at
// stop.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "berth/http/server.hpp"

namespace berth::app {

class EdgeListeners {
  public:
    // `port` 0: any free port, per address.
    EdgeListeners(http::Handler handler, unsigned short port);
    ~EdgeListeners();
    EdgeListeners(const EdgeListeners&) = delete;
    EdgeListeners& operator=(const EdgeListeners&) = delete;

    // The port answering on `address`, binding it on first use; nullopt when it cannot be
    // bound (logged once per address).
    std::optional<unsigned short> listen_on(const std::string& address);
    void stop();

  private:
    struct Listener {
        std::unique_ptr<http::Server> server;  // null: binding failed
        std::thread thread;
    };

    http::Handler handler_;
    unsigned short port_;
    std::mutex mutex_;
    bool stopped_ = false;
    std::map<std::string, Listener> listeners_;  // by address
};

}  // namespace berth::app

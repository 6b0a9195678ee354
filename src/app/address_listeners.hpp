#pragma once
// One server per host address, each on a thread of its own: the shape both the task endpoints'
// HTTP listeners (edge_listeners.hpp) and the task networks' DNS servers (dns_listeners.hpp)
// share. A server is bound on the first ask for its address and kept until stop(); an address
// that could not be bound is not tried again (the binder logs why, so it is said once).
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace berth::app {

// Server: run() serves until stop() (from any thread); port() is the bound port.
template <class Server>
class AddressListeners {
  public:
    // Binds a server on `address`; null when it cannot (after logging why).
    using Bind = std::function<std::unique_ptr<Server>(const std::string& address)>;

    explicit AddressListeners(Bind bind) : bind_(std::move(bind)) {}
    ~AddressListeners() { stop(); }
    AddressListeners(const AddressListeners&) = delete;
    AddressListeners& operator=(const AddressListeners&) = delete;

    // The port answering on `address`, binding it on first use; nullopt when it cannot be
    // bound, or after stop().
    std::optional<unsigned short> listen_on(const std::string& address) {
        std::lock_guard lock(mutex_);
        if (stopped_) return std::nullopt;
        auto it = listeners_.find(address);
        if (it == listeners_.end()) {
            Listener l;
            l.server = bind_(address);
            if (l.server) l.thread = std::thread([s = l.server.get()] { s->run(); });
            it = listeners_.emplace(address, std::move(l)).first;
        }
        if (!it->second.server) return std::nullopt;
        return it->second.server->port();
    }

    // Stops every server and joins its thread; later asks answer nullopt. Idempotent.
    void stop() {
        std::map<std::string, Listener> listeners;
        {
            std::lock_guard lock(mutex_);
            stopped_ = true;
            listeners.swap(listeners_);
        }
        for (auto& [address, l] : listeners) {
            if (!l.server) continue;
            l.server->stop();
            if (l.thread.joinable()) l.thread.join();
        }
    }

  private:
    struct Listener {
        std::unique_ptr<Server> server;  // null: binding failed
        std::thread thread;
    };

    Bind bind_;
    std::mutex mutex_;
    bool stopped_ = false;
    std::map<std::string, Listener> listeners_;  // by address
};

}  // namespace berth::app

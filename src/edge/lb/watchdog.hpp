#pragma once
// Cancels a socket's operations once it has waited longer than its time, with one timer per
// connection instead of one per operation. Arming stores a time point; the timer wakes when the
// earliest time it knows of comes, looks, and sleeps on until the time now set: a kept-alive
// connection's requests touch no timer at all (a timer per read and write was three timer
// operations and three more completions per proxied request).
#include <chrono>
#include <memory>

#include "asio_types.hpp"

namespace berth::edge::lb {

class Watchdog {
  public:
    using Duration = std::chrono::steady_clock::duration;

    explicit Watchdog(const Executor& executor);
    ~Watchdog();
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    // While it lives, `socket`'s operations are cancelled once `after` has passed.
    class Watch {
      public:
        ~Watch();
        Watch(const Watch&) = delete;
        Watch& operator=(const Watch&) = delete;
        // Whether the time ran out (and the socket's operations were cancelled).
        bool fired() const;

      private:
        friend class Watchdog;
        explicit Watch(Watchdog& dog) : dog_(dog) {}
        Watchdog& dog_;
    };
    // One watch at a time: the timer and the socket run on the one executor, the
    // connection's, so the handler never runs while the connection's code does.
    [[nodiscard]] Watch watch(Socket& socket, Duration after);

  private:
    struct State;
    static void wait(const std::shared_ptr<State>& state);
    void disarm();

    std::shared_ptr<State> state_;
};

}  // namespace berth::edge::lb

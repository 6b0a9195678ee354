#include "watchdog.hpp"

namespace berth::edge::lb {

namespace {
using Clock = std::chrono::steady_clock;
}

struct Watchdog::State {
    explicit State(const Executor& executor) : timer(executor) {}
    Timer timer;
    Socket* socket = nullptr;  // the one watched; null when none is
    Clock::time_point deadline = Clock::time_point::max();
    bool waiting = false;  // an async_wait is pending at timer.expiry()
    bool fired = false;
    bool alive = true;  // false once the Watchdog is gone: a queued handler must not look
};

Watchdog::Watchdog(const Executor& executor) : state_(std::make_shared<State>(executor)) {}

Watchdog::~Watchdog() {
    state_->alive = false;
    state_->socket = nullptr;
    state_->timer.cancel();
}

void Watchdog::wait(const std::shared_ptr<State>& state) {
    state->waiting = true;
    state->timer.async_wait([state](const error_code& ec) {
        // An aborted wait was replaced (or the Watchdog went): whoever cancelled it waits anew.
        if (ec == asio::error::operation_aborted || !state->alive) return;
        state->waiting = false;
        if (!state->socket) return;  // nothing watched: the next watch starts the timer
        if (Clock::now() >= state->deadline) {
            state->fired = true;
            error_code ignored;
            state->socket->cancel(ignored);
            state->socket = nullptr;
            return;
        }
        state->timer.expires_at(state->deadline);
        wait(state);
    });
}

Watchdog::Watch Watchdog::watch(Socket& socket, Duration after) {
    auto& s = *state_;
    s.socket = &socket;
    s.fired = false;
    s.deadline = Clock::now() + after;
    // A later deadline than the timer's waits for the timer to wake and look; only an earlier
    // one (a shorter time than the last) moves the timer.
    if (!s.waiting || s.deadline < s.timer.expiry()) {
        s.timer.expires_at(s.deadline);  // cancels a pending wait, whose handler then returns
        wait(state_);
    }
    return Watch(*this);
}

void Watchdog::disarm() {
    state_->socket = nullptr;
    state_->deadline = Clock::time_point::max();
}

Watchdog::Watch::~Watch() {
    dog_.disarm();
}

bool Watchdog::Watch::fired() const {
    return dog_.state_->fired;
}

}  // namespace berth::edge::lb

// EventStream: a long-lived GET /events exchange on its own thread; stop() cancels it at once
// (Exchange::cancel closes the socket on the exchange's io_context) instead of waiting for data.
#include <cstdio>

#include <spdlog/spdlog.h>

#include "berth/docker/client.hpp"
#include "berth/docker/events.hpp"
#include "docker/exchange.hpp"
#include "docker/json_lines.hpp"
#include "docker/query.hpp"
#include "docker/response_error.hpp"

namespace berth::docker {
namespace {

constexpr Timeout k_negotiate_timeout{2'000};

// Engine `since` syntax: seconds.nanoseconds.
std::string since_parameter(std::int64_t time_nano) {
    char text[40];
    std::snprintf(text, sizeof text, "%lld.%09lld",
                  static_cast<long long>(time_nano / 1'000'000'000),
                  static_cast<long long>(time_nano % 1'000'000'000));
    return text;
}

template <class F>
void guarded(const char* what, F&& f) {
    try {
        f();
    } catch (const std::exception& e) {
        spdlog::warn("docker events: {} callback threw: {}", what, e.what());
    } catch (...) {
        spdlog::warn("docker events: {} callback threw", what);
    }
}

}  // namespace

EventStream::EventStream(Client& client, EventCallback on_event, EventStreamOptions options)
    : client_(client), on_event_(std::move(on_event)), options_(std::move(options)) {}

EventStream::~EventStream() {
    stop();
}

void EventStream::start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void EventStream::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        if (interrupt_) interrupt_();
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void EventStream::run() {
    auto backoff = options_.min_backoff;
    while (!stopping_) {
        try {
            follow_once();
        } catch (const DockerError& e) {
            if (stopping_) break;
            if (options_.on_disconnect)
                guarded("on_disconnect", [&] { options_.on_disconnect(e); });
        } catch (const std::exception& e) {
            spdlog::error("docker events: {}", e.what());
        }
        // A subscription that worked for a while starts the next round of retries afresh.
        if (connected_.exchange(false)) backoff = options_.min_backoff;
        if (stopping_) break;
        wait_backoff(backoff);
        backoff = std::min(backoff * 2, options_.max_backoff);
    }
    connected_ = false;
}

void EventStream::wait_backoff(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, delay, [this] { return stopping_.load(); });
}

std::string EventStream::subscription_target() {
    // Negotiate again on every subscription: the engine that came back may be another version.
    // Briefly: this blocking call is the one stop() cannot interrupt.
    client_.negotiate(k_negotiate_timeout);
    Query query;
    query.add_filters(options_.filters);
    // After a dropped connection, resume just past the last event seen rather than lose what
    // happened meanwhile (the engine replays from its recent-events buffer).
    if (last_time_nano_ > 0) query.add("since", since_parameter(last_time_nano_ + 1));
    return client_.versioned("/events" + query.str());
}

void EventStream::follow_once() {
    const auto target = subscription_target();
    Request request{.target = target, .timeout = std::chrono::milliseconds::zero()};
    long status = 0;
    std::string error_body;
    LineSplitter lines;
    const auto on_line = [this](std::string_view line) {
        auto event = parse_event(line);
        if (!event) return;
        last_time_nano_ = std::max(last_time_nano_, event->time_nano);
        guarded("on_event", [&] { on_event_(*event); });
    };

    Exchange exchange(client_.host());
    publish_interrupt([&] { exchange.cancel(); });
    const auto end = exchange.run(request, {.on_head =
                                                [&](long code, std::string_view) {
                                                    status = code;
                                                    if (status != 200) return;
                                                    connected_ = true;
                                                    if (options_.on_connect)
                                                        guarded("on_connect", options_.on_connect);
                                                },
                                            .on_body =
                                                [&](std::string_view chunk) {
                                                    if (status != 200) {
                                                        error_body.append(chunk);
                                                    } else {
                                                        lines.feed(chunk, on_line);
                                                    }
                                                }});
    publish_interrupt(nullptr);
    if (stopping_) return;

    if (end.kind != ExchangeEnd::Kind::complete) {
        throw DockerError(
            ErrorKind::unreachable, 0,
            "Docker event stream from " + client_.host().original + " failed: " + end.detail);
    }
    if (status != 200) throw response_error({status, error_body, {}}, request);
    throw DockerError(ErrorKind::unreachable, 0,
                      "Docker event stream from " + client_.host().original + " ended");
}

void EventStream::publish_interrupt(std::function<void()> interrupt) {
    std::lock_guard lock(mutex_);
    interrupt_ = std::move(interrupt);
    // stop() may have come between the check in run() and now: it found nothing to wake.
    if (interrupt_ && stopping_) interrupt_();
}

}  // namespace berth::docker

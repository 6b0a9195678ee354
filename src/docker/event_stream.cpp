// EventStream: a long-lived GET /events transfer on its own thread, driven through a curl multi
// handle so that stop() can wake it at once (curl_multi_wakeup) instead of waiting for data.
#include <cstdio>

#include <spdlog/spdlog.h>

#include "berth/docker/client.hpp"
#include "berth/docker/events.hpp"
#include "docker/curl_handle.hpp"
#include "docker/json_lines.hpp"
#include "docker/query.hpp"
#include "docker/response_error.hpp"

namespace berth::docker {
namespace {

// How long one poll may sleep when nothing happens; stop() wakes it earlier anyway.
constexpr int k_poll_ms = 1'000;
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

// State shared with curl's callbacks for one subscription.
struct Subscription {
    CURL* handle = nullptr;
    std::function<void()> on_connected;
    std::function<void(std::string_view)> on_line;
    LineSplitter lines;
    std::string error_body;
    long status = 0;
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto& s = *static_cast<Subscription*>(user);
    const std::string_view line(data, size * count);
    if (line == "\r\n" || line == "\n") {
        curl_easy_getinfo(s.handle, CURLINFO_RESPONSE_CODE, &s.status);
        if (s.status == 200) s.on_connected();
    }
    return size * count;
}

size_t on_write(char* data, size_t size, size_t count, void* user) {
    auto& s = *static_cast<Subscription*>(user);
    const std::string_view chunk(data, size * count);
    if (s.status != 200) {
        s.error_body.append(chunk);
    } else {
        s.lines.feed(chunk, s.on_line);
    }
    return chunk.size();
}

// Runs the transfer of `easy` until it ends or `stopping` is set. `publish` is told the multi
// handle while the loop may sleep in it (and nullptr after), so another thread can wake it.
CURLcode perform_until_stopped(CURL* easy, const std::atomic<bool>& stopping,
                               const std::function<void(CURLM*)>& publish) {
    MultiHandle multi(curl_multi_init());
    curl_multi_add_handle(multi.get(), easy);
    publish(multi.get());
    int running = 1;
    while (!stopping && running) {
        if (curl_multi_perform(multi.get(), &running) != CURLM_OK) break;
        if (running) curl_multi_poll(multi.get(), nullptr, 0, k_poll_ms, nullptr);
    }
    publish(nullptr);
    CURLcode result = CURLE_OK;
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
        if (msg->msg == CURLMSG_DONE) result = msg->data.result;
    }
    curl_multi_remove_handle(multi.get(), easy);
    return result;
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
        if (multi_) curl_multi_wakeup(static_cast<CURLM*>(multi_));
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

    auto easy = make_easy_handle();
    Subscription sub;
    sub.handle = easy.get();
    sub.on_connected = [this] {
        connected_ = true;
        if (options_.on_connect) guarded("on_connect", options_.on_connect);
    };
    sub.on_line = [this](std::string_view line) {
        auto event = parse_event(line);
        if (!event) return;
        last_time_nano_ = std::max(last_time_nano_, event->time_nano);
        guarded("on_event", [&] { on_event_(*event); });
    };
    set_target(easy.get(), client_.host(), target);
    curl_easy_setopt(easy.get(), CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy.get(), CURLOPT_HEADERDATA, &sub);
    curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, &sub);
    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(easy.get(), CURLOPT_ERRORBUFFER, error_buffer);

    const auto result = perform_until_stopped(easy.get(), stopping_, [this](CURLM* multi) {
        std::lock_guard lock(mutex_);
        multi_ = multi;
    });
    if (stopping_) return;

    if (result != CURLE_OK) {
        throw DockerError(ErrorKind::unreachable, 0,
                          "Docker event stream from " + client_.host().original + " failed: " +
                              (error_buffer[0] ? error_buffer : curl_easy_strerror(result)));
    }
    if (sub.status != 200) {
        Request request{.target = target};
        throw response_error({sub.status, sub.error_body, {}}, request);
    }
    throw DockerError(ErrorKind::unreachable, 0,
                      "Docker event stream from " + client_.host().original + " ended");
}

}  // namespace berth::docker

// LogFollow: one long-lived logs exchange, demultiplexed as it arrives. Stops at the body's end
// (the engine closes it when the container has stopped) or at cancel().
#include "berth/docker/log_follow.hpp"

#include "berth/docker/client.hpp"
#include "docker/exchange.hpp"
#include "docker/log_demux.hpp"
#include "docker/log_request.hpp"
#include "docker/log_stamp.hpp"
#include "docker/response_error.hpp"

namespace berth::docker {

LogFollow::LogFollow(Client& client, std::string id, LogOptions options, FrameCallback on_frame)
    : client_(client),
      id_(std::move(id)),
      options_(options),
      on_frame_(std::move(on_frame)),
      exchange_(std::make_unique<Exchange>(client.host())) {}

LogFollow::~LogFollow() = default;

void LogFollow::cancel() {
    cancelled_ = true;
    exchange_->cancel();
}

bool LogFollow::run() {
    Request request{.target = client_.versioned(logs_path(id_, options_, true)),
                    .timeout = std::chrono::milliseconds::zero()};
    long status = 0;
    bool multiplexed = true;
    std::string error_body;
    LogDemuxer demuxer;
    std::vector<LogFrame> frames;
    std::optional<LogStamp> newest;
    const auto on_head = [&](long code, std::string_view content_type) {
        status = code;
        if (status != 200) return;
        multiplexed = is_multiplexed(content_type, client_.api_version(),
                                     [&] { return client_.container_inspect(id_).tty; });
    };
    const auto on_body = [&](std::string_view chunk) {
        if (status != 200) {
            error_body.append(chunk);
            return;
        }
        frames.clear();
        if (multiplexed)
            demuxer.feed(chunk, frames);
        else
            append_lines(LogStream::out, chunk, frames);
        // The newest, not the last: stdout and stderr are stamped by two readers, so the file
        // (and the stream) need not be in stamp order across them.
        for (const auto& frame : frames) {
            if (!options_.timestamps) break;
            auto stamp = leading_stamp(frame.text);
            if (stamp && (!newest || *stamp > *newest)) newest = stamp;
        }
        if (!frames.empty()) on_frame_(frames);
    };
    const auto end = exchange_->run(request, {.on_head = on_head, .on_body = on_body});
    if (cancelled_ || end.kind == ExchangeEnd::Kind::cancelled) return false;
    if (end.kind != ExchangeEnd::Kind::complete) {
        throw DockerError(ErrorKind::unreachable, 0,
                          "following the logs of " + id_ + " on " + client_.host().original +
                              " failed: " + end.detail);
    }
    if (status != 200) throw response_error({status, error_body, {}}, request);
    if (options_.timestamps) catch_up(newest.value_or(LogStamp{}));
    return true;
}

// Engine 20.10 may end a followed stream just before a TTY's last, newline-less piece is
// written (seen about once in 40 runs of "printf three" as the last command under load). Once
// the stream has ended, the container has stopped: one more read, from the newest entry's
// second, hands over what was stamped after it.
void LogFollow::catch_up(LogStamp last) {
    auto options = options_;
    options.since = last.epoch_seconds;
    std::vector<LogFrame> lines;
    for (const auto& frame : client_.container_logs(id_, options).frames)
        append_lines(frame.stream, frame.text, lines);
    auto later = frames_after(lines, last);
    if (!later.empty() && !cancelled_) on_frame_(later);
}

}  // namespace berth::docker

// LogFollow: one long-lived logs exchange, demultiplexed as it arrives. Stops at the body's end
// (the engine closes it when the container has stopped) or at cancel().
#include "berth/docker/log_follow.hpp"

#include "berth/docker/client.hpp"
#include "docker/exchange.hpp"
#include "docker/log_demux.hpp"
#include "docker/log_request.hpp"
#include "docker/response_error.hpp"

namespace berth::docker {

LogFollow::LogFollow(Client& client, std::string id, LogOptions options, FrameCallback on_frame)
    : client_(client),
      id_(std::move(id)),
      options_(options),
      on_frame_(std::move(on_frame)),
      exchange_(std::make_unique<Exchange>(client.host())) {}

LogFollow::~LogFollow() = default;

// A TTY's raw stream cuts lines anywhere: hand it over a line at a time like frames (the last
// piece of a chunk may be a line's beginning, without its newline, as a partial frame is).
void LogFollow::deliver_lines(std::string_view chunk, std::vector<LogFrame>& frames) {
    while (!chunk.empty()) {
        const auto nl = chunk.find('\n');
        const auto size = nl == std::string_view::npos ? chunk.size() : nl + 1;
        frames.push_back(LogFrame{LogStream::out, std::string(chunk.substr(0, size))});
        chunk.remove_prefix(size);
    }
}

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
            deliver_lines(chunk, frames);
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
    return true;
}

}  // namespace berth::docker

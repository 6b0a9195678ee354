// Container logs: GET /containers/{id}/logs, demultiplexed when the container has no TTY.
#include "berth/docker/client.hpp"
#include "docker/log_demux.hpp"
#include "docker/query.hpp"
#include "docker/transport.hpp"

namespace berth::docker {
namespace {

constexpr std::string_view k_multiplexed = "application/vnd.docker.multiplexed-stream";
constexpr std::string_view k_raw = "application/vnd.docker.raw-stream";
// From API 1.42 the Content-Type says which framing the body uses.
constexpr ApiVersion k_framing_in_content_type{1, 42};

std::string join(const std::vector<LogFrame>& frames, LogStream stream) {
    std::string text;
    for (const auto& frame : frames) {
        if (frame.stream == stream) text += frame.text;
    }
    return text;
}

}  // namespace

std::string LogOutput::stdout_text() const {
    return join(frames, LogStream::out);
}
std::string LogOutput::stderr_text() const {
    return join(frames, LogStream::err);
}

LogOutput Client::container_logs(const std::string& id, const LogOptions& options,
                                 Timeout timeout) {
    Query query;
    query.add_bool("stdout", options.out)
        .add_bool("stderr", options.err)
        .add_bool("timestamps", options.timestamps);
    if (options.since > 0) query.add("since", std::to_string(options.since));
    if (options.tail) query.add("tail", std::to_string(*options.tail));
    const auto response = call(
        {.target = resource_path("containers", id, "/logs") + query.str(), .timeout = timeout});

    bool multiplexed = false;
    if (response.content_type.starts_with(k_multiplexed)) {
        multiplexed = true;
    } else if (response.content_type.starts_with(k_raw) &&
               api_version() >= k_framing_in_content_type) {
        multiplexed = false;
    } else {
        // Older engines call every body raw-stream: only the container's Tty setting tells.
        multiplexed = !container_inspect(id, timeout).tty;
    }
    if (response.body.empty()) return {};
    if (!multiplexed) return {{LogFrame{LogStream::out, response.body}}};
    return {demultiplex(response.body)};
}

}  // namespace berth::docker

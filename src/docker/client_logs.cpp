// Container logs: GET /containers/{id}/logs, demultiplexed when the container has no TTY.
#include "berth/docker/client.hpp"
#include "docker/log_demux.hpp"
#include "docker/log_request.hpp"
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

std::string logs_path(const std::string& id, const LogOptions& options, bool follow) {
    Query query;
    query.add_bool("stdout", options.out)
        .add_bool("stderr", options.err)
        .add_bool("timestamps", options.timestamps);
    if (follow) query.add_bool("follow", true);
    if (options.since > 0) query.add("since", std::to_string(options.since));
    if (options.tail) query.add("tail", std::to_string(*options.tail));
    return resource_path("containers", id, "/logs") + query.str();
}

bool is_multiplexed(std::string_view content_type, std::optional<ApiVersion> version,
                    const std::function<bool()>& has_tty) {
    if (content_type.starts_with(k_multiplexed)) return true;
    if (content_type.starts_with(k_raw) && version && *version >= k_framing_in_content_type)
        return false;
    return !has_tty();
}

std::string LogOutput::stdout_text() const {
    return join(frames, LogStream::out);
}
std::string LogOutput::stderr_text() const {
    return join(frames, LogStream::err);
}

LogOutput Client::container_logs(const std::string& id, const LogOptions& options,
                                 Timeout timeout) {
    const auto response = call({.target = logs_path(id, options, false), .timeout = timeout});
    const bool multiplexed = is_multiplexed(response.content_type, api_version(),
                                            [&] { return container_inspect(id, timeout).tty; });
    if (response.body.empty()) return {};
    if (!multiplexed) return {{LogFrame{LogStream::out, response.body}}};
    return {demultiplex(response.body)};
}

}  // namespace berth::docker

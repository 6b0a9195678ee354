#include "docker/progress_stream.hpp"

#include "berth/docker/error.hpp"

namespace berth::docker {
namespace {

DockerError stream_error(const Json& line) {
    auto message = line.value("error", std::string());
    if (message.empty()) {
        message = line.value("errorDetail", Json::object()).value("message", std::string());
    }
    // Registries word "no such image" several ways; the caller treats them all as a missing image.
    const bool missing = message.find("manifest unknown") != std::string::npos ||
                         message.find("not found") != std::string::npos ||
                         message.find("does not exist") != std::string::npos;
    return DockerError(missing ? ErrorKind::not_found : ErrorKind::other, 0, message);
}

}  // namespace

void ProgressStream::feed(std::string_view chunk) {
    lines_.feed(chunk, [this](std::string_view text) { on_line(text); });
}

void ProgressStream::finish() {
    if (!lines_.rest().empty()) on_line(lines_.rest());
}

void ProgressStream::on_line(std::string_view text) {
    const auto line = Json::parse(text, nullptr, false);
    if (!line.is_object()) return;
    if (line.contains("error") || line.contains("errorDetail")) throw stream_error(line);
    PullProgress progress{line.value("status", std::string()), line.value("id", std::string()),
                          line.value("progress", std::string())};
    last_status_ = progress.status;
    if (on_progress_) on_progress_(progress);
}

}  // namespace berth::docker

// Image operations: inspect, pull and import (both stream JSON progress lines), remove.
#include "berth/docker/client.hpp"
#include "docker/image_ref.hpp"
#include "docker/json_lines.hpp"
#include "docker/parse.hpp"
#include "docker/query.hpp"
#include "docker/transport.hpp"

namespace berth::docker {
namespace {

// The engine reports pull failures inside a 200 stream: {"errorDetail":{...},"error":"..."}.
DockerError stream_error(const Json& line) {
    auto message = line.value("error", std::string());
    if (message.empty()) {
        message = line.value("errorDetail", Json::object()).value("message", std::string());
    }
    const bool missing = message.find("manifest unknown") != std::string::npos ||
                         message.find("not found") != std::string::npos ||
                         message.find("does not exist") != std::string::npos;
    return DockerError(missing ? ErrorKind::not_found : ErrorKind::other, 0, message);
}

// Reads progress lines, throwing the first error line; returns the last status seen.
class ProgressReader {
  public:
    explicit ProgressReader(const Client::PullCallback* on_progress) : on_progress_(on_progress) {}

    void feed(std::string_view chunk) {
        lines_.feed(chunk, [this](std::string_view text) { on_line(text); });
    }
    void finish() {
        if (!lines_.rest().empty()) on_line(lines_.rest());
    }
    const std::string& last_status() const { return last_status_; }

  private:
    void on_line(std::string_view text) {
        const auto line = Json::parse(text, nullptr, false);
        if (!line.is_object()) return;
        if (line.contains("error") || line.contains("errorDetail")) throw stream_error(line);
        PullProgress progress{line.value("status", std::string()), line.value("id", std::string()),
                              line.value("progress", std::string())};
        last_status_ = progress.status;
        if (on_progress_ && *on_progress_) (*on_progress_)(progress);
    }

    const Client::PullCallback* on_progress_;
    LineSplitter lines_;
    std::string last_status_;
};

}  // namespace

std::optional<ImageInfo> Client::image_inspect(const std::string& ref, Timeout timeout) {
    try {
        return parse_image_info(
            call_json({.target = resource_path("images", ref, "/json"), .timeout = timeout}));
    } catch (const DockerError& e) {
        if (e.is_not_found()) return std::nullopt;
        throw;
    }
}

void Client::image_pull(const std::string& ref, const PullCallback& on_progress,
                        const std::string& registry_auth, Timeout timeout) {
    const auto image = split_image_ref(ref);
    ProgressReader reader(&on_progress);
    Request request{.method = "POST",
                    .target = "/images/create" +
                              Query().add("fromImage", image.name).add("tag", image.tag).str(),
                    .timeout = timeout,
                    .on_data = [&](std::string_view chunk) { reader.feed(chunk); }};
    if (!registry_auth.empty()) request.headers.push_back("X-Registry-Auth: " + registry_auth);
    call(std::move(request));
    reader.finish();
}

std::string Client::image_import(const std::string& tar, const std::string& ref,
                                 const std::vector<std::string>& changes, Timeout timeout) {
    const auto image = split_image_ref(ref);
    Query query;
    query.add("fromSrc", "-").add("repo", image.name).add("tag", image.tag);
    for (const auto& change : changes) query.add("changes", change);
    ProgressReader reader(nullptr);
    call({.method = "POST",
          .target = "/images/create" + query.str(),
          .body = tar,
          .content_type = "application/x-tar",
          .timeout = timeout,
          .on_data = [&](std::string_view chunk) { reader.feed(chunk); }});
    reader.finish();
    // The import's one status line is the new image's id.
    return reader.last_status();
}

void Client::image_remove(const std::string& ref, bool force, Timeout timeout) {
    call({.method = "DELETE",
          .target = resource_path("images", ref) + Query().add_bool("force", force).str(),
          .timeout = timeout});
}

}  // namespace berth::docker

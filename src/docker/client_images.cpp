// Image operations: inspect, pull and import (both stream JSON progress lines), remove.
#include "berth/docker/client.hpp"
#include "docker/image_ref.hpp"
#include "docker/parse.hpp"
#include "docker/progress_stream.hpp"
#include "docker/query.hpp"
#include "docker/transport.hpp"

namespace berth::docker {

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
    ProgressStream reader(on_progress);
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
    ProgressStream reader;
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

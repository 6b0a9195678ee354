#pragma once
// Splitting an image reference for POST /images/create (fromImage + tag), the way the docker
// CLI does: "busybox" → busybox:latest, "host:5000/app" → host:5000/app:latest,
// "repo@sha256:..." → a digest.
#include <string>
#include <string_view>

namespace berth::docker {

struct ImageRef {
    std::string name;  // repository, with its registry host when given
    std::string tag;   // "latest", "1.2", or a digest "sha256:..."
};

ImageRef split_image_ref(std::string_view ref);

}  // namespace berth::docker

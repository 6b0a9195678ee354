#pragma once
// What a one-shot logs call and a followed stream share: the request target and how to tell
// which framing the body uses.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "berth/docker/api_version.hpp"
#include "berth/docker/types.hpp"

namespace berth::docker {

// "/containers/{id}/logs?stdout=..&stderr=..&timestamps=..[&follow=1]" (unversioned).
std::string logs_path(const std::string& id, const LogOptions& options, bool follow);

// From API 1.42 the Content-Type says whether the body is multiplexed; older engines call every
// body raw-stream, and only the container's Tty setting tells (`has_tty` is asked then).
bool is_multiplexed(std::string_view content_type, std::optional<ApiVersion> version,
                    const std::function<bool()>& has_tty);

}  // namespace berth::docker

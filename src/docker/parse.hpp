#pragma once
// Engine JSON → the typed views in berth/docker/types.hpp. Missing members read as empty, so
// older and newer engines parse alike.
#include "berth/docker/types.hpp"

namespace berth::docker {

VersionInfo parse_version_info(const Json& json);
SystemInfo parse_system_info(const Json& json);
ImageInfo parse_image_info(const Json& json);
ContainerDetails parse_container_details(const Json& json);
ContainerSummary parse_container_summary(const Json& json);
NetworkInfo parse_network_info(const Json& json);
VolumeInfo parse_volume_info(const Json& json);
Labels parse_labels(const Json& json);  // null or {"k": "v"}

// The Engine's error body {"message": "..."}; falls back to the raw text.
std::string parse_error_message(std::string_view body);

}  // namespace berth::docker

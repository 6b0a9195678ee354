#include "docker/image_ref.hpp"

namespace berth::docker {

ImageRef split_image_ref(std::string_view ref) {
    if (const auto at = ref.find('@'); at != std::string_view::npos) {
        return {std::string(ref.substr(0, at)), std::string(ref.substr(at + 1))};
    }
    // A ':' after the last '/' separates the tag; before it, it is a registry port.
    const auto slash = ref.rfind('/');
    const auto colon = ref.rfind(':');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
        return {std::string(ref.substr(0, colon)), std::string(ref.substr(colon + 1))};
    }
    return {std::string(ref), "latest"};
}

}  // namespace berth::docker

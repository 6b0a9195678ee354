#include "berth/model/task_targets.hpp"

#include <array>

namespace berth::model {

namespace {
constexpr std::array<std::string_view, 6> k_target_status_names{
    "unregistered", "initial", "healthy", "unhealthy", "draining", "deregistered"};
}

std::string_view to_string(TargetStatus s) {
    return k_target_status_names[static_cast<int>(s)];
}

}  // namespace berth::model

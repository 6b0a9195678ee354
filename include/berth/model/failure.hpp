#pragma once
// ECS's failure classes: the prefix of a stoppedReason (and of a container's reason), e.g.
// "CannotPullContainerError: pull access denied ...". One table holds their ECS texts.
#include <cstdint>
#include <string>
#include <string_view>

#include "berth/model/names.hpp"

namespace berth::model {

enum class FailureClass : std::uint8_t {
    cannot_pull_container,
    cannot_create_container,
    cannot_start_container,
    cannot_stop_container,
    cannot_inspect_container,
    resource_initialization,
    out_of_memory,
    task_failed_elb_health_checks,
};
template <>
inline constexpr NameTable<FailureClass, 8> k_names<FailureClass>{{{
    {FailureClass::cannot_pull_container, "CannotPullContainerError"},
    {FailureClass::cannot_create_container, "CannotCreateContainerError"},
    {FailureClass::cannot_start_container, "CannotStartContainerError"},
    {FailureClass::cannot_stop_container, "CannotStopContainerError"},
    {FailureClass::cannot_inspect_container, "CannotInspectContainerError"},
    {FailureClass::resource_initialization, "ResourceInitializationError"},
    {FailureClass::out_of_memory, "OutOfMemoryError"},
    {FailureClass::task_failed_elb_health_checks, "Task failed ELB health checks"},
}}};

// "<ECS name>: <detail>", the way ECS writes a failure into a reason.
inline std::string failure_reason(FailureClass c, std::string_view detail) {
    std::string out(to_string(c));
    if (!detail.empty()) {
        out += ": ";
        out += detail;
    }
    return out;
}

}  // namespace berth::model

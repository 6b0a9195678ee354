#pragma once
// A service task's places in its service's target groups (service `loadBalancers`). The list is
// stamped on the task when the service scheduler creates it (one entry per load balancer with
// a target group), so "this task is load balanced" is known before it runs; the load balancer
// registrar (runtime/target_registrar) fills in where the task was registered and how ELB sees
// it, and the scheduler reads the result as plain values (a task with targets is healthy only
// when every target is).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "berth/model/common.hpp"

namespace berth::model {

// Where one target stands, as the task sees it. The middle states are ELB's target health
// states (DescribeTargetHealth); `unregistered` is before the registrar registered it,
// `deregistered` after its draining ended.
enum class TargetStatus : std::uint8_t {
    unregistered,
    initial,
    healthy,
    unhealthy,
    draining,
    deregistered,
};
std::string_view to_string(TargetStatus s);  // "unregistered", "initial", ...

struct TaskTarget {
    std::string target_group_arn;
    std::string container_name;
    int container_port = 0;
    // Set once registered: the target's id (an IP address or an instance id) and port.
    std::string target_id;
    int port = 0;
    TargetStatus status = TargetStatus::unregistered;
    std::string reason;                       // ELB's reason code, when not healthy
    std::optional<TimePoint> draining_since;  // when the registrar deregistered it
    bool operator==(const TaskTarget&) const = default;
};

// Registered and not yet drained: the load balancer may still send it traffic.
inline bool is_in_target_group(const TaskTarget& t) {
    return t.status != TargetStatus::unregistered && t.status != TargetStatus::deregistered;
}

}  // namespace berth::model

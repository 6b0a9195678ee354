#pragma once
// What the target group handlers share.
#include "berth/model/load_balancers.hpp"

namespace berth::api::elbv2 {

// ELB's attribute defaults for a new group (stickiness type source_ip for TCP groups).
model::TargetGroupAttributes default_attributes(const model::TargetGroup& g);

}  // namespace berth::api::elbv2

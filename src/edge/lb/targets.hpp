#pragma once
// Which targets of a group a request may go to, and which one takes it. Pure.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http/fields.hpp>

#include "berth/model/load_balancer_types.hpp"

namespace berth::edge::lb {

// The healthy targets; when none is healthy, every registered target that is not draining, as
// ALB fails open. Empty when no target is registered (the load balancer answers 503).
std::vector<const model::Target*> routable_targets(const model::TargetGroup& group);

// Sticky cookies name a target group or a target by an opaque token (ALB's are encrypted
// blobs; Berth's are a stable hash, enough to find the same one again).
std::string sticky_token(std::string_view name);
// The value of cookie `name` among the request's Cookie headers; empty when absent.
std::string_view cookie_value(const boost::beast::http::fields& headers, std::string_view name);

// The index of the action's group a request goes to: the one a group-stickiness cookie names
// (when stickiness is on and that group still takes traffic), else by weight with `draw`.
// nullopt when every weight is 0.
struct GroupChoice {
    std::size_t index = 0;
    bool from_cookie = false;
};
std::optional<GroupChoice> choose_group(const model::ForwardAction& forward,
                                        std::string_view cookie, std::uint64_t draw);

inline constexpr std::string_view k_group_cookie = "AWSALBTG";  // target group stickiness
inline constexpr std::string_view k_target_cookie = "AWSALB";   // lb_cookie target stickiness

}  // namespace berth::edge::lb

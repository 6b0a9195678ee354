#pragma once
// The answers an Application Load Balancer writes itself when it cannot forward: ELB's HTML
// pages with `Server: awselb/2.0` (502 when a target fails or resets, 503 when a target group
// has no registered target, 504 when a target does not answer in time, 500 for the rest).
#include <string>

namespace berth::edge::lb {

struct LbAnswer {
    int status = 200;
    std::string content_type;
    std::string body;
    std::string location;  // redirects only
};

LbAnswer alb_error_page(int status);

inline constexpr const char* k_server_header = "awselb/2.0";

}  // namespace berth::edge::lb

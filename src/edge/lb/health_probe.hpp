#pragma once
// One health check of one target, as ELB sends it: a TCP connection (TCP checks), or a
// `GET <path>` with `User-Agent: ELB-HealthChecker/2.0` whose status the matcher must accept
// (HTTP checks); each within the check's timeout, on a connection of its own that is closed
// afterwards.
#include <chrono>
#include <string>

#include "asio_types.hpp"
#include "health_state.hpp"
#include "upstream.hpp"

namespace berth::edge::lb {

struct ProbeSpec {
    bool http = true;  // false: TCP
    std::string path = "/";
    std::string matcher = "200";
    std::chrono::steady_clock::duration timeout = std::chrono::seconds(5);
};

Awaitable<CheckOutcome> probe(Endpoint target, ProbeSpec spec);

}  // namespace berth::edge::lb

#pragma once
// The listeners containers reach Berth on. Berth's main listener (127.0.0.1:4566 by default) is
// not reachable from a container's network namespace, so the runtime asks for one listener on
// the gateway of each Docker network its tasks use (the host's address on that bridge), and
// redirects 169.254.170.2:80 there inside each task. Each answers like the main one: the task
// endpoints, and every AWS API (AWS_ENDPOINT_URL points there). Bound on first use, closed at
// stop.
#include "address_listeners.hpp"
#include "berth/http/server.hpp"

namespace berth::app {

class EdgeListeners : public AddressListeners<http::Server> {
  public:
    // `port` 0: any free port, per address.
    EdgeListeners(http::Handler handler, unsigned short port);
};

}  // namespace berth::app

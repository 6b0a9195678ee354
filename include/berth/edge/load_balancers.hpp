#pragma once
// The load balancers' data plane (edge/lb): what makes ELBv2's load balancers forward.
//
// - Every HTTP or TCP listener in the LoadBalancerStore gets a port on Berth's listen address:
//   its own port, or the one --lb-port-map gives it (80=8080: port 80 cannot be bound without
//   privileges; DescribeListeners still says 80). Listeners created, modified or deleted are
//   followed within a tick, without a restart.
// - Application load balancers proxy HTTP/1.1 with keep-alive to their targets: rules by
//   priority, forward (weighted, with group and lb_cookie stickiness), fixed-response and
//   redirect; round robin over healthy targets (all of them when none is, as ALB fails open);
//   X-Forwarded-For/-Proto/-Port and X-Amzn-Trace-Id; ALB's 502, 503 and 504 pages.
// - Network load balancers join each TCP connection to a target's.
// - Health checks as each target group configures them write target health into the store;
//   the same tick expires draining targets when their deregistration delay is over.
// - A request to Berth's main port whose Host is a load balancer's DNSName goes to that load
//   balancer's HTTP listener (serves() and handle(), called from app::Services::handle).
//
// Everything runs on its own io_context (asynchronous, timers for checks); routing reads the
// store's immutable snapshot, so no store lock is held while anything is forwarded. The edge
// never calls Docker.
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "berth/http/message.hpp"
#include "berth/model/load_balancers.hpp"

namespace berth::edge {

struct LoadBalancersOptions {
    std::string listen_host = "127.0.0.1";
    std::map<int, unsigned short> port_map;  // listener port → the port bound for it
    std::size_t threads = 2;
    std::chrono::milliseconds tick{250};  // how often listeners and due checks are looked at
    // Where an instance target (an EC2 instance id) is reached; default the local host, where
    // the Docker engine publishes container ports.
    std::function<std::string(const std::string& instance_id)> instance_address;
};

class LoadBalancers {
  public:
    LoadBalancers(model::LoadBalancerStore& store, LoadBalancersOptions options);
    ~LoadBalancers();
    LoadBalancers(const LoadBalancers&) = delete;
    LoadBalancers& operator=(const LoadBalancers&) = delete;

    // Binds the listeners and starts the checks; `main_port` is Berth's main listener's (the
    // X-Forwarded-Port of requests routed there by Host).
    void start(unsigned short main_port);
    void stop();

    // Whether the request's Host (port aside) is the DNSName of a load balancer with an HTTP
    // listener.
    bool serves(const http::Request& request) const;
    // Forwards a request serves() accepted through that listener, and waits for the answer.
    http::Response handle(http::Request&& request) const;

    // The port bound for a listener port (after --lb-port-map), for tests and logs.
    unsigned short bound_port(int listener_port) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace berth::edge

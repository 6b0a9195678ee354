// The load balancer bench's subject (bench/lb_run.sh): the data plane alone, in-process, with one
// application load balancer whose HTTP listener forwards to one ip target, written into a
// LoadBalancerStore as the ELBv2 API writes it. Prints "ready" once the target is healthy, then
// forwards until SIGINT or SIGTERM.
//
//   build/lb_bench TARGET_PORT LISTENER_PORT [THREADS]
//
// THREADS: the data plane's I/O threads [as LoadBalancersOptions' default].
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "berth/edge/load_balancers.hpp"
#include "berth/model/load_balancers.hpp"

using namespace berth;

int main(int argc, char** argv) {
    if (argc != 3 && argc != 4) {
        std::fprintf(stderr, "usage: lb_bench TARGET_PORT LISTENER_PORT [THREADS]\n");
        return 2;
    }
    int target_port = std::atoi(argv[1]), listener_port = std::atoi(argv[2]);
    model::PartitionKey key{"000000000000", "us-east-1"};
    model::LoadBalancerStore store;
    auto now = model::Clock::now();
    store.write(key, now, [&](model::LoadBalancerPartition& p) {
        model::ElbLoadBalancer lb;
        lb.name = "bench";
        lb.arn = model::load_balancer_arn(key, lb.type, lb.name, model::new_elb_id());
        lb.state = model::LoadBalancerState::active;
        model::TargetGroup g;
        g.name = "bench";
        g.arn = model::target_group_arn(key, g.name, model::new_elb_id());
        g.protocol = model::ElbProtocol::http;
        g.port = target_port;
        g.target_type = model::TargetType::ip;
        g.health_check = model::default_health_check(*g.protocol, *g.protocol);
        model::Listener l;
        l.load_balancer_arn = lb.arn;
        l.arn = model::listener_arn(lb.arn, model::new_elb_id());
        l.port = listener_port;
        model::ForwardAction f;
        f.target_groups.push_back({g.arn, 1});
        l.default_actions.push_back({1, f});
        p.load_balancers[lb.arn] = lb;
        p.target_groups[g.arn] = g;
        p.listeners[l.arn] = l;
        p.register_targets(p.target_groups[g.arn], {{"127.0.0.1", target_port, ""}}, now);
    });
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the I/O threads start
    edge::LoadBalancersOptions options;
    if (argc == 4) options.threads = static_cast<std::size_t>(std::max(1, std::atoi(argv[3])));
    edge::LoadBalancers lbs(store, options);
    lbs.start(0);
    for (;;) {
        auto health = store.target_health(
            key, store.snapshot()->partitions.begin()->second.target_groups.begin()->first);
        if (health && !health->empty() &&
            health->front().health.state == model::TargetHealthState::healthy) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::printf("ready\n");
    std::fflush(stdout);
    int signal = 0;
    sigwait(&signals, &signal);
    lbs.stop();
    return 0;
}

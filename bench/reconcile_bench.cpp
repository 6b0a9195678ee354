// How long one reconcile pass takes over 1,000 services × 10 tasks held in memory (issue 4's
// target: under 5 ms for the steady case), and one pass that places a new service's 1,000
// tasks over 50 instances in 3 zones with spread by zone then binpack on memory (issue 15).
// Prints numbers; asserts nothing about time.
//
//   build/reconcile_bench [services] [tasks-per-service] [rounds] [steady|rolling|placement]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "berth/model/arn.hpp"
#include "berth/model/store.hpp"
#include "berth/scheduler/messages.hpp"
#include "berth/scheduler/reconcile.hpp"

namespace {

using namespace berth;
using Clock = std::chrono::steady_clock;

const model::PartitionKey k_key{"000000000000", "us-east-1"};

model::Partition build(int services, int tasks_per_service, int instances, bool rolling) {
    model::Partition p;
    p.key = k_key;
    model::Cluster cluster;
    cluster.name = "bench";
    cluster.arn = model::cluster_arn(k_key, "bench");
    p.clusters["bench"] = cluster;
    const auto now = model::Clock::now();

    std::vector<std::string> instance_arns;
    for (int i = 0; i < instances; ++i) {
        model::ContainerInstance ci;
        ci.id = "ci" + std::to_string(i);
        ci.arn = model::container_instance_arn(k_key, "bench", ci.id);
        ci.cluster_name = "bench";
        ci.registered_cpu = 1 << 30;
        ci.registered_memory = 1 << 30;
        ci.seq = p.take_seq();
        instance_arns.push_back(ci.arn);
        p.container_instances[ci.arn] = ci;
    }

    model::TaskDefinition td;
    td.family = "app";
    td.revision = 1;
    td.arn = model::task_definition_arn(k_key, "app", 1);
    td.body = model::read_task_definition(
        {{"family", "app"},
         {"revision", 1},
         {"containerDefinitions",
          {{{"name", "app"}, {"image", "busybox"}, {"cpu", 16}, {"memory", 16}}}}});
    p.task_definitions["app"].push_back(td);
    auto td2 = td;
    td2.revision = 2;
    td2.arn = model::task_definition_arn(k_key, "app", 2);
    p.task_definitions["app"].push_back(td2);

    for (int s = 0; s < services; ++s) {
        model::Service svc;
        svc.name = "svc-" + std::to_string(s);
        svc.cluster_name = "bench";
        svc.arn = model::service_arn(k_key, "bench", svc.name);
        svc.desired_count = tasks_per_service;
        svc.running_count = tasks_per_service;
        svc.launch_type = model::LaunchType::ec2;
        svc.task_definition_arn = td.arn;
        model::Deployment d;
        d.id = "ecs-svc/" + std::to_string(1000000000000000000LL + s);
        d.status = model::DeploymentStatus::primary;
        d.task_definition_arn = td.arn;
        d.desired_count = d.running_count = tasks_per_service;
        d.rollout_state = model::RolloutState::completed;
        svc.deployments.push_back(d);
        svc.events.push_front({"e", now, scheduler::messages::steady_state(svc.name)});
        for (int t = 0; t < tasks_per_service; ++t) {
            model::Task task;
            task.id = std::to_string(s) + "-" + std::to_string(t);
            task.arn = model::task_arn(k_key, "bench", task.id);
            task.cluster_name = "bench";
            task.task_definition_arn = td.arn;
            task.service_name = svc.name;
            task.group = "service:" + svc.name;
            task.deployment_id = d.id;
            task.last_status = model::TaskStatus::running;
            task.container_instance_arn =
                instance_arns[static_cast<std::size_t>(t) % instance_arns.size()];
            task.started_at = now;
            task.seq = p.take_seq();
            p.tasks[task.arn] = task;
        }
        if (rolling) {  // UpdateService to revision 2 on every service at once
            svc.deployments[0].status = model::DeploymentStatus::active;
            d.id += "2";
            d.task_definition_arn = td2.arn;
            d.rollout_state = model::RolloutState::in_progress;
            d.running_count = 0;
            svc.deployments.insert(svc.deployments.begin(), d);
        }
        p.services[svc.arn] = svc;
    }
    return p;
}

// One new service of `tasks` tasks, spread over the zones then binpacked on memory, and
// `instances` container instances in three zones with room for them all: one pass places
// every task.
model::Partition build_placement(int tasks, int instances) {
    auto p = build(0, 0, 0, false);
    for (int i = 0; i < instances; ++i) {
        model::ContainerInstance ci;
        ci.id = "ci" + std::to_string(i);
        ci.arn = model::container_instance_arn(k_key, "bench", ci.id);
        ci.cluster_name = "bench";
        ci.registered_cpu = 16 * 1024;
        ci.registered_memory = 64 * 1024;
        ci.attributes = {{{"name", "ecs.availability-zone"},
                          {"value", "us-east-1" + std::string(1, static_cast<char>('a' + i % 3))}}};
        ci.seq = p.take_seq();
        p.container_instances[ci.arn] = ci;
    }
    model::Service svc;
    svc.name = "placed";
    svc.cluster_name = "bench";
    svc.arn = model::service_arn(k_key, "bench", svc.name);
    svc.desired_count = tasks;
    svc.launch_type = model::LaunchType::ec2;
    svc.task_definition_arn = model::task_definition_arn(k_key, "app", 1);
    svc.placement_strategy = {
        {model::PlacementStrategy::Type::spread, "attribute:ecs.availability-zone"},
        {model::PlacementStrategy::Type::binpack, "memory"}};
    model::Deployment d;
    d.id = "ecs-svc/1000000000000000000";
    d.task_definition_arn = svc.task_definition_arn;
    d.desired_count = tasks;
    svc.deployments.push_back(d);
    p.services[svc.arn] = svc;
    return p;
}

struct Timing {
    double median_ms;
    double p95_ms;
    double cpu_median_ms;  // this thread's CPU time: what the pass costs on a busy machine
    std::size_t actions;
};

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

Timing measure(const model::Partition& p, int rounds) {
    std::vector<double> ms, cpu;
    std::size_t actions = 0;
    for (int i = 0; i < rounds; ++i) {
        auto start = Clock::now();
        double cpu_start = thread_cpu_ms();
        auto plan = scheduler::reconcile(p, model::Clock::now());
        cpu.push_back(thread_cpu_ms() - cpu_start);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        actions = plan.stops.size() + static_cast<std::size_t>(plan.tasks_to_start()) +
                  plan.deployment_updates.size() + plan.events.size();
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)],
            cpu[cpu.size() / 2], actions};
}

}  // namespace

int main(int argc, char** argv) {
    int services = argc > 1 ? std::atoi(argv[1]) : 1000;
    int per_service = argc > 2 ? std::atoi(argv[2]) : 10;
    int rounds = argc > 3 ? std::atoi(argv[3]) : 50;
    std::string only = argc > 4 ? argv[4] : "";

    if (only.empty() || only == "placement") {
        auto p = build_placement(1000, 50);
        auto t = measure(p, rounds);
        std::printf(
            "reconcile placement: 1000 tasks over 50 instances (spread by zone, binpack "
            "memory): median %.3f ms, p95 %.3f ms, median CPU %.3f ms (%zu actions)\n",
            t.median_ms, t.p95_ms, t.cpu_median_ms, t.actions);
        if (only == "placement") return 0;
    }
    for (bool rolling : {false, true}) {
        if (only == (rolling ? "steady" : "rolling")) continue;
        auto p = build(services, per_service, 10, rolling);
        auto t = measure(p, rounds);
        std::printf(
            "reconcile %-8s %d services x %d tasks: median %.3f ms, p95 %.3f ms, median CPU "
            "%.3f ms (%zu actions)\n",
            rolling ? "rolling:" : "steady:", services, per_service, t.median_ms, t.p95_ms,
            t.cpu_median_ms, t.actions);
    }
    return 0;
}

// CPU time of one runtime sweep (runtime::due_tasks, the code Runtime runs on every pass under
// the Store's lock) over N tasks in the Store (issue 8's target: 5,000 tasks under 2 ms). No
// Docker engine is involved: the sweep only reads the Store. Prints numbers; asserts nothing.
//
//   build/sweep_bench [tasks] [rounds]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "berth/model/arn.hpp"
#include "berth/model/store.hpp"
#include "berth/model/task_factory.hpp"
#include "runtime/sweep.hpp"

namespace {

using namespace berth;

const model::PartitionKey k_key{"000000000000", "us-east-1"};

double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// The tutorial's sample-fargate definition with a sidecar that waits for the app to be healthy.
nlohmann::json definition_document() {
    return nlohmann::json::parse(R"({
        "family": "web", "revision": 1, "networkMode": "awsvpc", "cpu": "256", "memory": "512",
        "compatibilities": ["EC2", "FARGATE"], "requiresCompatibilities": ["FARGATE"],
        "containerDefinitions": [
            {"name": "app", "image": "httpd:latest", "essential": true,
             "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}],
             "healthCheck": {"command": ["CMD", "true"]}},
            {"name": "sidecar", "image": "busybox", "essential": false,
             "dependsOn": [{"containerName": "app", "condition": "HEALTHY"}]}]})");
}

void fill(model::Store& store, int tasks) {
    store.write(k_key, [&](model::Partition& p) {
        model::Cluster cluster;
        cluster.name = "bench";
        cluster.arn = model::cluster_arn(k_key, "bench");
        p.clusters["bench"] = cluster;
        model::TaskDefinition td;
        td.family = "web";
        td.revision = 1;
        td.arn = model::task_definition_arn(k_key, "web", 1);
        td.body = model::read_task_definition(definition_document());
        p.task_definitions["web"].push_back(td);
        for (int i = 0; i < tasks; ++i) {
            model::TaskLaunch launch;
            launch.launch_type = model::LaunchType::fargate;
            launch.network_configuration = model::read_network_configuration(
                {{"awsvpcConfiguration", {{"subnets", {"subnet-1"}}}}});
            launch.now = model::Clock::now();
            auto task = model::make_task(k_key, cluster, td, launch);
            // Steady state: every container created and running, as most tasks are.
            task.last_status = model::TaskStatus::running;
            task.sandbox_id = "pause-" + std::to_string(i);
            for (auto& c : task.containers) {
                c.runtime_id = "ctr-" + c.name + std::to_string(i);
                c.known_status = model::ContainerStatus::running;
            }
            p.tasks[task.arn] = std::move(task);
        }
    });
}

}  // namespace

int main(int argc, char** argv) {
    const int tasks = argc > 1 ? std::atoi(argv[1]) : 5000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 200;
    model::Store store;
    fill(store, tasks);
    runtime::SweepOptions options{model::Clock::now(), std::chrono::seconds(180),
                                  [](const std::string&) { return false; }};
    std::vector<double> ms;
    std::size_t due = 0;
    for (int r = 0; r < rounds; ++r) {
        const double start = cpu_ms();
        due = runtime::due_tasks(store, options).size();
        ms.push_back(cpu_ms() - start);
    }
    std::sort(ms.begin(), ms.end());
    std::printf(
        "sweep over %d tasks (%d rounds): CPU median %.3f ms, p90 %.3f ms, min %.3f ms; "
        "%zu due\n",
        tasks, rounds, ms[ms.size() / 2], ms[ms.size() * 9 / 10], ms.front(), due);
}

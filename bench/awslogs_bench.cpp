// The awslogs follower on the real engine (issue 9): lines per second from one container into
// the LogStore, and the delay from a line being written to it being readable in the store
// (the event's ingestion time less the engine's timestamp of the line; the Logs API reads the
// store as it is). Uses runtime::LogFollowers directly, no Berth API. Prints numbers; asserts
// nothing.
//
//   build/awslogs_bench [lines for the throughput run] [lines for the delay run]
//
// Needs docker/engine.sh and docker/test-images.sh (berth-test/busybox:latest).
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "berth/docker/client.hpp"
#include "berth/model/log_store.hpp"
#include "runtime/log_follower.hpp"

namespace {

using namespace berth;
using namespace std::chrono_literals;

const model::PartitionKey k_key{"000000000000", "us-east-1"};
constexpr const char* k_group = "bench";

struct Run {
    std::size_t events = 0;
    std::int64_t first_timestamp_ms = 0;
    std::int64_t last_ingestion_ms = 0;
    std::vector<std::int64_t> delays_ms;
};

// Runs `cmd` in a busybox container followed into a fresh store, until its output is drained.
Run run_container(docker::Client& docker, const std::string& name, const std::string& cmd,
                  std::size_t max_events) {
    model::LogStore store(max_events + 10);
    store.create_group(k_key, k_group);
    const nlohmann::json spec = {
        {"Image", "berth-test/busybox:latest"},
        {"Cmd", {"sh", "-c", cmd}},
        {"HostConfig",
         {{"LogConfig", {{"Type", "json-file"}, {"Config", nlohmann::json::object()}}}}}};
    const auto id = docker.container_create(name, spec);
    runtime::LogFollowers followers(store);
    docker.container_start(id);
    followers.follow("bench", docker, id, {k_key, k_group, name}, runtime::EventAssembler());
    docker.container_wait(id, 600s);
    followers.drain("bench", 60s);
    followers.forget("bench");
    docker.container_remove(id, true);

    Run run;
    store.read(k_key, [&](const model::LogPartition& p) {
        const auto& events = p.groups.at(k_group).streams.at(name).events;
        run.events = events.size();
        if (events.empty()) return;
        run.first_timestamp_ms = events.front().timestamp_ms;
        for (const auto& e : events) {
            run.last_ingestion_ms = std::max(run.last_ingestion_ms, e.ingestion_ms);
            run.delays_ms.push_back(e.ingestion_ms - e.timestamp_ms);
        }
    });
    return run;
}

std::int64_t percentile(std::vector<std::int64_t> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t burst = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 200'000;
    const std::size_t paced = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 200;
    docker::Client docker;
    const auto suffix = std::to_string(::getpid());

    // As fast as the container can write: busybox seq, one line per number.
    auto fast = run_container(docker, "berth-bench-awslogs-burst-" + suffix,
                              "seq 1 " + std::to_string(burst), burst);
    const auto span_ms =
        std::max<std::int64_t>(1, fast.last_ingestion_ms - fast.first_timestamp_ms);
    std::printf(
        "burst: %zu of %zu lines in the store, %.0f lines/s (first line written to last "
        "line stored: %lld ms)\n",
        fast.events, burst, 1000.0 * static_cast<double>(fast.events) / span_ms,
        static_cast<long long>(span_ms));

    // A line every 20 ms: the delay of each line on its own.
    auto slow = run_container(docker, "berth-bench-awslogs-paced-" + suffix,
                              "i=0; while [ $i -lt " + std::to_string(paced) +
                                  " ]; do echo paced-$i; i=$((i+1)); usleep 20000; done",
                              paced);
    std::printf(
        "paced: %zu of %zu lines; written → readable: median %lld ms, p99 %lld ms, max "
        "%lld ms\n",
        slow.events, paced, static_cast<long long>(percentile(slow.delays_ms, 0.5)),
        static_cast<long long>(percentile(slow.delays_ms, 0.99)),
        static_cast<long long>(percentile(slow.delays_ms, 1.0)));
    std::printf("burst delays: median %lld ms, p99 %lld ms\n",
                static_cast<long long>(percentile(fast.delays_ms, 0.5)),
                static_cast<long long>(percentile(fast.delays_ms, 0.99)));
    return 0;
}

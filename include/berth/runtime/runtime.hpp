#pragma once
// The runtime makes the Store's tasks real containers. It watches the Store (woken by every
// change, and by a periodic tick), works out the next step of each task that needs one, and
// carries it out on Docker from a bounded worker pool, never holding the Store's lock during a
// Docker call. What Docker reports — container exits, health, OOM kills, removals — comes back
// through each engine's event stream and is written into the Store within milliseconds.
//
//   model::Store store;
//   runtime::Runtime runtime(store, {.docker_hosts = {"unix:///var/run/docker.sock"}});
//   runtime.start();
//   ...                      // handlers write Task records; the runtime runs them
//   runtime.stop();          // stops and removes every container this Berth started
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "berth/model/container_stats.hpp"
#include "berth/model/store.hpp"
#include "berth/runtime/secret_sources.hpp"

namespace berth::model {
class LogStore;
}
#include "berth/model/task_endpoints.hpp"

namespace berth::runtime {

// What the code inside tasks is given (src/runtime/task_environment.hpp) and how it reaches
// the task endpoints at 169.254.170.2: a DNAT rule in each task's network namespace to a
// listener of Berth's on the gateway of the container's network.
struct TaskEndpointOptions {
    // Null: tasks get none of ECS's environment, no metadata, credentials or redirect.
    model::TaskEndpointIndex* index = nullptr;
    model::ContainerStatsStore* stats = nullptr;
    // Makes the task endpoints and the AWS APIs answer on `address` (a host address containers
    // reach: their network's gateway), once per address; the port, or nullopt when it cannot.
    std::function<std::optional<unsigned short>(const std::string& address)> listen_on;
    // AWS_ENDPOINT_URL: nullopt is Berth as the container reaches it, "" sets none.
    std::optional<std::string> aws_endpoint_url;
    // Berth's main listener as host-mode containers reach it, e.g. "http://127.0.0.1:4566".
    std::function<std::string()> host_mode_url;
    // The stats sampler: how often it samples, and for how long after a task's stats were
    // last asked for.
    std::chrono::milliseconds stats_interval{2000};
    std::chrono::seconds stats_demand_window{60};
};

struct RuntimeOptions {
    // The engines to drive, each a container instance of every cluster; the first also runs
    // FARGATE tasks.
    std::vector<std::string> docker_hosts = {"unix:///var/run/docker.sock"};
    // The GPUs of each engine (--gpus: host → device ids), registered when the engine lists
    // the nvidia runtime.
    std::map<std::string, std::vector<std::string>> gpus;
    // The zone letter of each engine (--zone: host → letter); the others take a, b, c, ... by
    // their place in docker_hosts.
    std::map<std::string, char> zones;
    // How long a stopped task keeps its containers (for logs and inspection) before they are
    // removed. The task itself stays describable in the Store.
    std::chrono::seconds stopped_task_retention{180};
    // Docker calls in flight at once (task starts, stops, removals).
    std::size_t workers = 8;
    // Labels every container of this Berth; "" makes a new random id. A given one is also
    // swept at start(): its containers from an earlier run are stopped and removed (unless
    // `adopt`).
    std::string instance_id;
    // --state-dir: the Store was read back, and the containers of its tasks outlive Berth.
    // start() adopts what an earlier run of `instance_id` left (runtime/adoption_plan.hpp) in
    // place of the sweep; stop() leaves the containers running, as the ECS agent does.
    bool adopt = false;
    // The bridge network that holds awsvpc tasks' sandboxes.
    std::string awsvpc_network = "berth-awsvpc";
    // Where EFS volumes live: each fileSystemId is the directory EFS_DIR/<fileSystemId> on
    // Berth's host, kept across tasks and restarts (the app's DATA_DIR/efs). "": a task with
    // an EFS volume stops with ResourceInitializationError.
    std::string efs_dir;
    // Where each task's FireLens router gets its generated configuration and its log socket:
    // FIRELENS_DIR/<task id> (the app's DATA_DIR/firelens), removed with the task's containers.
    // Keep it short: the socket's path must fit a unix socket address (108 bytes).
    std::string firelens_dir;
    // How often the runtime looks again without being woken (dependency timeouts, retention).
    std::chrono::milliseconds tick{1000};
    // At stop(), how long each container gets between SIGTERM and SIGKILL.
    std::chrono::seconds shutdown_stop_timeout{10};
    // Where containers whose logConfiguration says awslogs write their output (owned by the
    // app, outliving the runtime); null: such containers log to the engine only.
    model::LogStore* log_store = nullptr;
    // Where tasks' secrets are read when they start.
    SecretSources secret_sources;
    TaskEndpointOptions task_endpoints;
    // The resolver of containers on a Docker network whose gateway is `gateway` (a host address
    // they reach): a DNS server of Berth's on gateway:53, bound on first use (edge/dns), named
    // in their HostConfig.Dns; nullopt leaves Docker's. Null: tasks keep Docker's resolver.
    // Asked for local engines only, before each bridge task's containers and each awsvpc
    // sandbox are created.
    std::function<std::optional<std::string>(const std::string& gateway)> dns_on;
};

class Runtime {
  public:
    // Throws std::invalid_argument for a docker host the client cannot speak to.
    Runtime(model::Store& store, RuntimeOptions options = {});
    ~Runtime();  // stop()
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    // Connects to the engines (an engine that does not answer is retried in the background;
    // Berth serves all the same) and starts the worker threads.
    void start();
    // Stops the threads, then (unless `adopt`) stops and removes every container and task
    // volume this Berth instance started. Idempotent.
    void stop();

    const std::string& instance_id() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace berth::runtime

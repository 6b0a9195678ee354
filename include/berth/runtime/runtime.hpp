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
#include <memory>
#include <string>
#include <vector>

#include "berth/model/store.hpp"
#include "berth/runtime/secret_sources.hpp"

namespace berth::model {
class LogStore;
}

namespace berth::runtime {

struct RuntimeOptions {
    // The engines to drive, each a container instance of every cluster; the first also runs
    // FARGATE tasks.
    std::vector<std::string> docker_hosts = {"unix:///var/run/docker.sock"};
    // How long a stopped task keeps its containers (for logs and inspection) before they are
    // removed. The task itself stays describable in the Store.
    std::chrono::seconds stopped_task_retention{180};
    // Docker calls in flight at once (task starts, stops, removals).
    std::size_t workers = 8;
    // Labels every container of this Berth; "" makes a new random id.
    std::string instance_id;
    // The bridge network that holds awsvpc tasks' sandboxes.
    std::string awsvpc_network = "berth-awsvpc";
    // How often the runtime looks again without being woken (dependency timeouts, retention).
    std::chrono::milliseconds tick{1000};
    // At stop(), how long each container gets between SIGTERM and SIGKILL.
    std::chrono::seconds shutdown_stop_timeout{10};
    // Where containers whose logConfiguration says awslogs write their output (owned by the
    // app, outliving the runtime); null: such containers log to the engine only.
    model::LogStore* log_store = nullptr;
    // Where tasks' secrets are read when they start.
    SecretSources secret_sources;
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
    // Stops the threads, then stops and removes every container and task volume this Berth
    // instance started. Idempotent.
    void stop();

    const std::string& instance_id() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace berth::runtime

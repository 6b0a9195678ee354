#pragma once
// The endpoints ECS serves to the code inside a task at 169.254.170.2 (the runtime redirects
// that address, inside each task's network namespace, to a listener of Berth's):
//
//   GET /v4/<id>               the container's metadata      (v3 alike, fewer members)
//   GET /v4/<id>/task          the task's metadata
//   GET /v4/<id>/stats         the container's Docker stats
//   GET /v4/<id>/task/stats    every container's Docker stats, by Docker id
//   GET /v2/credentials/<id>   the task role's temporary credentials
//   GET|PUT /api/<id>/task-protection/v1/state   the task's scale-in protection ($ECS_AGENT_URI)
//
// The path's id names the container (metadata) or the task (credentials); an unknown id gets
// the agent's error. Everything is read from the Store (written only by the protection PUT),
// the TaskEndpointIndex the runtime keeps and the stats it samples: the edge never calls Docker.
#include <chrono>
#include <memory>
#include <optional>

#include "berth/http/message.hpp"
#include "berth/model/container_stats.hpp"
#include "berth/model/credentials.hpp"
#include "berth/model/store.hpp"
#include "berth/model/task_endpoints.hpp"

namespace berth::edge {

struct TaskEndpointsDeps {
    model::Store& store;
    const model::TaskEndpointIndex& index;
    model::ContainerStatsStore& stats;
    model::CredentialStore& credentials;
    // How long a stats request waits for the sampler's first sample of a container.
    std::chrono::milliseconds first_sample_wait{3000};
};

class TaskEndpoints {
  public:
    explicit TaskEndpoints(TaskEndpointsDeps deps);
    ~TaskEndpoints();
    TaskEndpoints(const TaskEndpoints&) = delete;
    TaskEndpoints& operator=(const TaskEndpoints&) = delete;

    // True for the paths above (any method): the caller sends the rest to the AWS APIs.
    static bool serves(const http::Request& request);
    // The answer to a request serves() accepted. Never throws.
    http::Response handle(const http::Request& request) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace berth::edge

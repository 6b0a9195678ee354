#pragma once
// What the endpoints at 169.254.170.2 need to know about a task beyond the Store: the ids
// ECS hands its containers (one per container for the metadata paths /v3/<id> and /v4/<id>,
// one per task for /v2/credentials/<id>), the Docker names and labels the runtime gave the
// containers, and the network each container sees. The runtime writes an entry when it
// creates a task's containers and forgets it when it releases them; the edge reads it on every
// request. Its own mutex, apart from the Store's, so metadata requests never contend with the
// ECS loops.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"

namespace berth::model {

// A network as Docker reports it: a bridge container's own, or an awsvpc task's sandbox.
struct EndpointNetwork {
    std::string ipv4_address;
    std::string gateway;
    int prefix_length = 0;
    std::string mac_address;
};

// What Docker reported of a container once it started.
struct StartedContainer {
    EndpointNetwork network;  // empty for awsvpc (the task's sandbox holds it) and host
    std::string created_at;   // RFC 3339, as Docker reports it
    std::string started_at;
};

struct EndpointContainer {
    std::string name;         // the ECS container name
    std::string metadata_id;  // /v3/<id> and /v4/<id>
    std::string docker_name;  // ecs-<family>-<revision>-<name>-<hex>
    nlohmann::json labels = nlohmann::json::object();
    StartedContainer started;
};

struct TaskEndpoints {
    PartitionKey partition;
    std::string task_arn;
    std::string task_id;
    std::string network_mode;    // bridge | host | none | awsvpc
    std::string role_arn;        // the task role; "" when the task has none
    std::string credentials_id;  // /v2/credentials/<id>; "" when the task has no role
    EndpointNetwork sandbox;     // awsvpc: the pause container's network
    std::vector<EndpointContainer> containers;  // in definition order
};

class TaskEndpointIndex {
  public:
    // Adds or replaces the task's entry (a retried create makes new ids).
    void put(TaskEndpoints task);
    // Records what Docker reported of a container after it started.
    void set_started(const std::string& task_arn, const std::string& container_name,
                     StartedContainer started);
    void forget(const std::string& task_arn);

    // The task whose container has this metadata id, and that container's name.
    struct ContainerMatch {
        TaskEndpoints task;
        std::string container_name;
    };
    std::optional<ContainerMatch> by_metadata_id(std::string_view id) const;
    std::optional<TaskEndpoints> by_credentials_id(std::string_view id) const;
    std::optional<TaskEndpoints> by_task_arn(const std::string& task_arn) const;

  private:
    mutable std::mutex mutex_;
    std::map<std::string, TaskEndpoints> by_arn_;
    std::map<std::string, std::string, std::less<>> metadata_ids_;     // id → task ARN
    std::map<std::string, std::string, std::less<>> credentials_ids_;  // id → task ARN
};

}  // namespace berth::model

#pragma once
// What a task becomes on Docker: the container create bodies, the volumes to provide and the
// start/stop rules of each container. A pure mapping from the ECS task definition document and
// the task (its overrides, its task-level cpu/memory); the runtime executes it.
#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"
#include "berth/model/failure.hpp"
#include "berth/model/service_connect_redirects.hpp"
#include "berth/model/task.hpp"
#include "berth/model/task_definition.hpp"

namespace berth::runtime {

struct TaskSecrets;

// Labels on everything Berth creates: the ECS agent's, so tools that know ECS recognise the
// containers, and Berth's own, so one Berth instance can find (and clean up) what it started.
namespace label {
inline constexpr const char* cluster = "com.amazonaws.ecs.cluster";
inline constexpr const char* task_arn = "com.amazonaws.ecs.task-arn";
inline constexpr const char* container_name = "com.amazonaws.ecs.container-name";
inline constexpr const char* family = "com.amazonaws.ecs.task-definition-family";
inline constexpr const char* version = "com.amazonaws.ecs.task-definition-version";
inline constexpr const char* partition = "berth.partition";  // "<account>/<region>"
inline constexpr const char* instance = "berth.instance";    // the Berth instance id
inline constexpr const char* role = "berth.role";            // "task" | "sandbox"
}  // namespace label

// The name the ECS agent gives its pause container; Berth uses it for the awsvpc sandbox.
inline constexpr const char* k_sandbox_container_name = "~internal~ecs~pause";

// A task definition the runtime cannot express on Docker (e.g. an FSx volume), and the failure
// class ECS gives the task for it (most are CannotCreateContainerError).
class SpecError : public std::runtime_error {
  public:
    explicit SpecError(const std::string& what,
                       model::FailureClass failure = model::FailureClass::cannot_create_container)
        : std::runtime_error(what), failure_(failure) {}
    model::FailureClass failure() const { return failure_; }

  private:
    model::FailureClass failure_;
};

using model::DependencyCondition;
using Dependency = model::ContainerDependency;

// How a container takes part in its task's lifecycle: what must happen before it starts, and
// whether its exit ends the task.
struct ContainerRules {
    std::string name;
    bool essential = true;
    bool has_health_check = false;
    std::vector<Dependency> depends_on;  // dependsOn, plus links (a linked container must run)
    std::optional<std::chrono::seconds> start_timeout;
    std::chrono::seconds stop_timeout{30};
};

// A container's rules: its dependsOn, plus a START dependency on each container it links to
// and, when it logs to awsfirelens, on the task's FireLens router (unless the router itself
// depends on others, as the agent does). `containers`: all of the task definition's.
ContainerRules rules_of(const model::ContainerDefinition& container,
                        const std::vector<model::ContainerDefinition>& containers);
// The rules of every container of a task definition, in definition order.
std::vector<ContainerRules> container_rules(const model::TaskDefinitionBody& task_definition);

struct ContainerSpec {
    std::string name;         // the ECS container name
    std::string docker_name;  // ecs-<family>-<revision>-<name>-<hex>, as the agent names them
    std::string image;
    nlohmann::json create_body;  // Engine API body of POST /containers/create
    ContainerRules rules;
};

struct VolumeSpec {
    std::string name;  // the Docker volume name
    std::string driver = "local";
    nlohmann::json driver_opts = nlohmann::json::object();
    nlohmann::json labels = nlohmann::json::object();
    bool task_scoped = true;  // created for this task and removed with it; else shared
};

// What an engine has to give: `docker info`'s NCPU and MemTotal.
struct EngineCapacity {
    int ncpu = 0;
    long long mem_total_bytes = 0;
};

struct TaskEnvironment;  // task_environment.hpp: what ECS adds to every container's environment

// A FireLens router's files on Berth's host, under SpecInput::firelens_dir/<task id> (the
// agent's /var/lib/ecs/data/firelens/<task id>), made before any container is created.
struct FirelensFiles {
    std::string dir;
    std::string config_text;  // config/fluent.conf

    std::string config_file() const { return dir + "/config/fluent.conf"; }
    std::string socket_dir() const { return dir + "/socket/"; }
    std::string socket() const { return dir + "/socket/fluent.sock"; }
};

struct TaskSpec {
    std::string network_mode;         // bridge | host | none | awsvpc
    std::string task_role_arn;        // the task's role (overrides first); "" when none
    std::vector<VolumeSpec> volumes;  // Docker volumes to ensure before creating containers
    // Host directories to make (when missing) before creating containers: EFS file systems.
    std::vector<std::string> host_directories;
    std::optional<FirelensFiles> firelens;  // when a container is the task's log router
    // In creation order: a container comes after those it takes volumes from or links to.
    std::vector<ContainerSpec> containers;
    // A Fargate size beyond the engine: the Docker limits were lowered to what it has.
    bool limits_clamped = false;
    // Service Connect client alias ports to redirect to the container ports in an awsvpc
    // task's network namespace (Berth runs no proxy to listen on them).
    std::vector<model::PortRedirect> port_redirects;
};

struct SpecInput {
    const model::Task& task;
    const model::TaskDefinitionBody& task_definition;
    model::PartitionKey partition;
    std::string instance_id;  // this Berth instance
    std::string sandbox_id;   // the task's pause container ("" when it needs none)
    // Makes names unique (a random hex string in production, a counter in tests).
    std::function<std::string()> unique_suffix;
    // The values of the task's secrets, read when it started (task_secrets.hpp); null: none.
    const TaskSecrets* secrets = nullptr;
    // The environment ECS adds to each container; null adds none.
    const TaskEnvironment* environment = nullptr;
    // The resolver Berth gives the task (HostConfig.Dns of bridge containers and of the awsvpc
    // sandbox, unless a container sets dnsServers): its DNS server on the network's gateway.
    std::optional<std::string> resolver = std::nullopt;
    // Where EFS file systems live on the host (RuntimeOptions::efs_dir); "": nowhere.
    std::string efs_dir = {};
    // Where FireLens routers' files live on the host (RuntimeOptions::firelens_dir); "": a
    // task with a router stops with ResourceInitializationError.
    std::string firelens_dir = {};
    // The engine's CPUs and memory. A FARGATE task's limits are lowered to them: Fargate runs
    // any valid size, so a size bigger than this host still runs (slower, or tighter).
    std::optional<EngineCapacity> capacity = std::nullopt;
    // The Service Connect endpoints of the service deployment that started the task; null:
    // none (not a service task, or Service Connect is off).
    const std::vector<model::ServiceConnectEndpoint>* service_connect = nullptr;
};

// Throws SpecError when the definition cannot run on Docker.
TaskSpec make_task_spec(const SpecInput& in);

// The sandbox (pause) container of a task: on the Berth-managed network for awsvpc (it holds
// the task's network namespace), else on no network, holding the PID and IPC namespaces of
// pidMode and ipcMode `task` (the agent's namespace pause container). `network` "" means none.
ContainerSpec make_sandbox_spec(const SpecInput& in, const std::string& image,
                                const std::string& network);

// Whether the task needs a sandbox: awsvpc, or namespaces its containers share.
bool needs_sandbox(const model::Task& task, const model::TaskDefinitionBody& task_definition);

// bridge | host | none | awsvpc: FARGATE is always awsvpc; EC2 defaults to bridge.
model::NetworkMode network_mode_of(const model::Task& task,
                                   const model::TaskDefinitionBody& task_definition);

// The labels every Berth container of this task carries (container-name aside).
nlohmann::json task_labels(const model::Task& task, const model::PartitionKey& partition,
                           const std::string& instance_id);

// Twenty random hex characters, as the agent's container name suffix.
std::string random_suffix();

}  // namespace berth::runtime

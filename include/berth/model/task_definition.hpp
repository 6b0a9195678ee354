#pragma once
// A registered task definition revision: parsed once, at registration, into typed values that
// the scheduler, the runtime and the handlers read, beside the ECS document itself kept as its
// compact text (DescribeTaskDefinition parses it again; nothing else needs it). The typed body
// never changes after registration and is shared: a reader copies a pointer, not a document,
// and revisions registered from the same document (a pipeline registering a new revision of an
// unchanged definition) share one body.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"
#include "berth/model/kinds.hpp"
#include "berth/model/names.hpp"
#include "berth/model/placement.hpp"
#include "berth/model/statuses.hpp"

namespace berth::model {

enum class DependencyCondition : std::uint8_t { start, complete, success, healthy };
template <>
inline constexpr NameTable<DependencyCondition, 4> k_names<DependencyCondition>{{{
    {DependencyCondition::start, "START"},
    {DependencyCondition::complete, "COMPLETE"},
    {DependencyCondition::success, "SUCCESS"},
    {DependencyCondition::healthy, "HEALTHY"},
}}};

struct PortMapping {
    std::optional<int> container_port;
    std::optional<int> host_port;      // 0 or absent: dynamic (bridge)
    std::string protocol = "tcp";      // tcp | udp
    std::string container_port_range;  // "a-b", instead of container_port
    std::string name;                  // what Service Connect's portName refers to
};

struct ContainerDependency {
    std::string container;
    DependencyCondition condition = DependencyCondition::start;
};

struct NameValue {
    std::string name;
    std::string value;
    bool operator==(const NameValue&) const = default;
};

// A secret as a container definition names it (`secrets`, `secretOptions`); resolved from
// Secrets Manager or SSM when the task starts (model::Secret is a Secrets Manager secret).
struct SecretReference {
    std::string name;
    std::string value_from;
};

struct LogConfiguration {
    std::string driver;  // logDriver
    std::vector<NameValue> options;
    std::vector<SecretReference> secret_options;
};
// A LogConfiguration document (a container's, or Service Connect's) and back.
LogConfiguration read_log_configuration(const nlohmann::json& doc);
nlohmann::json to_json(const LogConfiguration& log);

// firelensConfiguration: the container is the task's FireLens log router, of this type.
enum class FirelensType : std::uint8_t { fluentbit, fluentd };
template <>
inline constexpr NameTable<FirelensType, 2> k_names<FirelensType>{{{
    {FirelensType::fluentbit, "fluentbit"},
    {FirelensType::fluentd, "fluentd"},
}}};

struct FirelensConfiguration {
    FirelensType type = FirelensType::fluentbit;
    std::vector<NameValue> options;  // enable-ecs-log-metadata, config-file-type, ...
};

// The log driver that routes a container's output through the task's FireLens router.
inline constexpr std::string_view k_awsfirelens_driver = "awsfirelens";

struct MountPoint {
    std::string source_volume;
    std::string container_path;
    bool read_only = false;
};

struct VolumeFrom {
    std::string source_container;
    bool read_only = false;
};

struct HealthCheck {
    std::vector<std::string> command;
    int interval = 30;  // seconds, ECS's defaults
    int timeout = 5;
    int retries = 3;
    int start_period = 0;
};

struct ContainerDefinition {
    std::string name;
    std::string image;
    bool essential = true;
    int cpu = 0;                            // CPU units
    std::optional<int> memory;              // hard limit, MiB
    std::optional<int> memory_reservation;  // soft limit, MiB
    int gpus = 0;  // resourceRequirements of type GPU: whole GPUs placement pins to it
    std::vector<PortMapping> port_mappings;
    std::vector<ContainerDependency> depends_on;
    std::vector<std::string> links;  // "name[:alias]"
    std::optional<HealthCheck> health_check;
    std::optional<std::chrono::seconds> start_timeout;
    std::optional<std::chrono::seconds> stop_timeout;
    std::vector<NameValue> environment;
    std::vector<SecretReference> secrets;
    std::optional<LogConfiguration> log_configuration;
    std::optional<FirelensConfiguration> firelens_configuration;  // the task's log router
    std::string credentials_parameter;           // repositoryCredentials: a secret's ARN or name
    std::vector<std::string> environment_files;  // environmentFiles[].value: S3 object ARNs
    std::vector<MountPoint> mount_points;
    std::vector<VolumeFrom> volumes_from;
    std::string user;
    std::string working_directory;
    std::vector<std::string> command;
    std::vector<std::string> entry_point;

    bool logs_to_firelens() const {
        return log_configuration && log_configuration->driver == k_awsfirelens_driver;
    }
};

// The container with a firelensConfiguration (ECS allows one per task); null when none.
const ContainerDefinition* firelens_router(const std::vector<ContainerDefinition>& containers);

struct RuntimePlatform {
    std::string cpu_architecture;         // X86_64 | ARM64 | "" (not given)
    std::string operating_system_family;  // LINUX, WINDOWS_SERVER_..., ""

    // The ecs.os-type (Docker's OSType) of the engines that run it: "windows" for the
    // WINDOWS_SERVER_... families, "linux" for LINUX, "" (any) when no family is given, as ECS's
    // Windows instances run the definitions written before runtimePlatform existed.
    std::string os_type() const {
        if (operating_system_family.empty()) return "";
        return operating_system_family.starts_with("WINDOWS") ? "windows" : "linux";
    }
};

// What Berth acts on, read from the ECS document once; `document` is that document.
struct TaskDefinitionBody {
    std::optional<std::int64_t> cpu;          // task-level CPU units
    std::optional<std::int64_t> memory;       // task-level MiB
    std::optional<NetworkMode> network_mode;  // absent: bridge (network_mode() below)
    std::optional<NamespaceMode> pid_mode;    // absent: each container its own
    std::optional<NamespaceMode> ipc_mode;    // absent: the engine's default
    std::vector<LaunchType> compatibilities;  // computed by ECS at registration
    std::vector<LaunchType> requires_compatibilities;
    RuntimePlatform runtime_platform;
    std::optional<int> ephemeral_storage_gib;
    std::vector<ContainerDefinition> containers;
    std::vector<PlacementConstraint> placement_constraints;
    // The ECS TaskDefinition document as compact JSON text, without the members that name the
    // revision (family, revision, taskDefinitionArn): the TaskDefinition holds those.
    std::string document;

    // ECS's Linux default when the definition names no mode.
    NetworkMode network_mode_or_default() const {
        return network_mode.value_or(NetworkMode::bridge);
    }
    bool compatible_with(LaunchType t) const;
    // pidMode or ipcMode `task`: the containers share namespaces a pause container holds.
    bool shares_task_namespaces() const {
        return pid_mode == NamespaceMode::task || ipc_mode == NamespaceMode::task;
    }
    const ContainerDefinition* container(std::string_view name) const;
};

// Reads a normalized ECS TaskDefinition document (DescribeTaskDefinition's shape). Unknown
// enum texts are left unset; registration has validated the document before. Returns the body
// of an earlier registration when the document is the same but for the revision's names.
std::shared_ptr<const TaskDefinitionBody> read_task_definition(const nlohmann::json& document);

// A member added here must be added to persist's same_revision (src/persist/image.cpp) too.
struct TaskDefinition {
    std::string arn;
    std::string family;
    int revision = 0;
    TaskDefinitionStatus status = TaskDefinitionStatus::active;
    std::shared_ptr<const TaskDefinitionBody> body;  // never null once stored
    Tags tags;
    TimePoint registered_at;
    std::optional<TimePoint> deregistered_at;
    std::optional<TimePoint> delete_requested_at;  // DeleteTaskDefinitions
    std::uint64_t seq = 0;

    // The ECS document as registered (parsed from the body's text, with this revision's family,
    // revision and ARN put back: for DescribeTaskDefinition).
    nlohmann::json document() const;
};

}  // namespace berth::model

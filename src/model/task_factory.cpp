#include "berth/model/task_factory.hpp"

#include <optional>
#include <string_view>

#include "berth/model/arn.hpp"
#include "json_members.hpp"

namespace berth::model {

namespace {

using nlohmann::json;

using namespace json_members;

const json* find_container_override(const json& overrides, const std::string& name) {
    const auto& list = member(overrides, "containerOverrides");
    if (!list.is_array()) return nullptr;
    for (const auto& o : list) {
        if (o.is_object() && o.value("name", "") == name) return &o;
    }
    return nullptr;
}

// ECS echoes every container in `overrides.containerOverrides` (just its name when nothing
// was overridden) and always reports `inferenceAcceleratorOverrides`.
json normalized_overrides(const TaskDefinition& td, const json& requested) {
    json out = json::object();
    json containers = json::array();
    for (const auto& def : td.body->containers) {
        const auto& name = def.name;
        json entry = json::object();
        if (const auto* o = find_container_override(requested, name)) entry = *o;
        entry["name"] = name;
        containers.push_back(std::move(entry));
    }
    out["containerOverrides"] = std::move(containers);
    const auto& accel = member(requested, "inferenceAcceleratorOverrides");
    out["inferenceAcceleratorOverrides"] = accel.is_array() ? accel : json::array();
    for (const char* key :
         {"cpu", "memory", "taskRoleArn", "executionRoleArn", "ephemeralStorage"}) {
        const auto& v = member(requested, key);
        if (!v.is_null()) out[key] = v;
    }
    return out;
}

TaskContainer make_container(const PartitionKey& p, const Task& task,
                             const ContainerDefinition& def, const json& overrides) {
    TaskContainer c;
    c.name = def.name;
    c.arn = container_arn(p, task.cluster_name, task.id, new_uuid());
    c.image = def.image;
    c.essential = def.essential;
    c.has_health_check = def.health_check.has_value();
    const json* o = find_container_override(overrides, c.name);
    auto cpu = (o ? int_member(*o, "cpu") : std::nullopt);
    c.cpu = std::to_string(cpu.value_or(def.cpu));
    c.memory = o ? int_member(*o, "memory") : std::nullopt;
    if (!c.memory) c.memory = def.memory;
    c.memory_reservation = o ? int_member(*o, "memoryReservation") : std::nullopt;
    if (!c.memory_reservation) c.memory_reservation = def.memory_reservation;
    return c;
}

// The ENI of an awsvpc task before it exists: ECS reports it PRECREATED with the subnet it
// will live in; the runtime fills in the interface's id, address and MAC once attached.
json eni_attachment(const std::optional<AwsVpcConfiguration>& awsvpc, std::size_t index) {
    json details = json::array();
    if (awsvpc && !awsvpc->subnets.empty()) {
        const auto& subnets = awsvpc->subnets;
        details.push_back({{"name", "subnetId"}, {"value", subnets[index % subnets.size()]}});
    }
    return {{"id", new_uuid()},
            {"type", "ElasticNetworkInterface"},
            {"status", "PRECREATED"},
            {"details", std::move(details)}};
}

Tags task_tags(const Cluster& cluster, const TaskDefinition& td, const TaskLaunch& launch) {
    Tags tags;
    if (launch.propagate_tags == PropagateTags::task_definition) merge_tags(tags, td.tags);
    if (launch.propagate_tags == PropagateTags::service) merge_tags(tags, launch.service_tags);
    merge_tags(tags, launch.tags);
    if (launch.enable_ecs_managed_tags) {
        merge_tags(tags, {{"aws:ecs:clusterName", cluster.name}});
        if (!launch.service_name.empty()) {
            merge_tags(tags, {{"aws:ecs:serviceName", launch.service_name}});
        }
    }
    return tags;
}

void apply_fargate_fields(Task& task, const TaskDefinition& td, const TaskLaunch& launch) {
    task.platform_version = (launch.platform_version.empty() || launch.platform_version == "LATEST")
                                ? k_fargate_latest_platform_version
                                : launch.platform_version;
    task.platform_family = "Linux";
    const auto& arch = td.body->runtime_platform.cpu_architecture;
    task.attributes = json::array(
        {{{"name", "ecs.cpu-architecture"}, {"value", arch == "ARM64" ? "arm64" : "x86_64"}}});
    json storage = member(task.overrides, "ephemeralStorage");
    if (storage.is_null()) storage = {{"sizeInGiB", td.body->ephemeral_storage_gib.value_or(20)}};
    task.ephemeral_storage = storage;
}

}  // namespace

std::string network_mode_of(const TaskDefinition& td) {
    return std::string(to_string(td.body->network_mode_or_default()));
}

std::string container_arn(const PartitionKey& p, std::string_view cluster, std::string_view task_id,
                          std::string_view container_id) {
    return ecs_arn(p, "container/" + std::string(cluster) + "/" + std::string(task_id) + "/" +
                          std::string(container_id));
}

void place_on(TaskLaunch& launch, const ContainerInstance& instance) {
    launch.container_instance_arn = instance.arn;
    launch.availability_zone = attribute_value(instance, "ecs.availability-zone").value_or("");
}

void place_on(Task& task, const ContainerInstance& instance) {
    task.container_instance_arn = instance.arn;
    if (auto zone = attribute_value(instance, "ecs.availability-zone"); zone && !zone->empty()) {
        task.availability_zone = *zone;
    }
}

Task make_task(const PartitionKey& partition, const Cluster& cluster, const TaskDefinition& td,
               const TaskLaunch& launch) {
    Task task;
    task.id = launch.task_id.empty() ? new_task_id() : launch.task_id;
    task.cluster_name = cluster.name;
    task.cluster_arn = cluster.arn;
    task.arn = task_arn(partition, cluster.name, task.id);
    task.task_definition_arn = td.arn;
    task.family = td.family;
    task.revision = td.revision;
    task.launch_type = launch.launch_type;
    task.capacity_provider_name = launch.capacity_provider_name;
    task.container_instance_arn = launch.container_instance_arn;
    task.started_by = launch.started_by;
    task.group = launch.group.empty() ? "family:" + td.family : launch.group;
    task.service_name = launch.service_name;
    task.deployment_id = launch.deployment_id;
    task.enable_execute_command = launch.enable_execute_command;
    task.availability_zone =
        launch.availability_zone.empty() ? partition.region + "a" : launch.availability_zone;
    task.overrides = normalized_overrides(td, launch.overrides);

    auto cpu = string_member(launch.overrides, "cpu");
    task.cpu = cpu.empty() && td.body->cpu ? std::to_string(*td.body->cpu) : cpu;
    auto memory = string_member(launch.overrides, "memory");
    task.memory = memory.empty() && td.body->memory ? std::to_string(*td.body->memory) : memory;

    for (const auto& def : td.body->containers) {
        task.containers.push_back(make_container(partition, task, def, launch.overrides));
    }
    pin_gpus(task, launch.gpus);

    // Only awsvpc tasks have a provisioning step (their ENI); the others start out PENDING.
    const bool awsvpc = td.body->network_mode_or_default() == NetworkMode::awsvpc;
    task.last_status = awsvpc ? TaskStatus::provisioning : TaskStatus::pending;
    task.desired_status = TaskStatus::running;
    if (awsvpc) {
        if (launch.network_configuration) {
            task.network_configuration = launch.network_configuration->awsvpc;
        }
        task.attachments = json::array({eni_attachment(task.network_configuration, launch.index)});
    }
    if (task.launch_type == LaunchType::fargate) apply_fargate_fields(task, td, launch);

    for (const auto& lb : launch.load_balancers) {
        if (!lb.target_group_arn || !lb.container_name || !lb.container_port) continue;
        TaskTarget target;
        target.target_group_arn = *lb.target_group_arn;
        target.container_name = *lb.container_name;
        target.container_port = *lb.container_port;
        task.targets.push_back(std::move(target));
    }
    task.tags = task_tags(cluster, td, launch);
    task.version = 1;
    task.created_at = launch.now;
    return task;
}

void pin_gpus(Task& task, const GpuAssignment& gpus) {
    for (auto& c : task.containers) {
        auto found = gpus.find(c.name);
        c.gpu_ids = found == gpus.end() ? std::vector<std::string>{} : found->second;
    }
}

}  // namespace berth::model

#include "api/ecs/tasks_serialize.hpp"

#include <optional>
#include <string>

#include "api/ecs/serialize.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;

void put_string(json& out, const char* key, const std::string& value) {
    if (!value.empty()) out[key] = value;
}

void put_time(json& out, const char* key, const std::optional<model::TimePoint>& t) {
    if (t) out[key] = timestamp(*t);
}

void put_json(json& out, const char* key, const json& value) {
    if (!value.is_null() && !value.empty()) out[key] = value;
}

}  // namespace

json container_json(const model::Task& task, const model::TaskContainer& c) {
    json out{
        {"containerArn", c.arn},
        {"taskArn", task.arn},
        {"name", c.name},
        {"image", c.image},
        {"lastStatus", std::string(model::api_name(c.known_status))},
        {"networkBindings", c.network_bindings.is_array() ? c.network_bindings : json::array()},
        {"networkInterfaces",
         c.network_interfaces.is_array() ? c.network_interfaces : json::array()},
        {"healthStatus", std::string(model::to_string(c.health))},
        {"cpu", c.cpu.empty() ? "0" : c.cpu}};
    put_string(out, "imageDigest", c.image_digest);
    put_string(out, "runtimeId", c.runtime_id);
    if (c.exit_code) out["exitCode"] = *c.exit_code;
    put_string(out, "reason", c.reason);
    if (c.memory) out["memory"] = std::to_string(*c.memory);
    if (c.memory_reservation) out["memoryReservation"] = std::to_string(*c.memory_reservation);
    if (!c.gpu_ids.empty()) out["gpuIds"] = c.gpu_ids;
    return out;
}

json task_json(const model::Task& task, bool with_tags) {
    json containers = json::array();
    for (const auto& c : task.containers) containers.push_back(container_json(task, c));
    json out{{"taskArn", task.arn},
             {"clusterArn", task.cluster_arn},
             {"taskDefinitionArn", task.task_definition_arn},
             {"overrides", task.overrides.is_object() ? task.overrides : json::object()},
             {"lastStatus", std::string(model::to_string(task.last_status))},
             {"desiredStatus", std::string(model::to_string(task.desired_status))},
             {"containers", std::move(containers)},
             {"version", task.version},
             {"createdAt", timestamp(task.created_at)},
             {"group", task.group},
             {"launchType", std::string(model::to_string(task.launch_type))},
             {"attachments", task.attachments.is_array() ? task.attachments : json::array()},
             {"healthStatus", std::string(model::to_string(task.health))},
             {"enableExecuteCommand", task.enable_execute_command}};
    put_string(out, "containerInstanceArn", task.container_instance_arn);
    put_string(out, "cpu", task.cpu);
    put_string(out, "memory", task.memory);
    put_string(out, "startedBy", task.started_by);
    put_string(out, "stoppedReason", task.stopped_reason);
    // ECS omits stopCode until the task is stopping.
    if (task.stop_code != model::StopCode::none) {
        out["stopCode"] = std::string(model::to_string(task.stop_code));
    }
    put_string(out, "connectivity", task.connectivity);
    put_time(out, "connectivityAt", task.connectivity_at);
    put_time(out, "pullStartedAt", task.pull_started_at);
    put_time(out, "pullStoppedAt", task.pull_stopped_at);
    put_time(out, "executionStoppedAt", task.execution_stopped_at);
    put_time(out, "startedAt", task.started_at);
    put_time(out, "stoppingAt", task.stopping_at);
    put_time(out, "stoppedAt", task.stopped_at);
    put_string(out, "capacityProviderName", task.capacity_provider_name);
    put_string(out, "platformVersion", task.platform_version);
    put_string(out, "platformFamily", task.platform_family);
    put_string(out, "availabilityZone", task.availability_zone);
    put_json(out, "attributes", task.attributes);
    if (task.ephemeral_storage.is_object()) {
        out["ephemeralStorage"] = task.ephemeral_storage;
        out["fargateEphemeralStorage"] = task.ephemeral_storage;
    }
    if (with_tags) out["tags"] = tags_json(task.tags);
    return out;
}

}  // namespace berth::api::ecs

// validate_task_definition and fargate_problem: ECS's registration rules, with ECS's error
// types and messages where they are known.
#include <algorithm>
#include <set>
#include <string>

#include "api/ecs/fargate.hpp"
#include "api/ecs/task_definition_document.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
namespace errors = protocol::errors;

bool is_ecs_name(const std::string& s) {
    return !s.empty() && s.size() <= 255 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

// A task size as ECS stores it: a positive whole number (of CPU units or MiB).
bool is_size(const std::string& s) {
    return !s.empty() && s.size() <= 9 && s.front() != '0' &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool requires_launch_type(const json& doc, const char* launch_type) {
    if (!doc.contains("requiresCompatibilities")) return false;
    const auto& list = doc["requiresCompatibilities"];
    return std::find(list.begin(), list.end(), launch_type) != list.end();
}

std::string network_mode(const json& doc) {
    return doc.value("networkMode", std::string("bridge"));
}

void check_family(const json& doc) {
    const auto family = doc.value("family", std::string{});
    if (family.empty()) throw errors::client("Family can not be blank.");
    if (!is_ecs_name(family)) throw errors::client("Family contains invalid characters.");
}

void check_task_size(const json& doc) {
    if (doc.contains("cpu") && !is_size(doc["cpu"].get<std::string>())) {
        throw errors::invalid_parameter("Invalid 'cpu' setting for task.");
    }
    if (doc.contains("memory") && !is_size(doc["memory"].get<std::string>())) {
        throw errors::invalid_parameter("Invalid 'memory' setting for task.");
    }
}

void check_names(const json& containers) {
    if (containers.empty()) throw errors::client("Container list cannot be empty.");
    std::set<std::string> names;
    for (const auto& c : containers) {
        const auto name = c.value("name", std::string{});
        if (name.empty()) throw errors::client("Container.name should not be null or empty.");
        if (!is_ecs_name(name)) throw errors::client("Container.name contains invalid characters.");
        if (c.value("image", std::string{}).empty()) {
            throw errors::client("Container.image should not be null or empty.");
        }
        if (!names.insert(name).second) {
            throw errors::client("Container names must be unique within a Task Definition.");
        }
    }
}

void check_memory(const json& c, const std::string& name, bool task_memory) {
    const bool hard = c.contains("memory");
    const bool soft = c.contains("memoryReservation");
    if (!hard && !soft && !task_memory) {
        throw errors::client("Invalid setting for container '" + name +
                             "'. At least one of 'memory' or 'memoryReservation' must be "
                             "specified.");
    }
    // Docker refuses limits under 6 MiB.
    if ((hard && c["memory"].get<long>() < 6) || (soft && c["memoryReservation"].get<long>() < 6)) {
        throw errors::client("Invalid 'memory' setting for container '" + name +
                             "'. The minimum is 6 MiB.");
    }
    if (hard && soft && c["memoryReservation"].get<long>() > c["memory"].get<long>()) {
        throw errors::client("Invalid setting for container '" + name +
                             "'. 'memoryReservation' must be less than or equal to 'memory'.");
    }
}

void check_port_mappings(const json& c, const std::string& name, const std::string& mode) {
    for (const auto& pm : c["portMappings"]) {
        if (!pm.contains("containerPort")) {
            if (pm.contains("containerPortRange")) continue;
            throw errors::client("Invalid 'containerPort' setting for container '" + name + "'.");
        }
        const auto port = pm["containerPort"].get<long>();
        if (port < 1 || port > 65535) {
            throw errors::client("Invalid 'containerPort' setting for container '" + name + "'.");
        }
        if ((mode == "awsvpc" || mode == "host") && pm["hostPort"] != pm["containerPort"]) {
            throw errors::client("When networkMode=" + mode +
                                 ", the host ports and container ports in port mappings must "
                                 "match.");
        }
    }
}

void check_network_options(const json& c, const std::string& mode) {
    if (mode != "awsvpc") return;
    if (c.contains("links") && !c["links"].empty()) {
        throw errors::client("Links are not supported when networkMode=awsvpc.");
    }
    if (c.contains("hostname")) {
        throw errors::client("hostname is not supported on container when networkMode=awsvpc.");
    }
}

// dependsOn, volumesFrom and mountPoints name other containers and volumes of the task.
void check_references(const json& c, const std::string& name, const json& containers,
                      const std::set<std::string>& volumes) {
    auto find_container = [&](const std::string& other) -> const json* {
        for (const auto& o : containers) {
            if (o.value("name", std::string{}) == other) return &o;
        }
        return nullptr;
    };
    for (const auto& dep : c.value("dependsOn", json::array())) {
        const auto other = dep.value("containerName", std::string{});
        const auto* target = find_container(other);
        if (!target) {
            throw errors::client("Container '" + name + "' depends on container '" + other +
                                 "', which is not in the task definition.");
        }
        const auto condition = dep.value("condition", std::string{});
        if ((condition == "SUCCESS" || condition == "COMPLETE") &&
            target->value("essential", true)) {
            throw errors::client(
                "A dependency container with SUCCESS or COMPLETE condition "
                "cannot be an essential container");
        }
    }
    for (const auto& from : c.value("volumesFrom", json::array())) {  // none in a daemon's
        const auto other = from.value("sourceContainer", std::string{});
        if (!find_container(other)) {
            throw errors::client("Container '" + name + "' has volumesFrom container '" + other +
                                 "', which is not in the task definition.");
        }
    }
    for (const auto& mp : c["mountPoints"]) {
        const auto volume = mp.value("sourceVolume", std::string{});
        if (!volumes.contains(volume)) {
            throw errors::client("Invalid 'mountPoints' setting for container '" + name +
                                 "': volume '" + volume +
                                 "' is not defined in the task "
                                 "definition.");
        }
    }
}

std::set<std::string> volume_names(const json& doc) {
    std::set<std::string> names;
    for (const auto& v : doc["volumes"]) {
        const auto name = v.value("name", std::string{});
        if (!is_ecs_name(name)) throw errors::client("Volume.name contains invalid characters.");
        if (!names.insert(name).second) {
            throw errors::client("Volume names must be unique within a Task Definition.");
        }
    }
    return names;
}

// EFS authorization as the API reference states it: an access point fixes the root (the
// volume's rootDirectory may only be "/"), and both it and IAM authorization need TLS.
void check_efs_volumes(const json& doc) {
    for (const auto& v : doc["volumes"]) {
        const auto efs = v.find("efsVolumeConfiguration");
        if (efs == v.end() || !efs->is_object()) continue;
        const auto auth = efs->value("authorizationConfig", json::object());
        const bool access_point = auth.contains("accessPointId");
        const bool tls = efs->value("transitEncryption", std::string{}) == "ENABLED";
        if (access_point && efs->value("rootDirectory", std::string("/")) != "/") {
            throw errors::client(
                "When using an EFS access point, the root directory must either be set to "
                "\"/\" or be omitted.");
        }
        if (access_point && !tls) {
            throw errors::client(
                "Transit encryption must be enabled if an EFS access point is used.");
        }
        if (auth.value("iam", std::string{}) == "ENABLED" && !tls) {
            throw errors::client(
                "Transit encryption must be enabled if Amazon EFS IAM authorization is used.");
        }
        if (efs->contains("transitEncryptionPort") && !tls) {
            throw errors::client(
                "Transit encryption port can only be specified when transit encryption is "
                "enabled.");
        }
    }
}

// resourceRequirements of type GPU: a whole number of GPUs, once per container. ECS's newer
// "ALL" and fractional values are refused (docs/fidelity.md).
void check_gpus(const json& c, const std::string& name) {
    int seen = 0;
    for (const auto& r : c.value("resourceRequirements", json::array())) {
        if (r.value("type", std::string{}) != "GPU") continue;
        const auto value = r.value("value", std::string{});
        if (++seen > 1 || !is_size(value) || value.size() > 4) {
            throw errors::client("Invalid 'resourceRequirements' setting for container '" + name +
                                 "'. The GPU value must be a whole number of GPUs, given "
                                 "once.");
        }
    }
}

bool uses_gpus(const json& doc) {
    for (const auto& c : doc["containerDefinitions"]) {
        for (const auto& r : c.value("resourceRequirements", json::array())) {
            if (r.value("type", std::string{}) == "GPU") return true;
        }
    }
    return false;
}

void check_any_essential(const json& containers) {
    for (const auto& c : containers) {
        if (c["essential"].get<bool>()) return;
    }
    throw errors::client("Task definition doesn't have any essential container.");
}

}  // namespace

void validate_daemon_task_definition(const json& doc) {
    check_family(doc);
    check_task_size(doc);
    const auto& containers = doc["containerDefinitions"];
    check_names(containers);
    const auto volumes = volume_names(doc);
    for (const auto& c : containers) {
        const auto name = c["name"].get<std::string>();
        check_memory(c, name, doc.contains("memory"));
        check_references(c, name, containers, volumes);
    }
    check_any_essential(containers);
}

void validate_task_definition(const json& doc) {
    check_family(doc);
    check_task_size(doc);
    const auto& containers = doc["containerDefinitions"];
    check_names(containers);
    // Fargate's task-level requirements are reported before any container's.
    if (requires_launch_type(doc, "FARGATE")) {
        if (auto problem = fargate_problem(doc)) throw errors::client(*problem);
    }
    const auto mode = network_mode(doc);
    const auto volumes = volume_names(doc);
    check_efs_volumes(doc);
    for (const auto& c : containers) {
        const auto name = c["name"].get<std::string>();
        check_memory(c, name, doc.contains("memory"));
        check_gpus(c, name);
        check_port_mappings(c, name, mode);
        check_network_options(c, mode);
        check_references(c, name, containers, volumes);
    }
    check_any_essential(containers);
    if (requires_launch_type(doc, "EXTERNAL") && mode == "awsvpc") {
        throw errors::client(
            "Tasks using the EXTERNAL launch type do not support network mode "
            "‘awsvpc’.");
    }
}

std::optional<std::string> fargate_problem(const json& doc) {
    if (network_mode(doc) != "awsvpc") return "Fargate only supports network mode ‘awsvpc’.";
    if (!doc.contains("cpu")) return "Fargate requires that 'cpu' be defined at the task level.";
    if (!doc.contains("memory")) {
        return "Fargate requires that 'memory' be defined at the task level.";
    }
    const auto cpu = doc["cpu"].get<std::string>();
    const auto memory = doc["memory"].get<std::string>();
    if (!is_size(cpu) || !is_size(memory) || !is_fargate_size(std::stol(cpu), std::stol(memory))) {
        return "No Fargate configuration exists for given values: " + cpu + " CPU, " + memory +
               " memory. See the Amazon ECS documentation for the valid values.";
    }
    if (doc.contains("ipcMode"))
        return "Tasks using the Fargate launch type do not support ipcMode.";
    if (doc.value("pidMode", std::string{}) == "host") {
        return "Tasks using the Fargate launch type do not support pidMode 'host'.";
    }
    for (const auto& v : doc["volumes"]) {
        if (v.contains("host") && v["host"].contains("sourcePath")) {
            return "Tasks using the Fargate launch type do not support host volumes with a "
                   "sourcePath.";
        }
        if (v.contains("dockerVolumeConfiguration")) {
            return "Tasks using the Fargate launch type do not support "
                   "dockerVolumeConfiguration.";
        }
    }
    if (uses_gpus(doc)) {
        return "Tasks using the Fargate launch type do not support GPU resource requirements.";
    }
    for (const auto& c : doc["containerDefinitions"]) {
        if (c.value("privileged", false)) {
            return "Tasks using the Fargate launch type do not support privileged containers.";
        }
    }
    return std::nullopt;
}

}  // namespace berth::api::ecs

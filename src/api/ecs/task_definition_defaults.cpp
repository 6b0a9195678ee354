// normalize_task_definition and prepare_task_definition: what ECS fills in on registration.
#include "api/ecs/fargate.hpp"
#include "api/ecs/task_definition_document.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;

void strip_nulls(json& j) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end();) {
            if (it->is_null()) {
                it = j.erase(it);
            } else {
                strip_nulls(*it);
                ++it;
            }
        }
    } else if (j.is_array()) {
        for (auto& e : j) strip_nulls(e);
    }
}

void default_to(json& object, const char* member, json value) {
    if (!object.contains(member)) object[member] = std::move(value);
}

// In awsvpc and host mode a container's port is the host's port: ECS fills an absent (or 0)
// hostPort with the containerPort. In bridge mode an absent hostPort is 0, a dynamic port.
void normalize_port_mapping(json& pm, const std::string& network_mode) {
    default_to(pm, "protocol", "tcp");
    if (!pm.contains("containerPort")) return;  // a containerPortRange
    const bool same_port = network_mode == "awsvpc" || network_mode == "host";
    if (same_port && pm.value("hostPort", 0) == 0) {
        pm["hostPort"] = pm["containerPort"];
    } else {
        default_to(pm, "hostPort", 0);
    }
}

void normalize_container(json& c, const std::string& network_mode) {
    default_to(c, "essential", true);
    default_to(c, "cpu", 0);
    for (const char* list :
         {"portMappings", "environment", "mountPoints", "volumesFrom", "systemControls"}) {
        default_to(c, list, json::array());
    }
    for (auto& pm : c["portMappings"]) normalize_port_mapping(pm, network_mode);
}

// What task and daemon task definitions share: no JSON nulls, no tags (kept beside the
// document, not in it), and sizes as ECS stores them.
json normalize_document(const json& input) {
    json doc = input;
    strip_nulls(doc);
    doc.erase("tags");
    // Sizes may be written with units ("1 vCPU", "2 GB"); ECS stores plain numbers. Text that
    // is no size is left as it is for validation to refuse.
    if (doc.contains("cpu")) {
        if (auto cpu = normalize_task_cpu(doc["cpu"].get<std::string>())) doc["cpu"] = *cpu;
    }
    if (doc.contains("memory")) {
        if (auto memory = normalize_task_memory(doc["memory"].get<std::string>())) {
            doc["memory"] = *memory;
        }
    }
    return doc;
}

}  // namespace

json normalize_task_definition(const json& input) {
    json doc = normalize_document(input);
    const auto network_mode = doc.value("networkMode", std::string("bridge"));
    default_to(doc, "containerDefinitions", json::array());
    for (auto& c : doc["containerDefinitions"]) normalize_container(c, network_mode);
    default_to(doc, "volumes", json::array());
    // ECS describes an EFS volume registered without rootDirectory with the file system's root.
    for (auto& v : doc["volumes"]) {
        if (auto efs = v.find("efsVolumeConfiguration"); efs != v.end() && efs->is_object()) {
            default_to(*efs, "rootDirectory", "/");
        }
    }
    default_to(doc, "placementConstraints", json::array());
    return doc;
}

// As ECS's own sample answer shows a daemon task definition: each container essential unless
// it says not, with its mount points and secrets as lists, and the volumes as a list.
json prepare_daemon_task_definition(const json& input) {
    json doc = normalize_document(input);
    default_to(doc, "containerDefinitions", json::array());
    for (auto& c : doc["containerDefinitions"]) {
        default_to(c, "essential", true);
        default_to(c, "mountPoints", json::array());
        default_to(c, "secrets", json::array());
    }
    default_to(doc, "volumes", json::array());
    validate_daemon_task_definition(doc);
    return doc;
}

json prepare_task_definition(const json& input) {
    auto doc = normalize_task_definition(input);
    validate_task_definition(doc);
    doc["compatibilities"] = compatibilities(doc);
    doc["requiresAttributes"] = requires_attributes(doc);
    return doc;
}

}  // namespace berth::api::ecs

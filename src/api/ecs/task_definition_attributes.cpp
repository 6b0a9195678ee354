// compatibilities and requiresAttributes: what ECS computes from a task definition.
#include <algorithm>
#include <string>
#include <vector>

#include "api/ecs/task_definition_document.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;

bool requires_launch_type(const json& doc, const char* launch_type) {
    if (!doc.contains("requiresCompatibilities")) return false;
    const auto& list = doc["requiresCompatibilities"];
    return std::find(list.begin(), list.end(), launch_type) != list.end();
}

// Keeps first-seen order, without repeats.
struct AttributeList {
    std::vector<std::string> names;
    void add(const std::string& name) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
};

constexpr const char* k_remote_api = "com.amazonaws.ecs.capability.docker-remote-api.";

bool is_ecr_image(const std::string& image) {
    return image.find(".dkr.ecr.") != std::string::npos;
}

void container_attributes(const json& c, bool has_execution_role, AttributeList& out) {
    if (c.contains("logConfiguration")) {
        const auto driver = c["logConfiguration"].value("logDriver", std::string{});
        out.add("com.amazonaws.ecs.capability.logging-driver." + driver);
        if (driver == "awslogs") {
            out.add(std::string(k_remote_api) + "1.19");
            if (has_execution_role) out.add("ecs.capability.execution-role-awslogs");
        }
    }
    if (c.contains("memoryReservation")) out.add(std::string(k_remote_api) + "1.21");
    if (c.contains("dockerLabels") || c.contains("ulimits"))
        out.add(std::string(k_remote_api) + "1.18");
    if (c.contains("healthCheck")) out.add("ecs.capability.container-health-check");
    if (c.contains("dependsOn")) out.add("ecs.capability.container-ordering");
    if (c.contains("linuxParameters") && c["linuxParameters"].contains("initProcessEnabled")) {
        out.add(std::string(k_remote_api) + "1.25");
    }
    if (is_ecr_image(c.value("image", std::string{}))) {
        out.add("com.amazonaws.ecs.capability.ecr-auth");
        if (has_execution_role) out.add("ecs.capability.execution-role-ecr-pull");
    }
    if (c.contains("repositoryCredentials"))
        out.add("com.amazonaws.ecs.capability.private-registry-authentication.secretsmanager");
    for (const auto& secret : c.value("secrets", json::array())) {
        const auto from = secret.value("valueFrom", std::string{});
        out.add(from.find(":secretsmanager:") != std::string::npos
                    ? "ecs.capability.secrets.asm.environment-variables"
                    : "ecs.capability.secrets.ssm.environment-variables");
    }
    if (c.contains("environmentFiles")) out.add("ecs.capability.env-files.s3");
    if (c.contains("firelensConfiguration")) {
        out.add("ecs.capability.firelens." +
                c["firelensConfiguration"].value("type", std::string{}));
    }
}

}  // namespace

json compatibilities(const json& doc) {
    const auto mode = doc.value("networkMode", std::string("bridge"));
    auto out = json::array();
    // External instances (ECS Anywhere) have no ENIs: every mode but awsvpc suits them.
    if (mode != "awsvpc") out.push_back("EXTERNAL");
    out.push_back("EC2");
    if (!fargate_problem(doc)) out.push_back("FARGATE");
    if (requires_launch_type(doc, "MANAGED_INSTANCES")) out.push_back("MANAGED_INSTANCES");
    return out;
}

json requires_attributes(const json& doc) {
    AttributeList list;
    const bool has_execution_role = doc.contains("executionRoleArn");
    if (doc.value("networkMode", std::string{}) == "awsvpc") {
        list.add(std::string(k_remote_api) + "1.18");
        list.add("ecs.capability.task-eni");
    }
    if (doc.contains("taskRoleArn")) list.add("com.amazonaws.ecs.capability.task-iam-role");
    for (const auto& c : doc["containerDefinitions"]) {
        container_attributes(c, has_execution_role, list);
    }
    for (const auto& v : doc["volumes"]) {
        if (v.contains("efsVolumeConfiguration")) list.add("ecs.capability.efs");
        if (v.contains("dockerVolumeConfiguration")) list.add(std::string(k_remote_api) + "1.25");
    }
    auto out = json::array();
    for (const auto& name : list.names) out.push_back({{"name", name}});
    return out;
}

}  // namespace berth::api::ecs

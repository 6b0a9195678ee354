#include "api/ecs/unacted_members.hpp"

#include <spdlog/spdlog.h>

#include "api/ecs/member_path.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;

// docs/fidelity.md gives each row's longer story; keep the two in step (a test reads both).
const std::vector<UnactedMember> k_table = {
    {"executionRoleArn",
     "stored and described; Berth pulls images and reads secrets without checking it", false},
    // App Mesh reached its end of support: warned about, never refused, never built.
    {"proxyConfiguration",
     "stored and described; no App Mesh proxy is configured (App Mesh reached end of support)",
     false},
    {"inferenceAccelerators", "stored; the task runs without an accelerator", false},
    {"enableFaultInjection", "stored; no fault injection endpoints are served", false},
    {"ephemeralStorage", "described on the task; the containers' disk is not limited", false},
    {"volumes[].configuredAtLaunch", "an empty local volume; no EBS volume is attached", false},
    {"volumes[].s3filesVolumeConfiguration",
     "an empty local volume; no S3 Files file system is mounted", false},
    {"volumes[].efsVolumeConfiguration.transitEncryption=ENABLED",
     "the file system is a local directory; nothing is in transit to encrypt", false},
    {"volumes[].efsVolumeConfiguration.transitEncryptionPort",
     "the file system is a local directory; no port is used", false},
    {"volumes[].efsVolumeConfiguration.authorizationConfig",
     "neither the access point nor IAM authorization is enforced", false},
    {"volumes[].dockerVolumeConfiguration.autoprovision=false",
     "a missing shared volume is created instead of failing the task", false},
    {"containerDefinitions[].credentialSpecs", "stored; no credential spec reaches the container",
     false},
    {"containerDefinitions[].firelensConfiguration.options.config-file-type=s3",
     "a task with it stops at start (ResourceInitializationError): Berth serves no S3", false},
    {"containerDefinitions[].portMappings[].appProtocol",
     "stored; Service Connect is answered by DNS and no proxy speaks the protocol", false},
    {"containerDefinitions[].resourceRequirements[].type=InferenceAccelerator",
     "the container runs without an accelerator", false},
    {"containerDefinitions[].restartPolicy.enabled=true",
     "an exited container is not restarted in place", false},
    {"containerDefinitions[].versionConsistency=enabled",
     "the image tag is not pinned to one digest per deployment", false},
};

const std::vector<std::string_view> k_acted_on = {
    // RegisterTaskDefinition
    "family", "containerDefinitions", "cpu", "memory", "networkMode", "ipcMode", "pidMode",
    "placementConstraints", "requiresCompatibilities", "runtimePlatform", "tags", "taskRoleArn",
    "volumes",
    // ContainerDefinition
    "command", "cpu", "dependsOn", "disableNetworking", "dnsSearchDomains", "dnsServers",
    "dockerLabels", "dockerSecurityOptions", "entryPoint", "environment", "environmentFiles",
    "essential", "extraHosts", "healthCheck", "hostname", "image", "interactive", "links",
    "linuxParameters", "logConfiguration", "memory", "memoryReservation", "mountPoints", "name",
    "portMappings", "privileged", "pseudoTerminal", "readonlyRootFilesystem",
    "repositoryCredentials", "secrets", "startTimeout", "stopTimeout", "systemControls", "ulimits",
    "user", "volumesFrom", "workingDirectory"};

}  // namespace

const std::vector<UnactedMember>& unacted_member_table() {
    return k_table;
}

const std::vector<std::string_view>& acted_on_members() {
    return k_acted_on;
}

std::vector<const UnactedMember*> unacted_members(const json& document) {
    std::vector<const UnactedMember*> out;
    for (const auto& row : k_table) {
        if (uses_member(document, row.member)) out.push_back(&row);
    }
    return out;
}

std::optional<std::string> unacted_warning(const json& document) {
    const auto used = unacted_members(document);
    if (used.empty()) return std::nullopt;
    std::string text;
    for (const auto* row : used) {
        if (!text.empty()) text += "; ";
        text += std::string(row->member) + ": " + std::string(row->berth_does);
        if (row->being_built) text += " (being built)";
    }
    return text;
}

bool warn_unacted_members(const std::string& arn, const json& document) {
    const auto text = unacted_warning(document);
    if (!text) return false;
    spdlog::warn("task definition {} uses what Berth does not act on (docs/fidelity.md): {}", arn,
                 *text);
    return true;
}

}  // namespace berth::api::ecs

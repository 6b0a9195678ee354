#include "api/ecs/unacted_members.hpp"

#include <spdlog/spdlog.h>

namespace berth::api::ecs {

namespace {

using nlohmann::json;

// docs/fidelity.md gives each row's longer story; keep the two in step (a test reads both).
const std::vector<UnactedMember> k_table = {
    {"executionRoleArn",
     "stored and described; Berth pulls images and reads secrets without checking it", false},
    {"proxyConfiguration", "stored and described; no App Mesh proxy is configured", false},
    {"inferenceAccelerators", "stored; the task runs without an accelerator", false},
    {"enableFaultInjection", "stored; no fault injection endpoints are served", false},
    {"ephemeralStorage", "described on the task; the containers' disk is not limited", false},
    {"runtimePlatform.operatingSystemFamily=WINDOWS_*", "the task runs as a Linux container",
     false},
    {"volumes[].configuredAtLaunch", "an empty local volume; no EBS volume is attached", false},
    {"volumes[].s3filesVolumeConfiguration",
     "an empty local volume; no S3 Files file system is mounted", false},
    {"volumes[].dockerVolumeConfiguration.autoprovision=false",
     "a missing shared volume is created instead of failing the task", false},
    {"containerDefinitions[].credentialSpecs", "stored; no credential spec reaches the container",
     false},
    {"containerDefinitions[].firelensConfiguration",
     "the log router runs as a plain container; no FireLens configuration is made", false},
    {"containerDefinitions[].logConfiguration.logDriver=awsfirelens",
     "the engine's json-file driver; nothing is routed", false},
    {"containerDefinitions[].portMappings[].name", "stored; there is no Service Connect yet",
     false},
    {"containerDefinitions[].portMappings[].appProtocol", "stored; there is no Service Connect yet",
     false},
    {"containerDefinitions[].resourceRequirements",
     "the container runs without a GPU or accelerator", false},
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

bool is_empty(const json& v) {
    if (v.is_string()) return v.get_ref<const std::string&>().empty();
    return v.is_null() || ((v.is_array() || v.is_object()) && v.empty());
}

// `wanted` against a value: "" any non-empty value, "x*" a string starting with x, else the
// value's text (strings as they are, booleans as true/false).
bool matches(const json& v, std::string_view wanted) {
    if (wanted.empty()) return !is_empty(v);
    if (v.is_string()) {
        const auto& text = v.get_ref<const std::string&>();
        if (wanted.ends_with('*')) return text.starts_with(wanted.substr(0, wanted.size() - 1));
        return text == wanted;
    }
    return !v.is_object() && !v.is_array() && v.dump() == wanted;
}

// Whether the member at `path` ("a[].b.c") somewhere in `node` matches `wanted`.
bool uses(const json& node, std::string_view path, std::string_view wanted) {
    const auto dot = path.find('.');
    auto segment = path.substr(0, dot);
    const auto rest = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    const bool each = segment.ends_with("[]");
    if (each) segment.remove_suffix(2);
    if (!node.is_object()) return false;
    auto it = node.find(std::string(segment));
    if (it == node.end()) return false;
    if (!each) return rest.empty() ? matches(*it, wanted) : uses(*it, rest, wanted);
    if (!it->is_array()) return false;
    for (const auto& element : *it) {
        if (rest.empty() ? matches(element, wanted) : uses(element, rest, wanted)) return true;
    }
    return false;
}

bool uses(const json& document, const UnactedMember& row) {
    const auto eq = row.member.find('=');
    const auto path = row.member.substr(0, eq);
    const auto wanted =
        eq == std::string_view::npos ? std::string_view{} : row.member.substr(eq + 1);
    return uses(document, path, wanted);
}

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
        if (uses(document, row)) out.push_back(&row);
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

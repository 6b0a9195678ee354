// compatibilities and requiresAttributes: what ECS computes from a task definition.
#include <algorithm>
#include <string>
#include <vector>

#include "api/ecs/member_path.hpp"
#include "api/ecs/requires_attribute_rules.hpp"
#include "api/ecs/task_definition_document.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;

bool requires_launch_type(const json& doc, const char* launch_type) {
    if (!doc.contains("requiresCompatibilities")) return false;
    const auto& list = doc["requiresCompatibilities"];
    return std::find(list.begin(), list.end(), launch_type) != list.end();
}

constexpr std::string_view k_ecr_image = "containerDefinitions[].image=*.dkr.ecr.*";

// Grouped by what the member is about; each rule's basis is explained in
// requires_attribute_rules.hpp.
const std::vector<AttributeRule> k_rules = {
    // The task
    {"networkMode=awsvpc", "com.amazonaws.ecs.capability.docker-remote-api.1.18",
     AttributeBasis::seen},
    {"networkMode=awsvpc", "ecs.capability.task-eni", AttributeBasis::seen},
    {"taskRoleArn", "com.amazonaws.ecs.capability.task-iam-role", AttributeBasis::seen},
    {"ephemeralStorage", "ecs.capability.extensible-ephemeral-storage", AttributeBasis::seen},
    {"pidMode", "ecs.capability.pid-ipc-namespace-sharing", AttributeBasis::agent},
    {"ipcMode", "ecs.capability.pid-ipc-namespace-sharing", AttributeBasis::agent},
    {"proxyConfiguration", "ecs.capability.aws-appmesh", AttributeBasis::agent},
    {"inferenceAccelerators", "ecs.capability.task-eia", AttributeBasis::agent},
    {"enableFaultInjection=true", "ecs.capability.fault-injection", AttributeBasis::agent},
    // Volumes
    {"volumes[].efsVolumeConfiguration", "ecs.capability.efs", AttributeBasis::seen},
    {"volumes[].efsVolumeConfiguration", "com.amazonaws.ecs.capability.docker-remote-api.1.25",
     AttributeBasis::seen},
    {"volumes[].efsVolumeConfiguration.transitEncryption=ENABLED", "ecs.capability.efsAuth",
     AttributeBasis::seen},
    {"volumes[].efsVolumeConfiguration.authorizationConfig.accessPointId", "ecs.capability.efsAuth",
     AttributeBasis::seen},
    {"volumes[].efsVolumeConfiguration.authorizationConfig.iam=ENABLED", "ecs.capability.efsAuth",
     AttributeBasis::agent},
    {"volumes[].dockerVolumeConfiguration", "com.amazonaws.ecs.capability.docker-remote-api.1.25",
     AttributeBasis::docs},
    {"volumes[].fsxWindowsFileServerVolumeConfiguration", "ecs.capability.fsxWindowsFileServer",
     AttributeBasis::agent},
    // Images
    {k_ecr_image, "com.amazonaws.ecs.capability.ecr-auth", AttributeBasis::seen},
    {k_ecr_image, "com.amazonaws.ecs.capability.docker-remote-api.1.19", AttributeBasis::agent},
    {k_ecr_image, "ecs.capability.execution-role-ecr-pull", AttributeBasis::seen,
     "executionRoleArn"},
    {"containerDefinitions[].repositoryCredentials",
     "ecs.capability.private-registry-authentication.secretsmanager", AttributeBasis::seen},
    // Logs
    {"containerDefinitions[].logConfiguration.logDriver=json-file",
     "com.amazonaws.ecs.capability.logging-driver.json-file", AttributeBasis::agent},
    {"containerDefinitions[].logConfiguration.logDriver=syslog",
     "com.amazonaws.ecs.capability.logging-driver.syslog", AttributeBasis::agent},
    {"containerDefinitions[].logConfiguration.logDriver=journald",
     "com.amazonaws.ecs.capability.logging-driver.journald", AttributeBasis::agent},
    {"containerDefinitions[].logConfiguration.logDriver=gelf",
     "com.amazonaws.ecs.capability.logging-driver.gelf", AttributeBasis::agent},
    {"containerDefinitions[].logConfiguration.logDriver=fluentd",
     "com.amazonaws.ecs.capability.logging-driver.fluentd", AttributeBasis::agent},
    {"containerDefinitions[].logConfiguration.logDriver=awslogs",
     "com.amazonaws.ecs.capability.logging-driver.awslogs", AttributeBasis::seen},
    {"containerDefinitions[].logConfiguration.logDriver=splunk",
     "com.amazonaws.ecs.capability.logging-driver.splunk", AttributeBasis::agent},
    {"containerDefinitions[].logConfiguration.logDriver=awsfirelens",
     "com.amazonaws.ecs.capability.logging-driver.awsfirelens", AttributeBasis::seen},
    {"containerDefinitions[].logConfiguration.logDriver=awslogs",
     "com.amazonaws.ecs.capability.docker-remote-api.1.19", AttributeBasis::seen},
    {"containerDefinitions[].logConfiguration.logDriver=awslogs",
     "ecs.capability.execution-role-awslogs", AttributeBasis::seen, "executionRoleArn"},
    // Log options: outputs with `mode` show 1.28, with `awslogs-create-group` 1.29.
    {"containerDefinitions[].logConfiguration.options.mode",
     "com.amazonaws.ecs.capability.docker-remote-api.1.28", AttributeBasis::seen},
    {"containerDefinitions[].logConfiguration.options.awslogs-create-group",
     "com.amazonaws.ecs.capability.docker-remote-api.1.29", AttributeBasis::seen},
    {"containerDefinitions[].logConfiguration.secretOptions[].valueFrom=arn:*:secretsmanager:*",
     "ecs.capability.secrets.asm.bootstrap.log-driver", AttributeBasis::agent},
    {"containerDefinitions[].logConfiguration.secretOptions[].valueFrom!=arn:*:secretsmanager:*",
     "ecs.capability.secrets.ssm.bootstrap.log-driver", AttributeBasis::agent},
    {"containerDefinitions[].firelensConfiguration.type=fluentbit",
     "ecs.capability.firelens.fluentbit", AttributeBasis::seen},
    {"containerDefinitions[].firelensConfiguration.type=fluentd", "ecs.capability.firelens.fluentd",
     AttributeBasis::agent},
    // Two outputs with router options show 1.17, one with none does not.
    {"containerDefinitions[].firelensConfiguration.options",
     "com.amazonaws.ecs.capability.docker-remote-api.1.17", AttributeBasis::seen},
    {"containerDefinitions[].firelensConfiguration.options.config-file-type=file",
     "ecs.capability.firelens.options.config.file", AttributeBasis::seen},
    {"containerDefinitions[].firelensConfiguration.options.config-file-type=s3",
     "ecs.capability.firelens.options.config.s3", AttributeBasis::agent},
    // Secrets and the environment
    {"containerDefinitions[].secrets[].valueFrom=arn:*:secretsmanager:*",
     "ecs.capability.secrets.asm.environment-variables", AttributeBasis::seen},
    {"containerDefinitions[].secrets[].valueFrom!=arn:*:secretsmanager:*",
     "ecs.capability.secrets.ssm.environment-variables", AttributeBasis::seen},
    {"containerDefinitions[].environmentFiles", "ecs.capability.env-files.s3",
     AttributeBasis::seen},
    // The container's run
    {"containerDefinitions[].memoryReservation",
     "com.amazonaws.ecs.capability.docker-remote-api.1.21", AttributeBasis::seen},
    {"containerDefinitions[].dockerLabels", "com.amazonaws.ecs.capability.docker-remote-api.1.18",
     AttributeBasis::docs},
    {"containerDefinitions[].ulimits", "com.amazonaws.ecs.capability.docker-remote-api.1.18",
     AttributeBasis::docs},
    {"containerDefinitions[].linuxParameters.initProcessEnabled",
     "com.amazonaws.ecs.capability.docker-remote-api.1.25", AttributeBasis::docs},
    {"containerDefinitions[].privileged=true", "com.amazonaws.ecs.capability.privileged-container",
     AttributeBasis::seen},
    {"containerDefinitions[].healthCheck", "ecs.capability.container-health-check",
     AttributeBasis::seen},
    {"containerDefinitions[].dependsOn", "ecs.capability.container-ordering", AttributeBasis::seen},
    {"containerDefinitions[].startTimeout", "ecs.capability.container-ordering",
     AttributeBasis::seen},
    {"containerDefinitions[].stopTimeout", "ecs.capability.container-ordering",
     AttributeBasis::seen},
    {"containerDefinitions[].restartPolicy.enabled=true", "ecs.capability.container-restart-policy",
     AttributeBasis::agent},
    {"containerDefinitions[].portMappings[].containerPortRange",
     "ecs.capability.network.container-port-range", AttributeBasis::agent},
    {"containerDefinitions[].credentialSpecs", "ecs.capability.gmsa", AttributeBasis::agent},
};

}  // namespace

const std::vector<AttributeRule>& requires_attribute_rules() {
    return k_rules;
}

bool rule_applies(const json& doc, const AttributeRule& rule) {
    return uses_member(doc, rule.member) && (rule.also.empty() || uses_member(doc, rule.also));
}

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
    std::vector<std::string_view> names;
    for (const auto& rule : k_rules) {
        if (!rule_applies(doc, rule)) continue;
        if (std::find(names.begin(), names.end(), rule.attribute) == names.end())
            names.push_back(rule.attribute);
    }
    auto out = json::array();
    for (const auto name : names) out.push_back({{"name", std::string(name)}});
    return out;
}

}  // namespace berth::api::ecs

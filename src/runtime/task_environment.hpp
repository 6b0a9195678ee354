#pragma once
// The environment ECS gives every container of a task, beside the definition's own:
//
//   AWS_REGION, AWS_DEFAULT_REGION             the task's region
//   AWS_EXECUTION_ENV                          AWS_ECS_FARGATE | AWS_ECS_EC2
//   ECS_CONTAINER_METADATA_URI(_V4)            <base>/v3/<id>, <base>/v4/<id>, one id per container
//   ECS_AGENT_URI                              <base>/api/<id> (task scale-in protection)
//   AWS_CONTAINER_CREDENTIALS_RELATIVE_URI     /v2/credentials/<id>, when the task has a role
//   AWS_ENDPOINT_URL                           Berth (or the --task-aws-endpoint-url), unless off
//
// A name the container's environment already sets (the definition, or its overrides) keeps the
// container's value: the platform only fills in what the task did not choose.
// Host-mode containers share the host's network, where 169.254.170.2 is not redirected, so they
// are told Berth's main listener instead, and get their credentials through
// AWS_CONTAINER_CREDENTIALS_FULL_URI (a loopback URL the SDKs accept) in place of the
// relative URI.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace berth::runtime {

// ECS's address for the task endpoints, as containers see it.
inline constexpr const char* k_task_endpoint_base = "http://169.254.170.2";

struct TaskEnvironment {
    std::string region;
    bool fargate = false;
    // Where the containers reach the task endpoints: k_task_endpoint_base, or for host mode
    // Berth's main listener ("http://127.0.0.1:4566").
    std::string endpoint_base = k_task_endpoint_base;
    bool full_credentials_uri = false;                // host mode
    std::map<std::string, std::string> metadata_ids;  // container name → id
    std::string credentials_id;                       // used when the task has a role
    std::string aws_endpoint_url;                     // AWS_ENDPOINT_URL; "" sets none
};

// Appends the variables above that `docker_env` (["NAME=value", ...]) does not set yet.
void add_task_environment(nlohmann::json& docker_env, const TaskEnvironment& env,
                          const std::string& container_name, const std::string& task_role_arn);

// The task's role: its overrides' taskRoleArn, else the definition's; "" when none.
std::string task_role_arn_of(const nlohmann::json& document, const nlohmann::json& overrides);

}  // namespace berth::runtime

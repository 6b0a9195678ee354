#include "task_environment.hpp"

#include <set>
#include <utility>
#include <vector>

namespace berth::runtime {

using nlohmann::json;

namespace {

std::set<std::string> names_in(const json& docker_env) {
    std::set<std::string> names;
    for (const auto& entry : docker_env) {
        if (!entry.is_string()) continue;
        const auto& text = entry.get_ref<const std::string&>();
        names.insert(text.substr(0, text.find('=')));
    }
    return names;
}

std::vector<std::pair<std::string, std::string>> variables(const TaskEnvironment& env,
                                                           const std::string& container_name,
                                                           const std::string& task_role_arn) {
    std::vector<std::pair<std::string, std::string>> vars = {
        {"AWS_REGION", env.region},
        {"AWS_DEFAULT_REGION", env.region},
        {"AWS_EXECUTION_ENV", env.fargate ? "AWS_ECS_FARGATE" : "AWS_ECS_EC2"},
    };
    if (auto it = env.metadata_ids.find(container_name); it != env.metadata_ids.end()) {
        vars.emplace_back("ECS_CONTAINER_METADATA_URI", env.endpoint_base + "/v3/" + it->second);
        vars.emplace_back("ECS_CONTAINER_METADATA_URI_V4", env.endpoint_base + "/v4/" + it->second);
        vars.emplace_back("ECS_AGENT_URI", env.endpoint_base + "/api/" + it->second);
    }
    if (!task_role_arn.empty() && !env.credentials_id.empty()) {
        std::string path = "/v2/credentials/" + env.credentials_id;
        if (env.full_credentials_uri) {
            vars.emplace_back("AWS_CONTAINER_CREDENTIALS_FULL_URI", env.endpoint_base + path);
        } else {
            vars.emplace_back("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", path);
        }
    }
    if (!env.aws_endpoint_url.empty()) vars.emplace_back("AWS_ENDPOINT_URL", env.aws_endpoint_url);
    return vars;
}

}  // namespace

void add_task_environment(json& docker_env, const TaskEnvironment& env,
                          const std::string& container_name, const std::string& task_role_arn) {
    if (!docker_env.is_array()) docker_env = json::array();
    const auto taken = names_in(docker_env);
    for (const auto& [name, value] : variables(env, container_name, task_role_arn)) {
        if (!taken.contains(name)) docker_env.push_back(name + "=" + value);
    }
}

std::string task_role_arn_of(const json& document, const json& overrides) {
    if (overrides.is_object()) {
        if (auto it = overrides.find("taskRoleArn"); it != overrides.end() && it->is_string()) {
            return it->get<std::string>();
        }
    }
    return document.value("taskRoleArn", "");
}

}  // namespace berth::runtime

#include "task_secrets.hpp"

#include "berth/docker/registry_auth.hpp"
#include "berth/model/arn.hpp"
#include "berth/model/failure.hpp"
#include "berth/model/parameters.hpp"
#include "berth/model/secrets.hpp"
#include "container_body.hpp"
#include "secret_values.hpp"
#include "steps.hpp"
#include "value_from.hpp"

namespace berth::runtime {

namespace {

using nlohmann::json;

// The words of Fargate's agent around each kind of failure; it retries a service call once
// before giving up, so its texts say so.
constexpr const char* k_prefix =
    "unable to pull secrets or registry auth: execution resource retrieval failed: ";
constexpr const char* k_from_asm =
    "unable to retrieve secret from asm: service call has been retried 1 time(s): ";
constexpr const char* k_from_ssm =
    "unable to retrieve secrets from ssm: service call has been retried 1 time(s): ";
constexpr const char* k_auth_from_asm =
    "unable to get registry auth from asm: service call has been retried 1 time(s): ";
constexpr const char* k_no_secret =
    "ResourceNotFoundException: Secrets Manager can't find the "
    "specified secret";

StepFailure failure(const std::string& detail) {
    return StepFailure(
        model::failure_reason(model::FailureClass::resource_initialization, k_prefix + detail));
}

// Secrets Manager's ResourceNotFoundException text for `ref`: the secret, or the version the
// suffixes asked for.
std::string not_found(const model::SecretStore& store, const SecretRef& ref) {
    const bool versioned = !ref.version_stage.empty() || !ref.version_id.empty();
    if (!versioned || !store.find_value(ref.partition, ref.id))
        return std::string(k_no_secret) + ".";
    if (!ref.version_id.empty()) {
        return std::string(k_no_secret) + " value for VersionId: " + ref.version_id;
    }
    return std::string(k_no_secret) + " value for staging label: " + ref.version_stage;
}

std::string secrets_manager_value(const SecretSources& sources, const SecretRef& ref) {
    const auto value =
        sources.secrets
            ? sources.secrets->find_value(ref.partition, ref.id, ref.version_stage, ref.version_id)
            : std::nullopt;
    if (!value) {
        const auto why =
            sources.secrets ? not_found(*sources.secrets, ref) : std::string(k_no_secret) + ".";
        throw failure(std::string(k_from_asm) + "failed to fetch secret " + ref.id +
                      " from secrets manager: " + why);
    }
    // A binary secret has no text: the agent passes on an empty one.
    const auto& text = value->secret_string.value_or("");
    if (ref.json_key.empty()) return text;
    try {
        return json_key_value(text, ref.json_key);
    } catch (const SecretValueError& e) {
        throw failure(k_from_asm + std::string(e.what()));
    }
}

std::string parameter_value(const SecretSources& sources, const SecretRef& ref) {
    const auto value =
        sources.parameters ? sources.parameters->find(ref.partition, ref.id) : std::nullopt;
    if (!value) throw failure(k_from_ssm + ("invalid ssm parameters: " + ref.id));
    return value->value;
}

std::string value_of(const SecretSources& sources, const model::PartitionKey& task_partition,
                     const model::SecretReference& secret) {
    SecretRef ref;
    try {
        ref = parse_value_from(secret.value_from, task_partition);
    } catch (const ValueFromError& e) {
        throw failure(k_from_asm + ("trying to retrieve secret with value " + secret.value_from +
                                    " resulted in error: " + e.what()));
    }
    return ref.source == SecretSource::secrets_manager ? secrets_manager_value(sources, ref)
                                                       : parameter_value(sources, ref);
}

// repositoryCredentials.credentialsParameter: a Secrets Manager ARN, or a secret's name in
// the task's own account and Region.
std::string registry_auth(const SecretSources& sources, const model::PartitionKey& task_partition,
                          const std::string& parameter) {
    SecretRef ref;
    ref.source = SecretSource::secrets_manager;
    ref.partition = task_partition;
    ref.id = parameter;
    if (model::looks_like_arn(parameter)) {
        try {
            ref = parse_value_from(parameter, task_partition);
        } catch (const ValueFromError&) {
            ref.source = SecretSource::parameter_store;  // found nowhere, below
        }
    }
    const auto value = sources.secrets && ref.source == SecretSource::secrets_manager
                           ? sources.secrets->find_value(ref.partition, ref.id)
                           : std::nullopt;
    if (!value) {
        throw failure(k_auth_from_asm + ("asm fetching secret from the service for " + parameter +
                                         ": " + k_no_secret + "."));
    }
    try {
        const auto creds = registry_credentials(value->secret_string);
        return docker::encode_registry_auth({creds.username, creds.password, ""});
    } catch (const SecretValueError& e) {
        throw failure(k_auth_from_asm + std::string(e.what()));
    }
}

// "arn:aws:s3:::bucket/key" → the agent's complaint about downloading it. Berth serves no S3,
// so every environment file fails the task.
[[noreturn]] void refuse_environment_file(const std::string& file) {
    const auto arn = model::parse_arn(file);
    const std::string_view path = arn ? std::string_view(arn->resource) : std::string_view(file);
    const auto slash = path.find('/');
    const auto bucket = path.substr(0, slash);
    const auto key = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    throw StepFailure(model::failure_reason(
        model::FailureClass::resource_initialization,
        "failed to download env files: unable to download env file with key " + std::string(key) +
            " from bucket " + std::string(bucket) +
            ", error: NoSuchBucket: Berth serves no S3, so environmentFiles cannot be loaded"));
}

}  // namespace

const ContainerSecrets* TaskSecrets::of(std::string_view container) const {
    auto it = containers.find(container);
    return it == containers.end() ? nullptr : &it->second;
}

TaskSecrets resolve_task_secrets(const SecretSources& sources,
                                 const model::PartitionKey& task_partition,
                                 const model::TaskDefinitionBody& definition) {
    TaskSecrets out;
    for (const auto& c : definition.containers) {
        ContainerSecrets resolved;
        for (const auto& s : c.secrets) {
            resolved.environment.push_back({s.name, value_of(sources, task_partition, s)});
        }
        if (c.log_configuration) {
            for (const auto& s : c.log_configuration->secret_options) {
                resolved.log_options.push_back({s.name, value_of(sources, task_partition, s)});
            }
        }
        if (!c.credentials_parameter.empty()) {
            resolved.registry_auth =
                registry_auth(sources, task_partition, c.credentials_parameter);
        }
        if (!c.environment_files.empty()) refuse_environment_file(c.environment_files.front());
        if (!resolved.environment.empty() || !resolved.log_options.empty() ||
            !resolved.registry_auth.empty()) {
            out.containers.emplace(c.name, std::move(resolved));
        }
    }
    return out;
}

void add_resolved_secrets(json& def, const TaskSecrets* secrets) {
    const auto* resolved = secrets ? secrets->of(def.value("name", "")) : nullptr;
    if (!resolved) return;
    if (!resolved->environment.empty()) {
        // Merged as an override's environment is: a variable of the same name is replaced.
        json variables = json::array();
        for (const auto& [name, value] : resolved->environment) {
            variables.push_back({{"name", name}, {"value", value}});
        }
        def = apply_container_override(
            def, {{"containerOverrides",
                   json::array({{{"name", def["name"]}, {"environment", variables}}})}});
    }
    if (!resolved->log_options.empty() && def.contains("logConfiguration")) {
        json& options = def["logConfiguration"]["options"];
        if (!options.is_object()) options = json::object();
        for (const auto& [name, value] : resolved->log_options) options[name] = value;
    }
}

}  // namespace berth::runtime

#pragma once
// A task's secrets, read when it starts (PENDING, before its images are pulled and its
// containers created), as the ECS agent reads its asmsecret, ssmsecret and envfile resources:
// each container's `secrets` (its environment), `logConfiguration.secretOptions` (its log
// driver's options) and `repositoryCredentials` (its image pull's registry auth). The values
// live only for the start: they are put into the container create bodies and never into the
// Store.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"
#include "berth/model/task_definition.hpp"
#include "berth/runtime/secret_sources.hpp"

namespace berth::runtime {

struct ContainerSecrets {
    std::vector<model::NameValue> environment;  // from secrets
    std::vector<model::NameValue> log_options;  // from logConfiguration.secretOptions
    std::string registry_auth;                  // X-Registry-Auth for its image; "" anonymous
};

struct TaskSecrets {
    std::map<std::string, ContainerSecrets, std::less<>> containers;  // by container name

    const ContainerSecrets* of(std::string_view container) const;
};

// Reads every value the definition's containers name, in `task_partition` unless an ARN names
// another account or Region. Throws StepFailure with ECS's stoppedReason
// ("ResourceInitializationError: unable to pull secrets or registry auth: ...") for the first
// that cannot be read, and for any environmentFiles (Berth serves no S3).
TaskSecrets resolve_task_secrets(const SecretSources& sources,
                                 const model::PartitionKey& task_partition,
                                 const model::TaskDefinitionBody& definition);

// Puts a container's resolved values into its container definition (overrides applied): its
// secrets into `environment` (a secret wins over a variable of the same name, as on ECS), its
// secretOptions into `logConfiguration.options`. Nothing when `secrets` is null.
void add_resolved_secrets(nlohmann::json& container_definition, const TaskSecrets* secrets);

}  // namespace berth::runtime

#pragma once
// Where the runtime reads the values a task's `secrets`, `logConfiguration.secretOptions` and
// `repositoryCredentials` name: the app's Secrets Manager and SSM Parameter Store stores. They
// outlive the runtime and have their own locks, so reading them never holds the Store's.
namespace berth::model {
class SecretStore;
class ParameterStore;
}  // namespace berth::model

namespace berth::runtime {

struct SecretSources {
    const model::SecretStore* secrets = nullptr;        // null: no secret can be found
    const model::ParameterStore* parameters = nullptr;  // null: no parameter can be found
};

}  // namespace berth::runtime

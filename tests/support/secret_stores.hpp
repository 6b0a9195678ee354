#pragma once
// Filling the Secrets Manager and SSM stores the way their APIs would, for the tests of what
// reads them (the runtime's secret resolution, unit and integration). Header-only.
#include <string>

#include "berth/model/arn.hpp"
#include "berth/model/parameters.hpp"
#include "berth/model/secrets.hpp"

namespace berth::test {

// A new AWSCURRENT version of secret `name` (created with a new ARN when it is new): the
// version before becomes AWSPREVIOUS, as PutSecretValue does. Returns the secret's ARN.
inline std::string put_secret(model::SecretStore& store, const model::PartitionKey& key,
                              const std::string& name, const std::string& value) {
    return store.write(key, [&](model::SecretPartition& p) {
        auto& s = p.by_name[name];
        if (s.arn.empty()) {
            s.name = name;
            s.arn = model::new_secret_arn(key, name);
        }
        model::SecretVersion v;
        v.id = model::new_uuid();
        v.stages = {std::string(model::k_stage_current)};
        v.payload.secret_string = value;
        s.add_version(std::move(v));
        return s.arn;
    });
}

// A new version of SecureString parameter `name`.
inline void put_parameter(model::ParameterStore& store, const model::PartitionKey& key,
                          const std::string& name, const std::string& value) {
    store.write(key, [&](model::ParameterPartition& p) {
        auto& parameter = p.parameters[name];
        parameter.name = name;
        model::ParameterVersion v;
        v.type = model::ParameterType::secure_string;
        v.value = value;
        parameter.add_version(std::move(v));
    });
}

}  // namespace berth::test

#pragma once
// What a `valueFrom` of a container definition's `secrets` or `logConfiguration.secretOptions`
// names, the way ECS reads it (pure; no store is consulted):
//
//   arn:aws:secretsmanager:<region>:<account>:secret:<id>
//       a Secrets Manager secret, <id> its name with or without the six characters Secrets
//       Manager appends (a full or a partial ARN);
//   arn:aws:secretsmanager:<region>:<account>:secret:<id>:<json-key>:<version-stage>:<version-id>
//       the same, with ECS's three suffix fields, each of which may be empty (all three colons
//       must be there: "secret:db:password::"), as CloudFormation's dynamic references;
//   arn:aws:ssm:<region>:<account>:parameter/<name>
//       an SSM parameter ("parameter/a/b" is "/a/b", "parameter/a" is "a");
//   anything else: an SSM parameter name in the task's own account and Region.
//
// A Secrets Manager secret must be named by its ARN: a bare name is an SSM parameter, as on
// ECS. The account and Region of an ARN are where the value is looked up (cross-account and
// cross-Region references), else the task's.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "berth/model/common.hpp"

namespace berth::runtime {

enum class SecretSource : std::uint8_t { secrets_manager, parameter_store };

struct SecretRef {
    SecretSource source = SecretSource::parameter_store;
    model::PartitionKey partition;  // where to look the value up
    // Secrets Manager: the secret's ARN without the suffix fields (full or partial).
    // SSM: the parameter name or ARN as written (with any ":<version>" or ":<label>").
    std::string id;
    std::string json_key = {};       // Secrets Manager only; "" for the whole value
    std::string version_stage = {};  // Secrets Manager only; "" with no version id: AWSCURRENT
    std::string version_id = {};     // Secrets Manager only

    bool operator==(const SecretRef&) const = default;
};

// A valueFrom ECS cannot read; what() is the agent's explanation.
class ValueFromError : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

// Throws ValueFromError for an ARN of another service, or a Secrets Manager ARN with a number
// of suffix fields other than none or three.
SecretRef parse_value_from(std::string_view value_from, const model::PartitionKey& task_partition);

}  // namespace berth::runtime

#include "value_from.hpp"

#include <vector>

#include "berth/model/arn.hpp"

namespace berth::runtime {

namespace {

// The agent's words for a Secrets Manager ARN it cannot take apart.
constexpr const char* k_invalid_secret_arn =
    "an invalid ARN format for the AWS Secrets Manager secret was specified. Specify a valid "
    "ARN and try again.";

std::vector<std::string> split_colons(std::string_view text) {
    std::vector<std::string> parts;
    std::size_t pos = 0;
    for (;;) {
        auto colon = text.find(':', pos);
        parts.emplace_back(text.substr(pos, colon - pos));
        if (colon == std::string_view::npos) return parts;
        pos = colon + 1;
    }
}

// An ARN's own account and Region; an empty field keeps the task's.
model::PartitionKey partition_of(const model::Arn& arn, const model::PartitionKey& task) {
    return {arn.account.empty() ? task.account : arn.account,
            arn.region.empty() ? task.region : arn.region};
}

SecretRef reference(SecretSource source, const model::PartitionKey& partition,
                    std::string_view id) {
    SecretRef ref;
    ref.source = source;
    ref.partition = partition;
    ref.id = std::string(id);
    return ref;
}

// "secret:<id>" or "secret:<id>:<json-key>:<version-stage>:<version-id>".
SecretRef secrets_manager_ref(model::Arn arn, const model::PartitionKey& task) {
    const auto fields = split_colons(arn.resource);
    if (fields[0] != "secret" || (fields.size() != 2 && fields.size() != 5) || fields[1].empty()) {
        throw ValueFromError(k_invalid_secret_arn);
    }
    auto ref = reference(SecretSource::secrets_manager, partition_of(arn, task), "");
    if (fields.size() == 5) {
        ref.json_key = fields[2];
        ref.version_stage = fields[3];
        ref.version_id = fields[4];
        arn.resource = fields[0] + ":" + fields[1];
    }
    ref.id = arn.str();
    return ref;
}

}  // namespace

SecretRef parse_value_from(std::string_view value_from, const model::PartitionKey& task_partition) {
    if (!model::looks_like_arn(value_from)) {
        return reference(SecretSource::parameter_store, task_partition, value_from);
    }
    auto arn = model::parse_arn(value_from);
    if (!arn) throw ValueFromError("invalid ARN: " + std::string(value_from));
    if (arn->service == "secretsmanager")
        return secrets_manager_ref(std::move(*arn), task_partition);
    if (arn->service == "ssm" && arn->resource_type() == "parameter" &&
        !arn->resource_id().empty()) {
        return reference(SecretSource::parameter_store, partition_of(*arn, task_partition),
                         value_from);
    }
    throw ValueFromError("unsupported valueFrom " + std::string(value_from) +
                         ": name a Secrets Manager secret or an SSM parameter");
}

}  // namespace berth::runtime

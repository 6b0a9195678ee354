#pragma once
// Finding ECS resources from what clients send: a name or an ARN, as ECS accepts both. ARNs
// are checked against the caller's partition first (issue 5): an ARN of another region or
// account is refused the way ECS refuses it, never looked up elsewhere.
//
// Used by every handler that takes a cluster or a task definition (clusters, task
// definitions, tags, and the task and service operations).
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "berth/model/arn.hpp"
#include "berth/model/store.hpp"

namespace berth::api::ecs {

inline constexpr std::string_view k_default_cluster = "default";

// Parses an ECS ARN sent by a client and checks it belongs to `partition`. Throws
// InvalidParameterException: "The ARN provided is invalid." for malformed or non-ECS ARNs,
// "Invalid Region in ARN" for another region, "Invalid identifier: Identifier is for ..." for
// another account.
model::Arn check_ecs_arn(const model::PartitionKey& partition, std::string_view text);

// --- clusters --------------------------------------------------------------------------------

// The cluster name in a reference that is a name or a cluster ARN ("" means the default
// cluster, as when a call omits `cluster`).
std::string cluster_name(const model::PartitionKey& partition, std::string_view ref);
// The cluster named by input[member], or the default cluster when it is absent.
std::string cluster_name_from_input(const model::PartitionKey& partition,
                                    const nlohmann::json& input,
                                    std::string_view member = "cluster");

const model::Cluster* find_cluster(const model::Partition& p, std::string_view name);
model::Cluster* find_cluster(model::Partition& p, std::string_view name);
// Throws ClusterNotFoundException when no cluster of that name exists (in any status).
const model::Cluster& require_cluster(const model::Partition& p, std::string_view name);
model::Cluster& require_cluster(model::Partition& p, std::string_view name);
// As require_cluster, and the cluster must be ACTIVE: a deleted (INACTIVE) cluster is answered
// with ClusterNotFoundException too, as ECS does for calls that act on a cluster.
model::Cluster& require_active_cluster(model::Partition& p, std::string_view name);
const model::Cluster& require_active_cluster(const model::Partition& p, std::string_view name);

// --- task definitions ------------------------------------------------------------------------

// "family", "family:revision" or a task definition ARN (with or without ":revision"); a daemon
// task definition is named the same way.
struct TaskDefinitionRef {
    std::string family;
    std::optional<int> revision;  // absent: the latest ACTIVE revision
};

// Throws ClientException for text that is neither (bad family characters, bad revision), and
// InvalidParameterException for an ARN of another partition.
TaskDefinitionRef parse_task_definition_ref(const model::PartitionKey& partition,
                                            std::string_view text,
                                            std::string_view resource_type = "task-definition");

// nullptr when there is no such revision, or (for a bare family) no ACTIVE revision. A
// revision deleted with DeleteTaskDefinitions is found until it is gone (see is_gone).
const model::TaskDefinition* find_task_definition(const model::Partition& p,
                                                  const TaskDefinitionRef& ref);
model::TaskDefinition* find_task_definition(model::Partition& p, const TaskDefinitionRef& ref);
// Throws ClientException "Unable to describe task definition." when not found.
const model::TaskDefinition& require_task_definition(const model::Partition& p,
                                                     const TaskDefinitionRef& ref);

// The daemon task definition revision a ref names (whatever its status), or for a bare family
// its newest ACTIVE revision; nullptr when there is none.
const model::DaemonTaskDefinition* find_daemon_task_definition(const model::Partition& p,
                                                               const TaskDefinitionRef& ref);
model::DaemonTaskDefinition* find_daemon_task_definition(model::Partition& p,
                                                         const TaskDefinitionRef& ref);

// A revision in DELETE_IN_PROGRESS stays visible while a task or a service still uses it, as
// on ECS; after that it is gone for good.
bool is_gone(const model::Partition& p, const model::TaskDefinition& td);

// Erases the family's gone revisions, all but the newest (which holds the number the next
// revision follows), so that a family registered and deleted all day does not grow.
void forget_gone_revisions(model::Partition& p, const std::string& family);

}  // namespace berth::api::ecs

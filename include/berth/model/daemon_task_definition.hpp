#pragma once
// A daemon task definition revision (RegisterDaemonTaskDefinition): ECS keeps these apart from
// task definitions, in families of their own, with their own ARNs and statuses. Berth keeps the
// document it describes; nothing runs them yet (daemons are not built, docs/fidelity.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "berth/model/common.hpp"
#include "berth/model/names.hpp"

namespace berth::model {

enum class DaemonTaskDefinitionStatus : std::uint8_t { active, delete_in_progress, deleted };
template <>
inline constexpr NameTable<DaemonTaskDefinitionStatus, 3> k_names<DaemonTaskDefinitionStatus>{{{
    {DaemonTaskDefinitionStatus::active, "ACTIVE"},
    {DaemonTaskDefinitionStatus::delete_in_progress, "DELETE_IN_PROGRESS"},
    {DaemonTaskDefinitionStatus::deleted, "DELETED"},
}}};

struct DaemonTaskDefinition {
    std::string arn;
    std::string family;
    int revision = 0;
    DaemonTaskDefinitionStatus status = DaemonTaskDefinitionStatus::active;
    // The registered document (containerDefinitions, cpu, memory, roles, volumes, pidMode,
    // ipcMode) as compact JSON text, without what this struct holds.
    std::string document;
    std::string registered_by;
    TimePoint registered_at;
    std::optional<TimePoint> delete_requested_at;
    Tags tags;
};

// A family's revisions, in order: revision n is at index n - 1 (none is ever erased, so that
// a deleted one still describes as DELETED, as the DaemonTaskDefinitionDeleted waiter reads).
using DaemonTaskDefinitionRevisions = std::vector<DaemonTaskDefinition>;

}  // namespace berth::model

#pragma once
// The one lookup of a registered revision by ARN (or "family:revision"), shared by the
// scheduler, the runtime and the handlers.
#include <string_view>

#include "berth/model/store.hpp"

namespace berth::model {

// The revision an ARN or "family:revision" names, or nullptr.
const TaskDefinition* find_task_definition(const Partition& p, std::string_view arn);

// Revision `revision` of a family's revisions (in order, with gaps), or nullptr.
const TaskDefinition* find_revision(const std::vector<TaskDefinition>& revisions, int revision);

// The number RegisterTaskDefinition gives the family's next revision.
int next_revision(const std::vector<TaskDefinition>& revisions);

// The task definition a task runs, or nullptr when it is gone.
const TaskDefinition* task_definition_of(const Partition& p, const Task& task);

}  // namespace berth::model

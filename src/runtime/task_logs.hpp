#pragma once
// Where the runtime's steps meet the awslogs followers: the log groups are checked (or created)
// before a task's containers are, each container is followed once it has started, and a
// stopping task waits for its last lines before it is STOPPED and before its containers go.
// Every call does nothing when the app gave the runtime no LogStore.
#include <chrono>

#include "context.hpp"
#include "engine.hpp"

namespace berth::runtime {

// Throws StepFailure: CannotCreateContainerError for options the awslogs driver refuses,
// ResourceInitializationError for a log group that does not exist without
// awslogs-create-group.
void prepare_task_logs(Context& ctx, const TaskRef& ref, const TaskView& view);

// Starts following container `c` (just started) when its definition says awslogs; `resume`
// (an adopted container) from after the newest event its stream holds.
void follow_container_logs(Context& ctx, const TaskRef& ref, const TaskView& view, Engine& engine,
                           const model::TaskContainer& c, bool resume = false);

// After the task's containers stopped: waits until their output is in the store.
void drain_task_logs(Context& ctx, const TaskRef& ref);

// Before the task's containers are removed.
void forget_task_logs(Context& ctx, const TaskRef& ref);

}  // namespace berth::runtime

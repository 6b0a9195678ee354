#pragma once
// The runtime's sweep: which tasks have a step to take now. Runs under the Store's lock on
// every pass, so it reads typed values only (the task definition is shared, never copied) and
// parses nothing.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "berth/model/store.hpp"
#include "context.hpp"

namespace berth::runtime {

struct SweepOptions {
    model::TimePoint now;
    std::chrono::seconds stopped_task_retention{180};
    // Whether a job for this task ARN is queued or running already (skipped then).
    std::function<bool(const std::string&)> in_flight;
};

// The tasks of every partition whose next step is to be taken by a job.
std::vector<TaskRef> due_tasks(const model::Store& store, const SweepOptions& options);

}  // namespace berth::runtime

#pragma once
// Task sets of services with the EXTERNAL deployment controller: CreateTaskSet,
// DescribeTaskSets, UpdateTaskSet, DeleteTaskSet and UpdateServicePrimaryTaskSet record them;
// the scheduler holds each at its computed desired count (scheduler/task_sets.cpp).
#include "berth/model/service.hpp"

namespace berth::api::ecs {

// After the service's desiredCount changed: every task set's computedDesiredCount follows.
void rescale_task_sets(model::Service& s, model::TimePoint now);

// DeleteService: every task set drains with the service.
void drain_task_sets(model::Service& s, model::TimePoint now);

}  // namespace berth::api::ecs

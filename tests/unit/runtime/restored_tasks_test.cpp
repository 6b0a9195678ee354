#include "berth/runtime/restored_tasks.hpp"

#include <gtest/gtest.h>

namespace berth::runtime {
namespace {

using model::TaskStatus;

const model::TimePoint k_now{std::chrono::seconds(5000)};

model::Task task(TaskStatus last, const std::string& container_id) {
    model::Task t;
    t.arn = "arn:aws:ecs:us-east-1:000000000000:task/c/" + std::to_string(static_cast<int>(last)) +
            container_id;
    t.last_status = last;
    t.desired_status = TaskStatus::running;
    model::TaskContainer c;
    c.name = "app";
    c.runtime_id = container_id;
    c.known_status =
        container_id.empty() ? model::ContainerStatus::none : model::ContainerStatus::running;
    t.containers.push_back(c);
    return t;
}

model::Partition with(std::vector<model::Task> tasks) {
    model::Partition p;
    for (auto& t : tasks) p.tasks[t.arn] = t;
    return p;
}

TEST(RestoredTasks, ARunningTaskIsRecordedStoppedWithTheReason) {
    auto p = with({task(TaskStatus::running, "c0ffee")});
    EXPECT_EQ(settle_restored_tasks(p, k_now), 1);
    const auto& t = p.tasks.begin()->second;
    EXPECT_EQ(t.last_status, TaskStatus::stopped);
    EXPECT_EQ(t.desired_status, TaskStatus::stopped);
    EXPECT_EQ(t.stopped_reason, k_restart_stopped_reason);
    EXPECT_EQ(t.stop_code, model::StopCode::infrastructure_health);
    EXPECT_EQ(t.stopped_at, k_now);
    EXPECT_TRUE(t.resources_released);
    EXPECT_EQ(t.containers[0].known_status, model::ContainerStatus::stopped);
    EXPECT_EQ(t.containers[0].reason, k_restart_stopped_reason);
}

TEST(RestoredTasks, ATaskThatNeverReachedDockerCarriesOn) {
    auto p = with({task(TaskStatus::pending, "")});
    EXPECT_EQ(settle_restored_tasks(p, k_now), 0);
    EXPECT_EQ(p.tasks.begin()->second.last_status, TaskStatus::pending);
    EXPECT_FALSE(p.tasks.begin()->second.stopped_at);
}

TEST(RestoredTasks, AStoppedTaskKeepsItsOwnReason) {
    auto t = task(TaskStatus::stopped, "c0ffee");
    t.desired_status = TaskStatus::stopped;
    t.stop_code = model::StopCode::user_initiated;
    t.stopped_reason = "Task stopped by user";
    auto p = with({t});
    EXPECT_EQ(settle_restored_tasks(p, k_now), 0);
    EXPECT_EQ(p.tasks.begin()->second.stopped_reason, "Task stopped by user");
    EXPECT_TRUE(p.tasks.begin()->second.resources_released);
}

}  // namespace
}  // namespace berth::runtime

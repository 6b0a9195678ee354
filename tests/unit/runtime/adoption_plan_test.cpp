#include "runtime/adoption_plan.hpp"

#include <gtest/gtest.h>

namespace berth::runtime {
namespace {

using model::TaskStatus;

const model::PartitionKey k_partition{"000000000000", "us-east-1"};

model::Task task(const std::string& name, TaskStatus last, const std::string& container_id) {
    model::Task t;
    t.arn = "arn:aws:ecs:us-east-1:000000000000:task/c/" + name;
    t.last_status = last;
    t.desired_status = last == TaskStatus::stopped ? TaskStatus::stopped : TaskStatus::running;
    model::TaskContainer c;
    c.name = "app";
    c.essential = true;
    c.runtime_id = container_id;
    c.known_status =
        container_id.empty() ? model::ContainerStatus::none : model::ContainerStatus::running;
    t.containers.push_back(c);
    return t;
}

docker::ContainerSummary container(const std::string& id) {
    docker::ContainerSummary c;
    c.id = id;
    c.state = "running";
    return c;
}

std::vector<std::string> arns(const std::vector<TaskRef>& refs) {
    std::vector<std::string> out;
    for (const auto& r : refs) out.push_back(r.arn.substr(r.arn.rfind('/') + 1));
    return out;
}

std::vector<std::string> ids(const std::vector<docker::ContainerSummary>& cs) {
    std::vector<std::string> out;
    for (const auto& c : cs) out.push_back(c.id);
    return out;
}

struct Case {
    const char* what;
    std::vector<model::Task> tasks;
    std::vector<std::string> present;
    std::vector<std::string> adopt, vanished, orphans;
};

TEST(AdoptionPlan, Table) {
    auto released = task("released", TaskStatus::stopped, "c-released");
    released.resources_released = true;
    auto sandboxed = task("sandboxed", TaskStatus::pending, "");
    sandboxed.sandbox_id = "s-1";
    const std::vector<Case> cases = {
        {"a running task whose container runs is adopted",
         {task("web", TaskStatus::running, "c-1")},
         {"c-1"},
         {"web"},
         {},
         {}},
        {"a running task whose containers are gone vanished",
         {task("web", TaskStatus::running, "c-1")},
         {},
         {},
         {"web"},
         {}},
        {"a container no task records is an orphan",
         {task("web", TaskStatus::running, "c-1")},
         {"c-1", "c-x"},
         {"web"},
         {},
         {"c-x"}},
        {"a released task owns nothing: its container is an orphan",
         {released},
         {"c-released"},
         {},
         {},
         {"c-released"}},
        {"a stopped task keeps its containers until released, and is not adopted",
         {task("done", TaskStatus::stopped, "c-2")},
         {"c-2"},
         {},
         {},
         {}},
        {"a task that never reached Docker is neither adopted nor vanished",
         {task("new", TaskStatus::provisioning, "")},
         {},
         {},
         {},
         {}},
        {"the sandbox alone is enough to adopt", {sandboxed}, {"s-1"}, {"sandboxed"}, {}, {}},
        {"a missing sandbox with nothing else vanished", {sandboxed}, {}, {}, {"sandboxed"}, {}},
    };
    for (const auto& c : cases) {
        std::vector<EngineTask> tasks;
        for (const auto& t : c.tasks) tasks.push_back({k_partition, t});
        std::vector<docker::ContainerSummary> present;
        for (const auto& id : c.present) present.push_back(container(id));
        const auto plan = plan_adoption(tasks, present);
        EXPECT_EQ(arns(plan.adopt), c.adopt) << c.what;
        EXPECT_EQ(arns(plan.vanished), c.vanished) << c.what;
        EXPECT_EQ(ids(plan.orphans), c.orphans) << c.what;
    }
}

TEST(AdoptionPlan, AVanishedRunningTaskStopsAsForAnEssentialExit) {
    auto t = task("web", TaskStatus::running, "c-1");
    EXPECT_TRUE(record_vanished(t));
    EXPECT_EQ(t.desired_status, TaskStatus::stopped);
    EXPECT_EQ(t.stop_code, model::StopCode::essential_container_exited);
    EXPECT_EQ(t.stopped_reason, "Essential container in task exited");
    EXPECT_EQ(t.containers[0].known_status, model::ContainerStatus::stopped);
    EXPECT_EQ(t.containers[0].reason, k_vanished_reason);
    EXPECT_FALSE(record_vanished(t));  // once
}

TEST(AdoptionPlan, AVanishedSandboxFailsATaskThatHadNoContainersYet) {
    auto t = task("sandboxed", TaskStatus::pending, "");
    t.sandbox_id = "s-1";
    EXPECT_TRUE(record_vanished(t));
    EXPECT_EQ(t.desired_status, TaskStatus::stopped);
    EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start);
    EXPECT_EQ(t.stopped_reason,
              "ResourceInitializationError: the task's sandbox was removed while Berth was down");
}

}  // namespace
}  // namespace berth::runtime

// One task's steps, taken one after another for as long as the next can be taken now: a task
// goes from PENDING to RUNNING in a single job, without waiting for another pass of the loop.
#include <spdlog/spdlog.h>

#include "berth/model/failure.hpp"
#include "observations.hpp"
#include "steps.hpp"

namespace berth::runtime {

namespace {

// More than any task needs (provision, create, a start per container, running): a step that
// does not move the task on must not spin.
constexpr int k_max_steps_per_job = 64;

void fail(Context& ctx, const TaskRef& ref, const std::string& why) {
    spdlog::info("task {}: {}", ref.arn, why);
    update_task(ctx.store, ref, [&](model::Task& t) { return fail_task(t, why); });
}

// Runs one step; false when there is nothing more to do now.
bool take_step(Context& ctx, const TaskRef& ref, const TaskView& view, const Step& step) {
    switch (step.kind) {
        case StepKind::none:
        case StepKind::wait:
            return false;
        case StepKind::provision:
            provision(ctx, ref, view);
            return true;
        case StepKind::create:
            create(ctx, ref, view);
            return true;
        case StepKind::start_containers:
            start_containers(ctx, ref, view, step.containers);
            return true;
        case StepKind::abandon:
            abandon(ctx, ref, step.abandon);
            return true;
        case StepKind::mark_running:
            mark_running(ctx, ref);
            return true;
        case StepKind::stop:
            stop_task(ctx, ref, view);
            return true;
        case StepKind::release:
            release_task(ctx, ref, view);
            return false;
    }
    return false;
}

}  // namespace

std::string docker_failure(model::FailureClass failure, const docker::DockerError& e,
                           const std::string& host) {
    if (e.kind() == docker::ErrorKind::unreachable) {
        return model::failure_reason(failure, "Cannot connect to the Docker daemon at " + host +
                                                  ". Is the docker daemon running?");
    }
    return model::failure_reason(failure, e.message());
}

void drive_task(Context& ctx, const TaskRef& ref) {
    for (int i = 0; i < k_max_steps_per_job && ctx.running; ++i) {
        auto view = read_task(ctx.store, ref);
        if (!view) return;
        const auto& task = view->task;
        if (!view->task_definition && task.desired_status == model::TaskStatus::running) {
            fail(ctx, ref,
                 model::failure_reason(
                     model::FailureClass::cannot_create_container,
                     "task definition " + task.task_definition_arn + " not found"));
            continue;
        }
        const auto& definition = view->definition();
        const Step step = next_step({task, definition.containers, needs_sandbox(task, definition),
                                     model::Clock::now(), ctx.options.stopped_task_retention});
        try {
            if (!take_step(ctx, ref, *view, step)) return;
        } catch (const StepFailure& e) {
            fail(ctx, ref, e.what());
        } catch (const docker::DockerError& e) {
            // Stopping and releasing tolerate a missing engine; the next tick retries.
            spdlog::warn("task {}: {}", task.id, e.what());
            return;
        } catch (const std::exception& e) {
            fail(ctx, ref,
                 model::failure_reason(model::FailureClass::cannot_create_container, e.what()));
        }
    }
    if (ctx.running) {
        spdlog::warn("task {}: still has work after {} steps", ref.arn, k_max_steps_per_job);
    }
}

}  // namespace berth::runtime

// Starting the containers whose dependencies are met, giving up on those whose dependencies
// never will be, and RUNNING once every container has started.
#include <spdlog/spdlog.h>

#include "network_bindings.hpp"
#include "observations.hpp"
#include "steps.hpp"
#include "task_endpoints.hpp"
#include "task_logs.hpp"

namespace berth::runtime {

using nlohmann::json;

namespace {

void start_one(Context& ctx, const TaskRef& ref, const TaskView& view, Engine& engine,
               const model::TaskContainer& c) {
    auto& client = engine.client();
    try {
        client.container_start(c.runtime_id);
    } catch (const docker::DockerError& e) {
        auto why = docker_failure(model::FailureClass::cannot_start_container, e, engine.host());
        update_task(ctx.store, ref, [&](model::Task& t) {
            if (c.essential) fail_task(t, why);
            return record_container_stopped(t, c.name, std::nullopt, why);
        });
        return;
    }
    follow_container_logs(ctx, ref, view, engine, c);
    docker::ContainerDetails d;
    try {
        d = client.container_inspect(c.runtime_id);
    } catch (const docker::DockerError& e) {
        // Started, then gone already (removed out of band): the destroy event says so.
        spdlog::debug("task {}: inspect {} after start: {}", view.task.id, c.name, e.what());
        return;
    }
    connect_container(ctx, engine, ref, view, c.name, d);
    json bindings = network_mode_of(view.task, view.definition()) == model::NetworkMode::host
                        ? host_mode_bindings(view.definition().container(c.name))
                        : bindings_from_inspect(d.raw);
    update_task(ctx.store, ref, [&](model::Task& t) {
        auto* tc = find_container(t, c.name);
        if (!tc || tc->known_status >= model::ContainerStatus::running) return false;
        tc->network_bindings = bindings;
        if (tc->image_digest.empty()) tc->image_digest = d.image_id;
        if (d.state.running) {
            tc->known_status = model::ContainerStatus::running;
            return true;
        }
        // It ran and already exited (its die event may still be on its way).
        tc->known_status = model::ContainerStatus::running;
        record_container_stopped(t, c.name, d.state.exit_code,
                                 d.state.oom_killed ? reason::oom : d.state.error);
        return true;
    });
}

}  // namespace

void start_containers(Context& ctx, const TaskRef& ref, const TaskView& view,
                      const std::vector<std::string>& names) {
    Engine& engine = ctx.engines.for_host(view.docker_host);
    for (const auto& name : names) {
        const auto* c = find_container(view.task, name);
        if (c && !c->runtime_id.empty()) start_one(ctx, ref, view, engine, *c);
    }
}

void abandon(Context& ctx, const TaskRef& ref, const std::vector<AbandonedContainer>& containers) {
    // As the agent does: the container never runs and is reported as if stopped by SIGTERM.
    constexpr int k_sigterm_exit = 143;
    update_task(ctx.store, ref, [&](model::Task& t) {
        bool changed = false;
        for (const auto& a : containers) {
            changed |= record_container_stopped(t, a.name, k_sigterm_exit, a.reason);
        }
        return changed;
    });
}

void mark_running(Context& ctx, const TaskRef& ref) {
    update_task(ctx.store, ref, [](model::Task& t) {
        if (t.desired_status != model::TaskStatus::running) return false;
        if (!advance_task(t, model::TaskStatus::running)) return false;
        auto now = model::Clock::now();
        t.started_at = now;
        if (t.connectivity.empty()) {
            t.connectivity = "CONNECTED";
            t.connectivity_at = now;
        }
        return true;
    });
}

}  // namespace berth::runtime

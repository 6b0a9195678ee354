// Stopping a task (STOPPING → DEPROVISIONING → STOPPED) and, after the retention delay,
// removing its containers and task volumes.
#include <algorithm>
#include <filesystem>
#include <map>
#include <thread>

#include <spdlog/spdlog.h>

#include "observations.hpp"
#include "steps.hpp"
#include "task_endpoints.hpp"
#include "task_logs.hpp"

namespace berth::runtime {

namespace {

using model::TaskStatus;

// Includes created containers the Store does not know started (a start whose outcome was never
// recorded); stopping a container that never ran is harmless.
bool may_run(const model::TaskContainer& c) {
    return !c.runtime_id.empty() && c.known_status != model::ContainerStatus::stopped;
}

// Dependents stop before what they depend on (reverse dependsOn order); each layer of
// containers that nothing still running depends on stops in parallel.
std::vector<std::vector<const model::TaskContainer*>> stop_layers(
    const model::Task& task, const std::vector<ContainerRules>& rules) {
    std::vector<const model::TaskContainer*> remaining;
    for (const auto& c : task.containers) {
        if (may_run(c)) remaining.push_back(&c);
    }
    auto depends_on = [&](const std::string& who, const std::string& target) {
        for (const auto& r : rules) {
            if (r.name != who) continue;
            for (const auto& d : r.depends_on) {
                if (d.container == target) return true;
            }
        }
        return false;
    };
    std::vector<std::vector<const model::TaskContainer*>> layers;
    while (!remaining.empty()) {
        std::vector<const model::TaskContainer*> layer, rest;
        for (const auto* c : remaining) {
            bool needed = std::any_of(remaining.begin(), remaining.end(), [&](const auto* o) {
                return o != c && depends_on(o->name, c->name);
            });
            (needed ? rest : layer).push_back(c);
        }
        if (layer.empty()) std::swap(layer, rest);  // a cycle: stop the rest together
        layers.push_back(std::move(layer));
        remaining = std::move(rest);
    }
    return layers;
}

std::chrono::seconds stop_timeout_of(const std::vector<ContainerRules>& rules,
                                     const std::string& name) {
    for (const auto& r : rules) {
        if (r.name == name) return r.stop_timeout;
    }
    return std::chrono::seconds(30);
}

void stop_containers(Engine& engine, const model::Task& task,
                     const std::vector<ContainerRules>& rules) {
    for (const auto& layer : stop_layers(task, rules)) {
        std::vector<std::thread> threads;
        for (const auto* c : layer) {
            int timeout = static_cast<int>(stop_timeout_of(rules, c->name).count());
            threads.emplace_back([&engine, id = c->runtime_id, timeout, &task] {
                try {
                    engine.client().container_stop(id, timeout);
                } catch (const docker::DockerError& e) {
                    spdlog::debug("task {}: stop {}: {}", task.id, id.substr(0, 12), e.what());
                }
            });
        }
        for (auto& t : threads) t.join();
    }
}

struct Exit {
    std::optional<int> code;
    std::string reason;
};

// Exit codes of the containers the Store does not know stopped yet (their die events may be
// late; the engine knows).
std::map<std::string, Exit> read_exits(Engine& engine, const model::Task& task) {
    std::map<std::string, Exit> exits;
    for (const auto& c : task.containers) {
        if (c.runtime_id.empty() || c.known_status == model::ContainerStatus::stopped) continue;
        try {
            auto d = engine.client().container_inspect(c.runtime_id);
            if (d.state.running) continue;
            Exit e;
            if (d.state.status != "created") e.code = d.state.exit_code;
            if (d.state.oom_killed) e.reason = reason::oom;
            exits[c.name] = e;
        } catch (const docker::DockerError& e) {
            if (e.is_not_found()) exits[c.name] = {std::nullopt, reason::removed};
        }
    }
    return exits;
}

void remove_sandbox(Engine& engine, const std::string& id) {
    try {
        engine.client().container_kill(id);
    } catch (const docker::DockerError& e) {
        spdlog::debug("sandbox {}: {}", id.substr(0, 12), e.what());
    }
}

}  // namespace

void stop_task(Context& ctx, const TaskRef& ref, const TaskView& view) {
    Engine& engine = ctx.engines.for_host(view.docker_host);
    const bool awsvpc = network_mode_of(view.task, view.definition()) == model::NetworkMode::awsvpc;
    const auto& sandbox = view.task.sandbox_id;  // awsvpc's, or one holding shared namespaces
    const auto rules = container_rules(view.definition());
    update_task(ctx.store, ref, [&](model::Task& t) {
        if (!t.stopping_at) t.stopping_at = model::Clock::now();
        for (auto& c : t.containers) c.desired_status = model::ContainerStatus::stopped;
        if (t.last_status >= TaskStatus::running) {
            if (awsvpc) advance_task(t, TaskStatus::deactivating);
            advance_task(t, TaskStatus::stopping);
        }
        return true;
    });
    stop_containers(engine, view.task, rules);
    auto exits = read_exits(engine, view.task);
    update_task(ctx.store, ref, [&](model::Task& t) {
        for (const auto& [name, e] : exits) record_container_stopped(t, name, e.code, e.reason);
        if (awsvpc) advance_task(t, TaskStatus::deprovisioning);
        return true;
    });
    if (!sandbox.empty()) remove_sandbox(engine, sandbox);
    drain_task_logs(ctx, ref);  // STOPPED means every line it wrote can be read
    update_task(ctx.store, ref, [&](model::Task& t) {
        auto now = model::Clock::now();
        for (auto& c : t.containers) c.known_status = model::ContainerStatus::stopped;
        for (auto& a : t.attachments) {
            if (a.value("type", "") == "ElasticNetworkInterface") a["status"] = "DELETED";
        }
        advance_task(t, TaskStatus::stopped);
        if (!t.stopping_at) t.stopping_at = now;
        if (!t.execution_stopped_at) t.execution_stopped_at = now;
        if (!t.stopped_at) t.stopped_at = now;
        return true;
    });
    spdlog::debug("task {}: stopped ({})", view.task.id, model::to_string(view.task.stop_code));
}

void release_task(Context& ctx, const TaskRef& ref, const TaskView& view) {
    Engine& engine = ctx.engines.for_host(view.docker_host);
    auto& client = engine.client();
    const std::vector<std::string> mine = {std::string(label::task_arn) + "=" + ref.arn,
                                           std::string(label::instance) + "=" + ctx.instance_id};
    forget_task_logs(ctx, ref);
    docker::ContainerFilter filter;
    filter.labels = mine;
    for (const auto& c : client.container_list(filter)) {
        try {
            client.container_remove(c.id, true, true);
        } catch (const docker::DockerError& e) {
            if (!e.is_not_found()) throw;
        }
    }
    for (const auto& volume : client.volume_list(mine)) {
        try {
            client.volume_remove(volume, true);
        } catch (const docker::DockerError& e) {
            if (!e.is_not_found()) throw;
        }
    }
    forget_endpoints(ctx, view);
    if (!ctx.options.firelens_dir.empty() && !view.task.id.empty()) {
        std::error_code ec;  // the router's files (step_create.cpp); none when it had none
        std::filesystem::remove_all(ctx.options.firelens_dir + "/" + view.task.id, ec);
        if (ec) spdlog::warn("task {}: FireLens files left behind: {}", view.task.id, ec.message());
    }
    update_task(ctx.store, ref, [](model::Task& t) {
        t.resources_released = true;
        return true;
    });
}

}  // namespace berth::runtime

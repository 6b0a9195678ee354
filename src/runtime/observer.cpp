#include "observer.hpp"

#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "berth/model/failure.hpp"
#include "berth/runtime/task_spec.hpp"
#include "observations.hpp"

namespace berth::runtime {

namespace {

using model::TaskStatus;

std::optional<model::PartitionKey> partition_of(const std::string& text) {
    auto slash = text.find('/');
    if (slash == std::string::npos) return std::nullopt;
    return model::PartitionKey{text.substr(0, slash), text.substr(slash + 1)};
}

std::optional<model::HealthStatus> health_of(std::string_view docker_health) {
    if (docker_health == "healthy") return model::HealthStatus::healthy;
    if (docker_health == "unhealthy") return model::HealthStatus::unhealthy;
    return std::nullopt;  // "starting", or no health check
}

// The sandbox holds the task's network: without it the task cannot go on.
bool sandbox_exited(model::Task& t) {
    if (t.desired_status != TaskStatus::running) return false;
    if (t.last_status < TaskStatus::running) {
        return fail_task(t, model::failure_reason(model::FailureClass::resource_initialization,
                                                  "the task's network sandbox exited"));
    }
    t.desired_status = TaskStatus::stopped;
    t.stop_code = model::StopCode::essential_container_exited;
    t.stopped_reason = "Task network sandbox exited";
    return true;
}

bool apply_event(model::Task& t, const docker::Event& e, const std::string& container,
                 bool sandbox) {
    // Only the containers the task records: not a sandbox or container of an attempt that
    // failed and was removed.
    if (sandbox && t.sandbox_id != e.id) return false;
    if (!sandbox) {
        const auto* c = find_container(t, container);
        if (!c || c->runtime_id != e.id) return false;
    }
    if (e.action == "die") {
        if (sandbox) return sandbox_exited(t);
        return record_container_stopped(t, container, e.exit_code(), "");
    }
    if (e.action == "destroy") {
        if (sandbox) return sandbox_exited(t);
        return record_container_stopped(t, container, std::nullopt, reason::removed);
    }
    if (sandbox) return false;
    if (e.action == "oom") {
        auto* c = find_container(t, container);
        if (!c || !c->reason.empty()) return false;
        c->reason = reason::oom;
        return true;
    }
    if (e.action == "health_status") {
        if (auto h = health_of(e.detail)) return record_container_health(t, container, *h);
    }
    return false;
}

}  // namespace

void observe_event(Context& ctx, const docker::Event& e) {
    if (e.type != "container") return;
    if (e.attribute(label::instance) != ctx.instance_id) return;
    auto partition = partition_of(e.attribute(label::partition));
    const auto& arn = e.attribute(label::task_arn);
    if (!partition || arn.empty()) return;
    const bool sandbox = e.attribute(label::role) == "sandbox";
    const auto& container = e.attribute(label::container_name);
    update_task(ctx.store, {*partition, arn},
                [&](model::Task& t) { return apply_event(t, e, container, sandbox); });
}

void resync_engine(Context& ctx, Engine& engine) {
    auto& client = engine.client();
    const bool first_engine = &engine == &ctx.engines.first();
    // Only containers the Store knew before the listing can be judged by it: one created
    // meanwhile is simply not in the list yet.
    std::set<std::string> known;
    ctx.store.read_all([&](const model::Partition& p) {
        for (const auto& [arn, t] : p.tasks) {
            if (t.last_status == TaskStatus::stopped || !runs_on(p, t, engine, first_engine)) {
                continue;
            }
            for (const auto& c : t.containers) {
                if (!c.runtime_id.empty()) known.insert(c.runtime_id);
            }
        }
    });
    docker::ContainerFilter filter;
    filter.labels = {std::string(label::instance) + "=" + ctx.instance_id};
    std::map<std::string, docker::ContainerDetails> present;  // by id
    for (const auto& summary : client.container_list(filter)) {
        try {
            present[summary.id] = client.container_inspect(summary.id);
        } catch (const docker::DockerError& e) {
            if (!e.is_not_found()) throw;
        }
    }
    ctx.store.write_all([&](model::Partition& p) {
        for (auto& [arn, t] : p.tasks) {
            if (t.last_status == TaskStatus::stopped) continue;
            if (!runs_on(p, t, engine, first_engine)) continue;
            bool changed = false;
            for (auto& c : t.containers) {
                if (!known.contains(c.runtime_id) ||
                    c.known_status == model::ContainerStatus::stopped)
                    continue;
                auto it = present.find(c.runtime_id);
                if (it == present.end()) {
                    changed |= record_container_stopped(t, c.name, std::nullopt, reason::removed);
                    continue;
                }
                const auto& state = it->second.state;
                if (auto h = health_of(state.health))
                    changed |= record_container_health(t, c.name, *h);
                if (c.known_status == model::ContainerStatus::running && !state.running) {
                    changed |= record_container_stopped(t, c.name, state.exit_code,
                                                        state.oom_killed ? reason::oom : "");
                }
            }
            if (changed) ++t.version;
        }
    });
    spdlog::debug("docker engine {}: resynced {} containers", engine.host(), present.size());
}

}  // namespace berth::runtime

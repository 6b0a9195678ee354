#include "adoption.hpp"

#include <set>

#include <spdlog/spdlog.h>

#include "adoption_plan.hpp"
#include "berth/runtime/task_spec.hpp"
#include "shutdown.hpp"
#include "task_endpoints.hpp"
#include "task_logs.hpp"

namespace berth::runtime {

namespace {

using nlohmann::json;

std::vector<EngineTask> tasks_on(const model::Store& store, const Engine& engine,
                                 bool first_engine) {
    std::vector<EngineTask> tasks;
    store.read_all([&](const model::Partition& p) {
        for (const auto& [arn, t] : p.tasks) {
            if (runs_on(p, t, engine, first_engine)) tasks.push_back({p.key, t});
        }
    });
    return tasks;
}

std::optional<docker::ContainerDetails> inspect(docker::Client& client, const std::string& id) {
    if (id.empty()) return std::nullopt;
    try {
        return client.container_inspect(id);
    } catch (const docker::DockerError& e) {
        if (e.is_not_found()) return std::nullopt;
        throw;
    }
}

// Berth's DNS server on every address the containers were given as their resolver.
void listen_for_dns(Context& ctx, const AdoptedContainers& adopted) {
    if (!ctx.options.dns_on) return;
    std::set<std::string> resolvers;
    auto add = [&](const docker::ContainerDetails& d) {
        for (const auto& address :
             d.raw.value("HostConfig", json::object()).value("Dns", json::array())) {
            if (address.is_string()) resolvers.insert(address.get<std::string>());
        }
    };
    if (adopted.sandbox) add(*adopted.sandbox);
    for (const auto& [name, d] : adopted.containers) add(d);
    for (const auto& address : resolvers) ctx.options.dns_on(address);
}

void rearm(Context& ctx, Engine& engine, const TaskRef& ref) {
    auto view = read_task(ctx.store, ref);
    if (!view) return;
    auto& client = engine.client();
    AdoptedContainers adopted;
    adopted.sandbox = inspect(client, view->task.sandbox_id);
    for (const auto& c : view->task.containers) {
        if (auto d = inspect(client, c.runtime_id)) adopted.containers.emplace(c.name, *d);
    }
    adopt_endpoints(ctx, engine, ref, *view, adopted);
    listen_for_dns(ctx, adopted);
    for (const auto& c : view->task.containers) {
        if (c.known_status < model::ContainerStatus::running) continue;
        if (adopted.containers.contains(c.name)) {
            follow_container_logs(ctx, ref, *view, engine, c, true);
        }
    }
}

}  // namespace

void adopt_engine(Context& ctx, Engine& engine) {
    auto& client = engine.client();
    docker::ContainerFilter filter;
    filter.labels = {std::string(label::instance) + "=" + ctx.instance_id};
    const auto present = client.container_list(filter);
    const bool first_engine = &engine == &ctx.engines.first();
    const auto plan = plan_adoption(tasks_on(ctx.store, engine, first_engine), present);

    remove_containers(client, plan.orphans, ctx.options.shutdown_stop_timeout);
    for (const auto& ref : plan.vanished) update_task(ctx.store, ref, record_vanished);
    for (const auto& ref : plan.adopt) {
        try {
            rearm(ctx, engine, ref);
        } catch (const docker::DockerError& e) {
            spdlog::warn("task {}: adopted, but {}", ref.arn, e.what());
        }
    }
    spdlog::info(
        "docker engine {}: adopted {} task(s) of an earlier run; {} task(s) whose containers "
        "vanished recorded stopped; {} orphan container(s) removed",
        engine.host(), plan.adopt.size(), plan.vanished.size(), plan.orphans.size());
}

}  // namespace berth::runtime

// RunTask and StartTask: validate, place, and record tasks that should run. The answer comes at
// once, with the tasks PROVISIONING (awsvpc) or PENDING; the runtime starts the containers.
#include <string>
#include <vector>

#include "api/ecs/handlers.hpp"
#include "api/ecs/idempotency.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/task_placement.hpp"
#include "api/ecs/tasks_launch.hpp"
#include "api/ecs/tasks_request.hpp"
#include "api/ecs/tasks_resolve.hpp"
#include "api/ecs/tasks_serialize.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

// The RunTask request that reuses a clientToken for another request.
const protocol::AwsError& token_conflict() {
    static const protocol::AwsError k_conflict(
        "ConflictException",
        "The client token was already used by a different RunTask request. Use a new client "
        "token for a new request.");
    return k_conflict;
}

json run_tasks(model::Partition& p, const LaunchRequest& request, model::TimePoint now) {
    const auto& cluster = require_active_cluster(p, request.cluster);
    const auto& td = runnable_task_definition(p, request.task_definition);
    const auto targets = launch_targets(request.launch, cluster, request.count);
    check_launch(td, request, targets);

    const auto base = launch_template(request, td, now);
    std::vector<model::Task> tasks;
    for (std::size_t i = 0; i < request.count; ++i) {
        auto launch = base;
        launch.launch_type = targets[i].launch_type;
        launch.capacity_provider_name = targets[i].capacity_provider;
        launch.index = i;
        tasks.push_back(model::make_task(p.key, cluster, td, launch));
    }
    const auto seed = static_cast<std::uint64_t>(now.time_since_epoch().count());
    auto failures = place_tasks(p, request.cluster, td, request.placement, tasks, seed);

    json out{{"tasks", json::array()}, {"failures", json::array()}};
    for (auto& task : tasks) {
        task.seq = p.take_seq();
        out["tasks"].push_back(task_json(task, !task.tags.empty()));
        p.tasks[task.arn] = std::move(task);
    }
    for (const auto& f : failures) out["failures"].push_back(failure_json(f.arn, f.reason));
    return out;
}

}  // namespace

json run_task(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto request = read_run_task(key, input);
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        require_active_cluster(p, request.cluster);
        if (!request.client_token) return run_tasks(p, request, now);
        const ClientToken token{"RunTask", request.cluster, *request.client_token};
        if (auto prior = replay(p, token, input, now, token_conflict())) return *prior;
        auto out = run_tasks(p, request, now);
        remember(p, token, input, out, now);
        return out;
    });
}

// --- StartTask -------------------------------------------------------------------------------

json start_task(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto request = read_start_task(key, input);
    const auto& refs = request.container_instances;
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        const auto& cluster = require_active_cluster(p, request.cluster);
        const auto& td = runnable_task_definition(p, request.task_definition);
        check_compatibility(td, model::LaunchType::ec2);
        check_network(td, request.network, model::LaunchType::ec2);
        check_overrides(td, request.overrides);
        const auto base = launch_template(request, td, now);

        json out{{"tasks", json::array()}, {"failures", json::array()}};
        for (std::size_t i = 0; i < refs.size(); ++i) {
            const auto* ci = find_container_instance(p, request.cluster, refs[i]);
            if (!ci) {
                out["failures"].push_back(failure_json(refs[i], "MISSING"));
                continue;
            }
            // INACTIVE, or DRAINING: no new tasks there
            if (ci->status != model::ContainerInstanceStatus::active) {
                out["failures"].push_back(
                    failure_json(ci->arn, std::string(model::to_string(ci->status))));
                continue;
            }
            auto launch = base;
            launch.index = i;
            model::place_on(launch, *ci);
            auto task = model::make_task(p.key, cluster, td, launch);
            if (auto misfit = check_fits(p, task, td)) {
                out["failures"].push_back(failure_json(misfit->arn, misfit->reason));
                continue;
            }
            task.seq = p.take_seq();
            out["tasks"].push_back(task_json(task, !task.tags.empty()));
            p.tasks[task.arn] = std::move(task);
        }
        return out;
    });
}

}  // namespace berth::api::ecs

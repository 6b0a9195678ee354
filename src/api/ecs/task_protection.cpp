// GetTaskProtection and UpdateTaskProtection: task scale-in protection. The handlers only record
// the expiry on the task (model::Task::protected_until); the scheduler reads it when it picks
// tasks to stop for a scale-in or a deployment (scheduler/reconcile.hpp).
#include <chrono>
#include <string>
#include <vector>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/tasks_resolve.hpp"
#include "berth/model/task_predicates.hpp"
#include "berth/model/task_protection.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

// A ProtectedTask: an expired protection reads as off, with no expirationDate.
json protected_task_json(const model::Task& task, model::TimePoint now) {
    const bool on = model::is_protected(task, now);
    json out{{"taskArn", task.arn}, {"protectionEnabled", on}};
    if (on) out["expirationDate"] = timestamp(*task.protected_until);
    return out;
}

// The answer for `refs` in the cluster: each task that can be protected is passed to `act` and
// listed in protectedTasks, the others are failures. `P` is a const or a mutable Partition.
template <class P, class Act>
json each_protectable(P& p, const std::string& cluster, const std::vector<std::string>& refs,
                      model::TimePoint now, Act act) {
    json out{{"protectedTasks", json::array()}, {"failures", json::array()}};
    for (const auto& ref : refs) {
        auto* task = find_task(p, cluster, ref);
        if (const char* reason = model::protection_refusal(task)) {
            out["failures"].push_back(failure_json(ref, reason));
            continue;
        }
        act(*task);
        out["protectedTasks"].push_back(protected_task_json(*task, now));
    }
    return out;
}

// expiresInMinutes as sent (or the default), refused outside ECS's range.
std::chrono::minutes expires_in(const json& input) {
    const int minutes = has(input, "expiresInMinutes") ? input["expiresInMinutes"].get<int>()
                                                       : model::k_protection_default_minutes;
    if (auto error = model::protection_minutes_error(minutes); !error.empty()) {
        throw errors::invalid_parameter(error);
    }
    return std::chrono::minutes(minutes);
}

}  // namespace

json update_task_protection(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto request = read_cluster_refs(key, input, "tasks", batch_limits("tasks"));
    const bool enable = input["protectionEnabled"].get<bool>();
    const auto lasts = expires_in(input);
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        require_cluster(p, request.cluster);
        // Enabling again restarts the expiry; disabling clears it.
        return each_protectable(p, request.cluster, request.refs, now, [&](model::Task& task) {
            model::set_protection(task, enable, lasts, now);
        });
    });
}

json get_task_protection(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const bool listed = has(input, "tasks");
    const auto refs =
        listed ? read_refs(input, "tasks", describe_limits("Tasks")) : std::vector<std::string>{};
    const auto now = env.now();
    return env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, cluster);
        if (listed) return each_protectable(p, cluster, refs, now, [](const model::Task&) {});
        // Without `tasks`: the cluster's tasks that are protected now.
        json out{{"protectedTasks", json::array()}, {"failures", json::array()}};
        for (const auto& [arn, task] : p.tasks) {
            if (task.cluster_name == cluster && !model::protection_refusal(&task) &&
                model::is_protected(task, now))
                out["protectedTasks"].push_back(protected_task_json(task, now));
        }
        return out;
    });
}

}  // namespace berth::api::ecs

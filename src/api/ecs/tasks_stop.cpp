// StopTask: records that a task should stop. The runtime sends SIGTERM, then SIGKILL after the
// container's stopTimeout, and walks the task to STOPPED.
#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/tasks_resolve.hpp"
#include "api/ecs/tasks_serialize.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

// ECS's stoppedReason when StopTask gives none.
constexpr const char* k_default_reason = "Task stopped by user";
constexpr std::size_t k_max_reason = 1024;

}  // namespace

json stop_task(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto ref = input["task"].get<std::string>();
    auto reason = optional_string(input, "reason").value_or("");
    if (reason.size() > k_max_reason) reason.resize(k_max_reason);
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        require_cluster(p, cluster);
        auto* task = find_task(p, cluster, ref);
        if (!task) throw errors::invalid_parameter("The referenced task was not found.");
        // Stopping a task that is already stopping or stopped changes nothing.
        model::request_stop(*task, model::StopCode::user_initiated,
                            reason.empty() ? k_default_reason : reason, now);
        return json{{"task", task_json(*task, false)}};
    });
}

}  // namespace berth::api::ecs

// RunTask and StartTask: validate, place, and record tasks that should run. The answer comes at
// once, with the tasks PROVISIONING (awsvpc) or PENDING; the runtime starts the containers.
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/task_placement.hpp"
#include "api/ecs/tasks_launch.hpp"
#include "api/ecs/tasks_resolve.hpp"
#include "api/ecs/tasks_serialize.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

constexpr std::size_t k_max_count = 10;
// ECS keeps a RunTask client token for 24 hours.
constexpr auto k_token_ttl = std::chrono::hours(24);

std::size_t read_count(const json& input) {
    const int count = input.value("count", 1);
    if (count < 1 || count > static_cast<int>(k_max_count)) {
        throw errors::invalid_parameter("count must be between 1 and 10.");
    }
    return static_cast<std::size_t>(count);
}

json member_or_empty(const json& input, const char* name) {
    return has(input, name) ? input[name] : json::array();
}

// --- clientToken idempotency (per cluster, as ECS scopes it) ---------------------------------

std::string token_key(const std::string& cluster, const std::string& token) {
    return "RunTask/" + cluster + "/" + token;
}

json without_token(json input) {
    input.erase("clientToken");
    return input;
}

void forget_expired_tokens(model::Partition& p, model::TimePoint now) {
    const double horizon = model::to_epoch_seconds(now - k_token_ttl);
    std::erase_if(p.idempotency, [&](const auto& entry) {
        return entry.first.starts_with("RunTask/") && entry.second.value("at", 0.0) < horizon;
    });
}

// The first answer to this token, when the same request comes again; ConflictException when
// the token comes back with a different request.
std::optional<json> replay(const model::Partition& p, const std::string& cluster,
                           const std::string& token, const json& input, model::TimePoint now) {
    auto it = p.idempotency.find(token_key(cluster, token));
    if (it == p.idempotency.end()) return std::nullopt;
    if (it->second.value("at", 0.0) < model::to_epoch_seconds(now - k_token_ttl)) {
        return std::nullopt;
    }
    if (it->second["request"] != without_token(input)) {
        throw protocol::AwsError("ConflictException",
                                 "The client token was already used by a different RunTask "
                                 "request. Use a new client token for a new request.");
    }
    return it->second["response"];
}

void remember(model::Partition& p, const std::string& cluster, const std::string& token,
              const json& input, const json& response, model::TimePoint now) {
    p.idempotency[token_key(cluster, token)] = {{"request", without_token(input)},
                                                {"response", response},
                                                {"at", model::to_epoch_seconds(now)}};
    if (p.idempotency.size() % 256 == 0) forget_expired_tokens(p, now);
}

// --- RunTask ---------------------------------------------------------------------------------

void check_launch(const model::TaskDefinition& td, const json& input,
                  const std::vector<LaunchTarget>& targets) {
    std::set<std::string> types;
    for (const auto& t : targets) types.insert(t.launch_type);
    for (const auto& type : types) check_compatibility(td, type);
    const auto& first = targets.front().launch_type;
    check_network_configuration(td, input, first);
    check_overrides(td, input);
    if (first != "FARGATE" && has(input, "platformVersion")) {
        throw errors::invalid_parameter("The platform version must be null when specifying an " +
                                        first + " launch type.");
    }
    if (first == "FARGATE" && has(input, "platformVersion")) {
        // The Linux platform versions Fargate still runs.
        static const std::set<std::string> k_known{"LATEST", "1.4.0", "1.3.0"};
        if (!k_known.contains(input["platformVersion"].get<std::string>())) {
            throw protocol::AwsError("PlatformUnknownException",
                                     "The specified platform version does not exist.");
        }
    }
    validate_placement(member_or_empty(input, "placementConstraints"),
                       member_or_empty(input, "placementStrategy"));
}

json run_tasks(model::Partition& p, const std::string& cluster_name, const json& input,
               model::TimePoint now) {
    const auto& cluster = require_active_cluster(p, cluster_name);
    const auto& td = runnable_task_definition(p, input);
    const auto count = read_count(input);
    const auto targets = launch_targets(input, cluster, count);
    check_launch(td, input, targets);

    const auto base = launch_template(input, td, now);
    std::vector<model::Task> tasks;
    for (std::size_t i = 0; i < count; ++i) {
        auto launch = base;
        launch.launch_type = targets[i].launch_type;
        launch.capacity_provider_name = targets[i].capacity_provider;
        launch.index = i;
        tasks.push_back(model::make_task(p.key, cluster, td, launch));
    }
    const auto seed = static_cast<std::uint64_t>(now.time_since_epoch().count());
    auto failures = place_tasks(p, cluster_name, td, member_or_empty(input, "placementConstraints"),
                                member_or_empty(input, "placementStrategy"), tasks, seed);

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
    const auto cluster = cluster_name_from_input(key, input);
    const auto token = optional_string(input, "clientToken");
    if (token && token->size() > 64) {
        throw errors::invalid_parameter("clientToken must be at most 64 characters.");
    }
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        require_active_cluster(p, cluster);
        if (token) {
            if (auto prior = replay(p, cluster, *token, input, now)) return *prior;
        }
        auto out = run_tasks(p, cluster, input, now);
        if (token) remember(p, cluster, *token, input, out, now);
        return out;
    });
}

namespace {

// --- StartTask -------------------------------------------------------------------------------

}  // namespace

json start_task(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster_name = cluster_name_from_input(key, input);
    const auto refs = input["containerInstances"].get<std::vector<std::string>>();
    if (refs.empty() || refs.size() > k_max_count) {
        throw errors::invalid_parameter("containerInstances must hold between 1 and 10 items.");
    }
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        const auto& cluster = require_active_cluster(p, cluster_name);
        const auto& td = runnable_task_definition(p, input);
        check_compatibility(td, "EC2");
        check_network_configuration(td, input, "EC2");
        check_overrides(td, input);
        auto base = launch_template(input, td, now);
        base.launch_type = "EC2";

        json out{{"tasks", json::array()}, {"failures", json::array()}};
        for (std::size_t i = 0; i < refs.size(); ++i) {
            const auto* ci = find_container_instance(p, cluster_name, refs[i]);
            if (!ci) {
                out["failures"].push_back(failure_json(refs[i], "MISSING"));
                continue;
            }
            if (ci->status != "ACTIVE") {  // INACTIVE, or DRAINING: no new tasks there
                out["failures"].push_back(failure_json(ci->arn, ci->status));
                continue;
            }
            auto launch = base;
            launch.index = i;
            launch.container_instance_arn = ci->arn;
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

// CreateTaskSet, DescribeTaskSets, UpdateTaskSet, DeleteTaskSet, UpdateServicePrimaryTaskSet.
// ECS's texts where users quote them; the ones marked (guess) are Berth's wording.
#include "api/ecs/task_sets.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "api/ecs/handlers.hpp"
#include "api/ecs/idempotency.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/service_registries.hpp"
#include "api/ecs/services.hpp"
#include "api/ecs/services_config.hpp"
#include "api/ecs/services_load_balancers.hpp"
#include "api/ecs/services_serialize.hpp"
#include "api/ecs/tagging.hpp"
#include "api/ecs/tasks_launch.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

// ECS's quota of task sets (deployments) per service.
constexpr std::size_t k_max_task_sets = 5;

// The service a task set request names, which must use the EXTERNAL controller.
template <class Partition>
auto& external_service(Partition& p, const ServiceRef& ref) {
    require_cluster(p, ref.cluster);
    auto& s = require_active_service(p, ref);
    if (s.deployment_controller != model::DeploymentControllerType::external) {
        throw errors::invalid_parameter(
            "Amazon ECS only supports task set management on services configured to use "
            "external deployment controllers.");
    }
    return s;
}

// Scale.value as a percentage in [0, 100]; the model's only unit is PERCENT.
double read_scale(const json& input) {
    if (!has(input, "scale")) return 0;  // ECS's own examples show 0.0 when none is given
    const auto& scale = input["scale"];
    const double value = scale.contains("value") ? scale["value"].get<double>() : 0;
    if (value < 0 || value > 100) {
        throw errors::invalid_parameter("Scale value must be between 0 and 100.");  // (guess)
    }
    return value;
}

// A task set is named by its id (ecs-svc/…) or its ARN.
template <class Service>
auto* named_task_set(Service& s, const std::string& ref) {
    if (!model::looks_like_arn(ref)) return model::find_task_set(s, ref);
    auto arn = model::parse_arn(ref);
    if (!arn || arn->resource_type() != "task-set") {
        throw errors::invalid_parameter("Task Set Identifier is invalid");
    }
    auto it = std::find_if(s.task_sets.begin(), s.task_sets.end(),
                           [&](const model::TaskSet& ts) { return ts.arn == ref; });
    return it == s.task_sets.end() ? nullptr : &*it;
}

model::TaskSet& require_task_set(model::Service& s, const json& input, const char* member) {
    auto* ts = named_task_set(s, input[member].get<std::string>());
    if (!ts) throw errors::task_set_not_found();
    return *ts;
}

// The part of CreateTaskSet that reads the request and the Store, before anything changes.
model::TaskSet build_task_set(const Environment& env, const model::Partition& p,
                              const model::Cluster& cluster, const model::Service& s,
                              const TargetGroupFactsByArn& target_groups, const json& input,
                              model::TimePoint now) {
    model::TaskSet ts;
    ts.id = model::new_deployment_id();
    ts.arn = model::task_set_arn(p.key, s.cluster_name, s.name, ts.id);
    ts.external_id = optional_string(input, "externalId").value_or("");
    const auto& td = runnable_task_definition(p, input);
    ts.task_definition_arn = td.arn;
    const auto launch = read_launch(input, cluster);
    ts.network_configuration =
        model::read_network_configuration(member_or_null(input, "networkConfiguration"));
    check_service_launch(td, launch, ts.network_configuration, model::SchedulingStrategy::replica);
    ts.launch_type = launch.launch_type;
    ts.capacity_provider_strategy = launch.capacity_provider_strategy;
    ts.platform_version = deployment_platform_version(launch.platform_version);
    if (has(input, "loadBalancers")) {
        ts.load_balancers = model::read_load_balancers(input["loadBalancers"]);
        check_load_balancers(ts.load_balancers, target_groups, *td.body);
    }
    if (has(input, "serviceRegistries")) {
        ts.service_registries = model::read_service_registries(input["serviceRegistries"]);
        check_service_registries(env, ts.service_registries, ts.task_definition_arn, p);
    }
    ts.scale_percent = read_scale(input);
    ts.computed_desired_count = model::computed_desired_count(ts.scale_percent, s.desired_count);
    ts.tags = read_tags_member(input);
    ts.created_at = ts.updated_at = ts.stability_status_at = now;
    return ts;
}

// "Any parameters that are updated on the primary task set in a service will transition to
// the service": DescribeServices shows the primary task set's.
void take_primary_settings(model::Service& s, const model::TaskSet& ts) {
    s.task_definition_arn = ts.task_definition_arn;
    s.launch_type = ts.launch_type;
    s.capacity_provider_strategy = ts.capacity_provider_strategy;
    s.platform_version = ts.platform_version;
    s.network_configuration = ts.network_configuration;
    s.load_balancers = ts.load_balancers;
    s.service_registries = ts.service_registries;
}

json answer(const model::Service& s, const model::TaskSet& ts) {
    return json{{"taskSet", task_set_json(s, ts, !ts.tags.empty())}};
}

}  // namespace

void rescale_task_sets(model::Service& s, model::TimePoint now) {
    for (auto& ts : s.task_sets) {
        if (ts.status == model::TaskSetStatus::draining) continue;
        const int count = model::computed_desired_count(ts.scale_percent, s.desired_count);
        if (count != ts.computed_desired_count) model::set_computed_desired_count(ts, count, now);
    }
}

void drain_task_sets(model::Service& s, model::TimePoint now) {
    for (auto& ts : s.task_sets) {
        ts.status = model::TaskSetStatus::draining;
        model::set_computed_desired_count(ts, 0, now);
    }
}

json create_task_set(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = read_service_ref(key, input, "service");
    const auto token = read_client_token(input);
    const auto now = env.now();
    // Read before the Store's lock: the load balancer store has its own.
    const auto target_groups = read_target_groups(env, key, input);
    return env.store.write(key, [&](model::Partition& p) {
        const auto& cluster = require_active_cluster(p, ref.cluster);
        auto& s = external_service(p, ref);
        const ClientToken client_token{"CreateTaskSet", ref.cluster + "/" + ref.name,
                                       token.value_or("")};
        if (token) {
            const auto conflict =
                errors::invalid_parameter("Creation of task set was not idempotent.");  // (guess)
            if (auto prior = replay(p, client_token, input, now, conflict)) return *prior;
        }
        if (s.task_sets.size() >= k_max_task_sets) {
            throw errors::invalid_parameter(
                std::to_string(s.task_sets.size()) +
                " deployments exist on the service. Unable to create new TaskSet since this "
                "exceeds the maximum limit.");
        }
        auto ts = build_task_set(env, p, cluster, s, target_groups, input, now);
        s.task_sets.push_back(std::move(ts));
        auto out = answer(s, s.task_sets.back());
        if (token) remember(p, client_token, input, out, now);
        return out;
    });
}

json describe_task_sets(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = read_service_ref(key, input, "service");
    const auto refs = has(input, "taskSets") ? input["taskSets"].get<std::vector<std::string>>()
                                             : std::vector<std::string>{};
    if (refs.empty()) throw errors::invalid_parameter("TaskSets cannot be empty.");
    const bool with_tags = includes(input, "TAGS");
    return env.store.read(key, [&](const model::Partition& p) {
        const auto& s = external_service(p, ref);
        json out{{"taskSets", json::array()}, {"failures", json::array()}};
        for (const auto& name : refs) {
            if (const auto* ts = named_task_set(s, name)) {
                out["taskSets"].push_back(task_set_json(s, *ts, with_tags));
            } else {
                out["failures"].push_back(failure_json(name, "MISSING"));
            }
        }
        return out;
    });
}

json update_task_set(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = read_service_ref(key, input, "service");
    const double scale = read_scale(input);
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        auto& s = external_service(p, ref);
        auto& ts = require_task_set(s, input, "taskSet");
        if (ts.status == model::TaskSetStatus::draining) {
            throw errors::invalid_parameter("The task set is being deleted.");  // (guess)
        }
        ts.scale_percent = scale;
        model::set_computed_desired_count(ts, model::computed_desired_count(scale, s.desired_count),
                                          now);
        return answer(s, ts);
    });
}

json delete_task_set(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = read_service_ref(key, input, "service");
    const bool force = optional_bool(input, "force", false);
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        auto& s = external_service(p, ref);
        auto& ts = require_task_set(s, input, "taskSet");
        if (ts.status != model::TaskSetStatus::draining) {
            // "force: delete a task set even if it hasn't been scaled down to zero".
            if (ts.scale_percent > 0 && !force) {
                throw errors::invalid_parameter(
                    "The task set cannot be deleted while it is scaled above 0.");  // (guess)
            }
            ts.status = model::TaskSetStatus::draining;
            model::set_computed_desired_count(ts, 0, now);
        }
        return answer(s, ts);
    });
}

json update_service_primary_task_set(const Environment& env, const RequestContext& ctx,
                                     const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = read_service_ref(key, input, "service");
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        auto& s = external_service(p, ref);
        auto& ts = require_task_set(s, input, "primaryTaskSet");
        if (ts.status == model::TaskSetStatus::draining) {
            throw errors::invalid_parameter(
                "A task set that is being deleted cannot become the primary task set.");  // (guess)
        }
        for (auto& other : s.task_sets) {
            if (&other != &ts && other.status == model::TaskSetStatus::primary) {
                other.status = model::TaskSetStatus::active;
                other.updated_at = now;
            }
        }
        if (ts.status != model::TaskSetStatus::primary) {
            ts.status = model::TaskSetStatus::primary;
            ts.updated_at = now;
        }
        take_primary_settings(s, ts);
        return answer(s, ts);
    });
}

}  // namespace berth::api::ecs

// StopServiceDeployment: ROLLBACK stops an ongoing service deployment and rolls the service
// back to the revision it was replacing, as the circuit breaker's rollback does (the scheduler
// then moves the tasks); a deployment already rolling back or stopping continues, a finished
// one cannot be stopped. ECS documents ROLLBACK as the only valid stopType.
#include <string>
#include <utility>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/services.hpp"
#include "api/ecs/services_deployments.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/scheduler/apply.hpp"
#include "berth/scheduler/messages.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
using Status = model::ServiceDeploymentStatus;

protocol::AwsError not_found() {
    return {"ServiceDeploymentNotFoundException",
            "The service deployment does not exist."};  // (guess)
}

// The revision `d` replaces: the newest older deployment that completed, else the newest older.
const model::Deployment* previous_revision(const model::Service& s, const model::Deployment& d) {
    const model::Deployment* completed = nullptr;
    const model::Deployment* any = nullptr;
    for (const auto& other : s.deployments) {
        if (&other == &d || other.created_at >= d.created_at) continue;
        if (!any || other.created_at > any->created_at) any = &other;
        if (other.rollout_state == model::RolloutState::completed &&
            (!completed || other.created_at > completed->created_at)) {
            completed = &other;
        }
    }
    return completed ? completed : any;
}

void roll_back(model::Service& s, model::Deployment& d, const model::Deployment& target,
               model::TimePoint now) {
    d.status = model::DeploymentStatus::active;
    d.rollout_state = model::RolloutState::failed;
    d.rollout_state_reason = "Service deployment stopped by user request.";  // (guess)
    d.updated_at = now;
    const std::string reason =
        "ECS deployment stopped: rolling back to deploymentId " + target.id + ".";  // (guess)
    // The event first: the rollback's new deployment moves `d` and `target` in the vector.
    s.events.push_front(
        {model::new_uuid(), now, scheduler::messages::rolling_back(s.name, target.id)});
    scheduler::roll_back(s, {s.arn, d.id, target.id, target.task_definition_arn, reason}, now);
}

}  // namespace

json stop_service_deployment(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto text = input["serviceDeploymentArn"].get<std::string>();
    if (optional_string(input, "stopType").value_or("ROLLBACK") != "ROLLBACK") {
        throw protocol::errors::invalid_parameter(
            "The valid values for stopType are ROLLBACK.");  // (guess)
    }
    const auto arn = check_ecs_arn(key, text);
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        const auto found = find_deployment(std::as_const(p), arn, "service-deployment");
        if (!found.deployment) throw not_found();
        // The records are the partition's own, which this write may change.
        auto& s = const_cast<model::Service&>(*found.service);
        auto& d = const_cast<model::Deployment&>(*found.deployment);
        switch (status_of(s, d)) {
            case Status::pending:
            case Status::in_progress: {
                const auto* target = previous_revision(s, d);
                if (!target || s.status != model::ServiceStatus::active) {
                    throw protocol::AwsError(
                        "ConflictException",
                        "The service deployment has no previous service revision to roll back "
                        "to.");  // (guess)
                }
                roll_back(s, d, *target, now);
                break;
            }
            case Status::stop_requested:
            case Status::rollback_requested:
            case Status::rollback_in_progress:
                break;  // "continues"
            default:
                throw protocol::AwsError("ConflictException",
                                         "The service deployment has already finished and "
                                         "cannot be stopped.");  // (guess)
        }
        return json{{"serviceDeploymentArn", text}};
    });
}

}  // namespace berth::api::ecs

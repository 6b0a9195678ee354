#include "api/ecs/services_serialize.hpp"

#include "api/ecs/serialize.hpp"

namespace berth::api::ecs {

using nlohmann::json;

namespace {

bool has_items(const json& list) {
    return list.is_array() && !list.empty();
}

// How a service or deployment launches its tasks: a strategy, else a launch type; and the
// platform of Fargate tasks.
void write_launch(json& out, const std::optional<model::LaunchType>& launch_type,
                  const json& capacity_provider_strategy, const std::string& platform_version) {
    if (has_items(capacity_provider_strategy)) {
        out["capacityProviderStrategy"] = capacity_provider_strategy;
    } else if (launch_type) {
        out["launchType"] = model::to_string(*launch_type);
    }
    if (!platform_version.empty()) {
        out["platformVersion"] = platform_version;
        out["platformFamily"] = "Linux";
    }
}

// What a deployment deploys besides its task definition: launch, network, Service Connect.
void write_deployed(json& out, const model::Deployment& d) {
    write_launch(out, d.launch_type, d.capacity_provider_strategy, d.platform_version);
    if (d.network_configuration)
        out["networkConfiguration"] = model::to_json(*d.network_configuration);
    if (d.service_connect_configuration) {
        out["serviceConnectConfiguration"] = model::to_json(*d.service_connect_configuration);
    }
}

json events_json(const model::Service& s) {
    json out = json::array();
    for (const auto& e : s.events) {
        out.push_back(
            {{"id", e.id}, {"createdAt", timestamp(e.created_at)}, {"message", e.message}});
    }
    return out;
}

}  // namespace

std::string service_linked_role_arn(const std::string& account) {
    return "arn:aws:iam::" + account +
           ":role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS";
}

json deployment_json(const model::Deployment& d) {
    json out{{"id", d.id},
             {"status", model::to_string(d.status)},
             {"taskDefinition", d.task_definition_arn},
             {"desiredCount", d.desired_count},
             {"pendingCount", d.pending_count},
             {"runningCount", d.running_count},
             {"failedTasks", d.failed_tasks},
             {"createdAt", timestamp(d.created_at)},
             {"updatedAt", timestamp(d.updated_at)}};
    write_deployed(out, d);
    if (!d.service_connect_endpoints.empty()) {
        out["serviceConnectResources"] =
            model::service_connect_resources_json(d.service_connect_endpoints);
    }
    out["rolloutState"] = model::to_string(d.rollout_state);
    out["rolloutStateReason"] = d.rollout_state_reason;
    return out;
}

json service_revision_json(const model::Service& s, const model::Deployment& d,
                           const std::string& revision_arn,
                           const model::TaskDefinition* task_definition) {
    json out{{"serviceRevisionArn", revision_arn},
             {"serviceArn", s.arn},
             {"clusterArn", s.cluster_arn},
             {"taskDefinition", d.task_definition_arn},
             // A deployment keeps no copy of these: they are the service's now (fidelity.md).
             {"loadBalancers", model::to_json(s.load_balancers)},
             {"serviceRegistries", model::to_json(s.service_registries)},
             {"guardDutyEnabled", false},
             {"createdAt", timestamp(d.created_at)}};
    write_deployed(out, d);
    // The images as the task definition names them: Berth resolves no registry digest.
    json images = json::array();
    if (task_definition) {
        for (const auto& c : task_definition->body->containers) {
            images.push_back(json{{"containerName", c.name}, {"image", c.image}});
        }
    }
    out["containerImages"] = std::move(images);
    return out;
}

json task_set_json(const model::Service& s, const model::TaskSet& ts, bool with_tags) {
    json out{{"id", ts.id},
             {"taskSetArn", ts.arn},
             {"serviceArn", s.arn},
             {"clusterArn", s.cluster_arn},
             {"status", model::to_string(ts.status)},
             {"taskDefinition", ts.task_definition_arn},
             {"computedDesiredCount", ts.computed_desired_count},
             {"pendingCount", ts.pending_count},
             {"runningCount", ts.running_count},
             {"createdAt", timestamp(ts.created_at)},
             {"updatedAt", timestamp(ts.updated_at)}};
    if (!ts.external_id.empty()) out["externalId"] = ts.external_id;
    write_launch(out, ts.launch_type, ts.capacity_provider_strategy, ts.platform_version);
    if (ts.network_configuration)
        out["networkConfiguration"] = model::to_json(*ts.network_configuration);
    out["loadBalancers"] = model::to_json(ts.load_balancers);
    out["serviceRegistries"] = model::to_json(ts.service_registries);
    out["scale"] = {{"value", ts.scale_percent}, {"unit", "PERCENT"}};
    out["stabilityStatus"] = model::to_string(ts.stability_status);
    out["stabilityStatusAt"] = timestamp(ts.stability_status_at);
    if (with_tags) out["tags"] = tags_json(ts.tags);
    return out;
}

json service_json(const model::Service& s, bool with_tags) {
    json out{{"serviceArn", s.arn},
             {"serviceName", s.name},
             {"clusterArn", s.cluster_arn},
             {"loadBalancers", model::to_json(s.load_balancers)},
             {"serviceRegistries", model::to_json(s.service_registries)},
             {"status", model::to_string(s.status)},
             {"desiredCount", s.desired_count},
             {"runningCount", s.running_count},
             {"pendingCount", s.pending_count}};
    write_launch(out, s.launch_type, s.capacity_provider_strategy, s.platform_version);
    if (!s.task_definition_arn.empty()) out["taskDefinition"] = s.task_definition_arn;
    out["deploymentConfiguration"] = model::to_json(s.deployment_configuration);
    json deployments = json::array();
    for (const auto& d : s.deployments) {
        if (d.status != model::DeploymentStatus::inactive)
            deployments.push_back(deployment_json(d));
    }
    out["deployments"] = std::move(deployments);
    if (s.deployment_controller == model::DeploymentControllerType::external) {
        json task_sets = json::array();
        for (const auto& ts : s.task_sets) task_sets.push_back(task_set_json(s, ts, with_tags));
        out["taskSets"] = std::move(task_sets);
    }
    if (!s.role_arn.empty()) out["roleArn"] = s.role_arn;
    out["events"] = events_json(s);
    out["createdAt"] = timestamp(s.created_at);
    out["placementConstraints"] = model::to_json(s.placement_constraints);
    out["placementStrategy"] = model::to_json(s.placement_strategy);
    if (s.network_configuration)
        out["networkConfiguration"] = model::to_json(*s.network_configuration);
    if (s.health_check_grace_period_seconds) {
        out["healthCheckGracePeriodSeconds"] = *s.health_check_grace_period_seconds;
    }
    out["schedulingStrategy"] = model::to_string(s.scheduling_strategy);
    out["deploymentController"] = model::deployment_controller_json(s.deployment_controller);
    if (!s.created_by.empty()) out["createdBy"] = s.created_by;
    out["enableECSManagedTags"] = s.enable_ecs_managed_tags;
    out["propagateTags"] = model::to_string(s.propagate_tags == model::PropagateTags::none_given
                                                ? model::PropagateTags::none
                                                : s.propagate_tags);
    out["enableExecuteCommand"] = s.enable_execute_command;
    if (with_tags) out["tags"] = tags_json(s.tags);
    return out;
}

}  // namespace berth::api::ecs

#pragma once
// The members of each persisted struct, listed once: describe(v, x) calls v(name, member) for
// each. Runtime bookkeeping (sandbox ids, released resources) is listed too: a later step
// adopts running containers from it. A member left out here is lost at a restart.
#include "codec.hpp"

namespace berth::persist::codec {

template <>
inline constexpr bool k_described<model::Tag> = true;
template <class V>
void describe(V& v, model::Tag& t) {
    v("key", t.key);
    v("value", t.value);
}

template <>
inline constexpr bool k_described<model::Cluster> = true;
template <class V>
void describe(V& v, model::Cluster& c) {
    v("arn", c.arn);
    v("name", c.name);
    v("status", c.status);
    v("settings", c.settings);
    v("configuration", c.configuration);
    v("capacityProviders", c.capacity_providers);
    v("defaultCapacityProviderStrategy", c.default_capacity_provider_strategy);
    v("serviceConnectDefaults", c.service_connect_defaults);
    v("tags", c.tags);
    v("seq", c.seq);
}

template <>
inline constexpr bool k_described<model::TaskDefinition> = true;
template <class V>
void describe(V& v, model::TaskDefinition& d) {
    v("arn", d.arn);
    v("family", d.family);
    v("revision", d.revision);
    v("status", d.status);
    v("body", d.body);
    v("tags", d.tags);
    v("registeredAt", d.registered_at);
    v("deregisteredAt", d.deregistered_at);
    v("deleteRequestedAt", d.delete_requested_at);
    v("seq", d.seq);
}

template <>
inline constexpr bool k_described<model::DaemonTaskDefinition> = true;
template <class V>
void describe(V& v, model::DaemonTaskDefinition& d) {
    v("arn", d.arn);
    v("family", d.family);
    v("revision", d.revision);
    v("status", d.status);
    v("document", d.document);
    v("registeredBy", d.registered_by);
    v("registeredAt", d.registered_at);
    v("deleteRequestedAt", d.delete_requested_at);
    v("tags", d.tags);
}

template <>
inline constexpr bool k_described<model::TaskContainer> = true;
template <class V>
void describe(V& v, model::TaskContainer& c) {
    v("name", c.name);
    v("arn", c.arn);
    v("image", c.image);
    v("imageDigest", c.image_digest);
    v("runtimeId", c.runtime_id);
    v("knownStatus", c.known_status);
    v("desiredStatus", c.desired_status);
    v("exitCode", c.exit_code);
    v("reason", c.reason);
    v("essential", c.essential);
    v("health", c.health);
    v("hasHealthCheck", c.has_health_check);
    v("networkBindings", c.network_bindings);
    v("networkInterfaces", c.network_interfaces);
    v("cpu", c.cpu);
    v("memory", c.memory);
    v("memoryReservation", c.memory_reservation);
    v("gpuIds", c.gpu_ids);
}

template <>
inline constexpr bool k_described<model::TaskTarget> = true;
template <class V>
void describe(V& v, model::TaskTarget& t) {
    v("targetGroupArn", t.target_group_arn);
    v("containerName", t.container_name);
    v("containerPort", t.container_port);
    v("targetId", t.target_id);
    v("port", t.port);
    v("status", t.status);
    v("reason", t.reason);
    v("drainingSince", t.draining_since);
}

template <>
inline constexpr bool k_described<model::Task> = true;
template <class V>
void describe(V& v, model::Task& t) {
    v("arn", t.arn);
    v("id", t.id);
    v("clusterName", t.cluster_name);
    v("clusterArn", t.cluster_arn);
    v("taskDefinitionArn", t.task_definition_arn);
    v("family", t.family);
    v("revision", t.revision);
    v("launchType", t.launch_type);
    v("capacityProviderName", t.capacity_provider_name);
    v("platformVersion", t.platform_version);
    v("containerInstanceArn", t.container_instance_arn);
    v("lastStatus", t.last_status);
    v("desiredStatus", t.desired_status);
    v("health", t.health);
    v("startedBy", t.started_by);
    v("group", t.group);
    v("serviceName", t.service_name);
    v("deploymentId", t.deployment_id);
    v("stopCode", t.stop_code);
    v("stoppedReason", t.stopped_reason);
    v("cpu", t.cpu);
    v("memory", t.memory);
    v("overrides", t.overrides);
    v("attachments", t.attachments);
    v("networkConfiguration", t.network_configuration);
    v("containers", t.containers);
    v("targets", t.targets);
    v("tags", t.tags);
    v("enableExecuteCommand", t.enable_execute_command);
    v("connectivity", t.connectivity);
    v("availabilityZone", t.availability_zone);
    v("platformFamily", t.platform_family);
    v("attributes", t.attributes);
    v("ephemeralStorage", t.ephemeral_storage);
    v("createdAt", t.created_at);
    v("pullStartedAt", t.pull_started_at);
    v("pullStoppedAt", t.pull_stopped_at);
    v("startedAt", t.started_at);
    v("connectivityAt", t.connectivity_at);
    v("stoppingAt", t.stopping_at);
    v("executionStoppedAt", t.execution_stopped_at);
    v("stoppedAt", t.stopped_at);
    v("protectedUntil", t.protected_until);  // absent in older state: unprotected
    v("version", t.version);
    v("seq", t.seq);
    v("sandboxId", t.sandbox_id);
    v("resourcesReleased", t.resources_released);
}

template <>
inline constexpr bool k_described<model::Deployment> = true;
template <class V>
void describe(V& v, model::Deployment& d) {
    v("id", d.id);
    v("status", d.status);
    v("taskDefinitionArn", d.task_definition_arn);
    v("desiredCount", d.desired_count);
    v("pendingCount", d.pending_count);
    v("runningCount", d.running_count);
    v("failedTasks", d.failed_tasks);
    v("launchType", d.launch_type);
    v("capacityProviderStrategy", d.capacity_provider_strategy);
    v("platformVersion", d.platform_version);
    v("networkConfiguration", d.network_configuration);
    v("rolloutState", d.rollout_state);
    v("rolloutStateReason", d.rollout_state_reason);
    v("rollbackOf", d.rollback_of);
    v("createdAt", d.created_at);
    v("updatedAt", d.updated_at);
}

template <>
inline constexpr bool k_described<model::TaskSet> = true;
template <class V>
void describe(V& v, model::TaskSet& t) {
    v("id", t.id);
    v("arn", t.arn);
    v("externalId", t.external_id);
    v("status", t.status);
    v("taskDefinitionArn", t.task_definition_arn);
    v("scalePercent", t.scale_percent);
    v("computedDesiredCount", t.computed_desired_count);
    v("pendingCount", t.pending_count);
    v("runningCount", t.running_count);
    v("launchType", t.launch_type);
    v("capacityProviderStrategy", t.capacity_provider_strategy);
    v("platformVersion", t.platform_version);
    v("networkConfiguration", t.network_configuration);
    v("loadBalancers", t.load_balancers);
    v("serviceRegistries", t.service_registries);
    v("stabilityStatus", t.stability_status);
    v("stabilityStatusAt", t.stability_status_at);
    v("tags", t.tags);
    v("createdAt", t.created_at);
    v("updatedAt", t.updated_at);
}

template <>
inline constexpr bool k_described<model::ServiceEvent> = true;
template <class V>
void describe(V& v, model::ServiceEvent& e) {
    v("id", e.id);
    v("createdAt", e.created_at);
    v("message", e.message);
}

template <>
inline constexpr bool k_described<model::Service> = true;
template <class V>
void describe(V& v, model::Service& s) {
    v("arn", s.arn);
    v("name", s.name);
    v("clusterName", s.cluster_name);
    v("clusterArn", s.cluster_arn);
    v("status", s.status);
    v("taskDefinitionArn", s.task_definition_arn);
    v("desiredCount", s.desired_count);
    v("runningCount", s.running_count);
    v("pendingCount", s.pending_count);
    v("launchType", s.launch_type);
    v("schedulingStrategy", s.scheduling_strategy);
    v("platformVersion", s.platform_version);
    v("capacityProviderStrategy", s.capacity_provider_strategy);
    v("deploymentConfiguration", s.deployment_configuration);
    v("deploymentController", s.deployment_controller);
    v("networkConfiguration", s.network_configuration);
    v("loadBalancers", s.load_balancers);
    v("serviceRegistries", s.service_registries);
    v("serviceConnectConfiguration", s.service_connect_configuration);
    v("placementConstraints", s.placement_constraints);
    v("placementStrategy", s.placement_strategy);
    v("healthCheckGracePeriodSeconds", s.health_check_grace_period_seconds);
    v("propagateTags", s.propagate_tags);
    v("enableEcsManagedTags", s.enable_ecs_managed_tags);
    v("enableExecuteCommand", s.enable_execute_command);
    v("roleArn", s.role_arn);
    v("createdBy", s.created_by);
    v("tags", s.tags);
    v("deployments", s.deployments);
    v("taskSets", s.task_sets);
    v("events", s.events);
    v("createdAt", s.created_at);
    v("seq", s.seq);
}

template <>
inline constexpr bool k_described<model::ContainerInstance> = true;
template <class V>
void describe(V& v, model::ContainerInstance& c) {
    v("arn", c.arn);
    v("id", c.id);
    v("clusterName", c.cluster_name);
    v("dockerHost", c.docker_host);
    v("status", c.status);
    v("agentConnected", c.agent_connected);
    v("registeredCpu", c.registered_cpu);
    v("registeredMemory", c.registered_memory);
    v("gpuIds", c.gpu_ids);
    v("versionInfo", c.version_info);
    v("attributes", c.attributes);
    v("ec2InstanceId", c.ec2_instance_id);
    v("autoRegistered", c.auto_registered);
    v("registeredAt", c.registered_at);
    v("tags", c.tags);
    v("seq", c.seq);
}

template <>
inline constexpr bool k_described<model::CapacityProvider> = true;
template <class V>
void describe(V& v, model::CapacityProvider& c) {
    v("arn", c.arn);
    v("name", c.name);
    v("type", c.type);
    v("status", c.status);
    v("updateStatus", c.update_status);
    v("updateStatusReason", c.update_status_reason);
    v("cluster", c.cluster);
    v("autoScalingGroupProvider", c.auto_scaling_group_provider);
    v("managedInstancesProvider", c.managed_instances_provider);
    v("tags", c.tags);
}

template <>
inline constexpr bool k_described<model::AccountSetting> = true;
template <class V>
void describe(V& v, model::AccountSetting& s) {
    v("name", s.name);
    v("value", s.value);
    v("principalArn", s.principal_arn);
    v("type", s.type);
}

}  // namespace berth::persist::codec

// Before the templates below, which call their describe().
#include "describe_cloudmap.hpp"
#include "describe_elbv2.hpp"
#include "describe_side.hpp"

namespace berth::persist::codec {

// The writer only reads the value; describe() takes it mutable so one list serves both ways.
template <class T>
requires k_described<T> json encode(const T& v) {
    Writer w;
    describe(w, const_cast<T&>(v));
    return std::move(w.out);
}
template <class T>
requires k_described<T>
void decode(const json& j, T& v) {
    if (!j.is_object()) throw StateError("expected an object, got " + std::string(j.type_name()));
    Reader r{j};
    describe(r, v);
}

// A value read from its JSON text's document.
template <class T>
T decode_as(const json& doc) {
    T value{};
    decode(doc, value);
    return value;
}

}  // namespace berth::persist::codec

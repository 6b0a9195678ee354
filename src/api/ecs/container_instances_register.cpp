// RegisterContainerInstance and DeregisterContainerInstance, as a client (not an agent) calls
// them: moto-style tests register "EC2 instances" with an instance identity document before
// they run tasks, and scripts deregister instances to see their tasks move.
//
// A client-registered instance is a container instance of its own, with the resources and
// attributes it was registered with, whose tasks run on Berth's first engine
// (Environment::default_docker_host): placement, spread, binpack and distinctInstance see one
// more instance, and a DAEMON service one more task.
#include <string>
#include <vector>

#include "api/ecs/attributes.hpp"
#include "api/ecs/container_instances.hpp"
#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/tagging.hpp"
#include "api/ecs/tasks_resolve.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

// Without an engine record to copy (the cluster was created an instant ago): a small host.
constexpr std::int64_t k_fallback_cpu = 2048;
constexpr std::int64_t k_fallback_memory = 4096;

// What the instance identity document (EC2's, as the agent sends it) says, when there is one.
struct Identity {
    std::string instance_id;
    std::string availability_zone;
    std::string instance_type;
    std::string image_id;
};

std::optional<Identity> read_identity(const json& input) {
    auto text = optional_string(input, "instanceIdentityDocument");
    if (!text) return std::nullopt;
    const auto doc = json::parse(*text, nullptr, false);
    if (!doc.is_object()) {
        throw errors::invalid_parameter("instanceIdentityDocument is not valid JSON.");  // (guess)
    }
    Identity id;
    id.instance_id = doc.value("instanceId", "");
    id.availability_zone = doc.value("availabilityZone", "");
    id.instance_type = doc.value("instanceType", "");
    id.image_id = doc.value("imageId", "");
    return id;
}

// totalResources' CPU and MEMORY, when given.
struct Resources {
    std::optional<std::int64_t> cpu;
    std::optional<std::int64_t> memory;
};

Resources read_resources(const json& input) {
    Resources r;
    for (const auto& item : member_or_null(input, "totalResources")) {
        const auto name = item.value("name", "");
        const auto value = item.value("integerValue", std::int64_t{0});
        if (name == "CPU") r.cpu = value;
        if (name == "MEMORY") r.memory = value;
    }
    if ((r.cpu && *r.cpu < 0) || (r.memory && *r.memory < 0)) {
        throw errors::invalid_parameter("totalResources cannot be negative.");  // (guess)
    }
    return r;
}

// The record Berth keeps for the engine in this cluster: its resources and built-in attributes.
const model::ContainerInstance* engine_record(const model::Partition& p, const std::string& cluster,
                                              const std::string& host) {
    const model::ContainerInstance* any = nullptr;
    for (const auto& [arn, ci] : p.container_instances) {
        if (!ci.auto_registered || ci.docker_host != host) continue;
        if (ci.cluster_name == cluster) return &ci;
        if (!any) any = &ci;
    }
    return any;
}

void set_attribute(model::ContainerInstance& ci, const std::string& name,
                   const std::string& value) {
    if (value.empty()) return;
    put_attribute(ci, {{"name", name}, {"value", value}});
}

model::ContainerInstance build(const Environment& env, const model::Partition& p,
                               const std::string& cluster, const json& input,
                               const std::optional<Identity>& identity, const Resources& resources,
                               model::TimePoint now) {
    const auto* engine = engine_record(p, cluster, env.default_docker_host);
    model::ContainerInstance ci;
    ci.id = model::new_task_id();
    ci.arn = model::container_instance_arn(p.key, cluster, ci.id);
    ci.cluster_name = cluster;
    ci.docker_host = env.default_docker_host;
    ci.registered_at = now;
    // An instance without an EC2 identity is an external one (ECS Anywhere's mi-… ids).
    ci.ec2_instance_id = identity && !identity->instance_id.empty()
                             ? identity->instance_id
                             : "mi-" + model::new_task_id().substr(0, 17);
    ci.registered_cpu = resources.cpu.value_or(engine ? engine->registered_cpu : k_fallback_cpu);
    ci.registered_memory =
        resources.memory.value_or(engine ? engine->registered_memory : k_fallback_memory);
    if (engine) {
        ci.attributes = engine->attributes;  // the engine's capabilities, os, architecture
        ci.version_info = engine->version_info;
    }
    if (has(input, "versionInfo")) ci.version_info = input["versionInfo"];
    if (identity) {
        set_attribute(ci, "ecs.availability-zone", identity->availability_zone);
        set_attribute(ci, "ecs.instance-type", identity->instance_type);
        set_attribute(ci, "ecs.ami-id", identity->image_id);
    }
    for (const auto& item : member_or_null(input, "attributes")) put_attribute(ci, item);
    for (const auto& device : member_or_null(input, "platformDevices")) {
        if (device.value("type", "") == "GPU") ci.gpu_ids.push_back(device.value("id", ""));
    }
    ci.tags = read_tags_member(input);
    return ci;
}

bool on_instance(const model::Task& t, const model::ContainerInstance& ci) {
    return t.container_instance_arn == ci.arn && t.last_status != model::TaskStatus::stopped;
}

}  // namespace

json register_container_instance(const Environment& env, const RequestContext& ctx,
                                 const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto identity = read_identity(input);
    const auto resources = read_resources(input);
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        require_active_cluster(p, cluster);
        if (auto ref = optional_string(input, "containerInstanceArn")) {
            // The agent's re-registration after a restart: the same instance, updated.
            auto* existing = find_container_instance(p, cluster, *ref);
            if (!existing || existing->status == model::ContainerInstanceStatus::inactive) {
                throw errors::invalid_parameter("Container instance " + *ref +
                                                " is not registered.");  // (guess)
            }
            if (resources.cpu) existing->registered_cpu = *resources.cpu;
            if (resources.memory) existing->registered_memory = *resources.memory;
            for (const auto& item : member_or_null(input, "attributes"))
                put_attribute(*existing, item);
            return json{{"containerInstance", container_instance_json(instance_load(p, *existing),
                                                                      {!existing->tags.empty()})}};
        }
        auto ci = build(env, p, cluster, input, identity, resources, now);
        ci.seq = p.take_seq();
        auto& stored = p.container_instances[ci.arn] = std::move(ci);
        return json{{"containerInstance",
                     container_instance_json(instance_load(p, stored), {!stored.tags.empty()})}};
    });
}

json deregister_container_instance(const Environment& env, const RequestContext& ctx,
                                   const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto ref = input["containerInstance"].get<std::string>();
    const bool force = optional_bool(input, "force", false);
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        require_cluster(p, cluster);
        auto* ci = find_container_instance(p, cluster, ref);
        if (!ci) {
            throw errors::invalid_parameter("Container instance " + ref +
                                            " not found.");  // (guess)
        }
        if (ci->status != model::ContainerInstanceStatus::inactive) {
            std::vector<model::Task*> on_it;
            for (auto& [arn, t] : p.tasks) {
                if (on_instance(t, *ci)) on_it.push_back(&t);
            }
            if (!on_it.empty() && !force) {
                throw errors::invalid_parameter("Found running tasks on the instance.");
            }
            // ECS moves the instance's tasks to STOPPED; services start theirs elsewhere.
            for (auto* t : on_it) {
                model::request_stop(*t, model::StopCode::termination_notice,
                                    "Container instance deregistered.", now);  // (guess)
            }
            ci->status = model::ContainerInstanceStatus::inactive;
            ci->agent_connected = false;
        }
        return json{{"containerInstance", container_instance_json(instance_load(p, *ci), {})}};
    });
}

}  // namespace berth::api::ecs

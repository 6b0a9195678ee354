#include "container_instances.hpp"

#include <algorithm>

#include "berth/model/arn.hpp"

namespace berth::runtime {

using nlohmann::json;

namespace {

constexpr const char* k_berth_version = "0.1.0";
constexpr int k_oldest_remote_api_minor = 17;  // the agent lists docker-remote-api.1.17 upwards

std::string cpu_architecture(const std::string& docker_arch) {
    if (docker_arch == "aarch64" || docker_arch == "arm64") return "arm64";
    return docker_arch.empty() ? "x86_64" : docker_arch;
}

json attribute(std::string name, std::optional<std::string> value = std::nullopt) {
    json a{{"name", std::move(name)}};
    if (value) a["value"] = *value;
    return a;
}

// Upserts Berth's attributes by name; attributes a client put (PutAttributes) stay.
json merged_attributes(const json& existing, const json& ours) {
    json out = existing.is_array() ? existing : json::array();
    for (const auto& a : ours) {
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const json& e) { return e.value("name", "") == a["name"]; });
        if (it == out.end()) {
            out.push_back(a);
        } else {
            *it = a;
        }
    }
    return out;
}

json version_info(const EngineFacts& e) {
    return {{"agentVersion", k_berth_version},
            {"agentHash", "berth"},
            {"dockerVersion", "DockerVersion: " + e.server_version}};
}

// The record as it should be now; `existing` carries what registration fixed (ids, time).
model::ContainerInstance desired_record(const model::Partition& p, const std::string& cluster,
                                        const EngineFacts& e,
                                        const model::ContainerInstance* existing,
                                        model::TimePoint now) {
    model::ContainerInstance ci;
    if (existing) {
        ci = *existing;
    } else {
        ci.id = model::new_task_id();
        ci.arn = model::container_instance_arn(p.key, cluster, ci.id);
        ci.cluster_name = cluster;
        ci.docker_host = e.host;
        ci.auto_registered = true;
        ci.ec2_instance_id = "i-" + model::new_task_id().substr(0, 17);
        ci.registered_at = now;
    }
    // A deregistered (INACTIVE) instance's agent is gone for good, whatever the engine does.
    ci.agent_connected = e.reachable && ci.status != model::ContainerInstanceStatus::inactive;
    if (e.known) {
        ci.registered_cpu = static_cast<std::int64_t>(e.ncpu) * 1024;
        ci.registered_memory = e.mem_total / (1024 * 1024);
        ci.gpu_ids = e.gpu_ids;
        ci.version_info = version_info(e);
        ci.attributes = merged_attributes(ci.attributes, engine_attributes(e, p.key.region));
    }
    return ci;
}

bool same(const model::ContainerInstance& a, const model::ContainerInstance& b) {
    return a.agent_connected == b.agent_connected && a.registered_cpu == b.registered_cpu &&
           a.registered_memory == b.registered_memory && a.gpu_ids == b.gpu_ids &&
           a.version_info == b.version_info && a.attributes == b.attributes;
}

const model::ContainerInstance* find_auto(const model::Partition& p, const std::string& cluster,
                                          const std::string& host) {
    for (const auto& [arn, ci] : p.container_instances) {
        if (ci.auto_registered && ci.cluster_name == cluster && ci.docker_host == host) return &ci;
    }
    return nullptr;
}

}  // namespace

json engine_attributes(const EngineFacts& e, const std::string& region) {
    json out = json::array({attribute("ecs.os-type", e.os_type.empty() ? "linux" : e.os_type),
                            attribute("ecs.os-family", "LINUX"),
                            attribute("ecs.cpu-architecture", cpu_architecture(e.architecture)),
                            attribute("ecs.availability-zone", region + e.zone)});
    int minor = 0;
    if (auto dot = e.api_version.find('.'); dot != std::string::npos) {
        minor = std::atoi(e.api_version.c_str() + dot + 1);
    }
    for (int m = k_oldest_remote_api_minor; m <= minor; ++m) {
        out.push_back(
            attribute("com.amazonaws.ecs.capability.docker-remote-api.1." + std::to_string(m)));
    }
    for (const char* capability :
         {"com.amazonaws.ecs.capability.logging-driver.json-file",
          "com.amazonaws.ecs.capability.logging-driver.none",
          "com.amazonaws.ecs.capability.privileged-container",
          "ecs.capability.container-health-check", "ecs.capability.container-ordering",
          "ecs.capability.task-eni", "ecs.capability.task-cpu-mem-limit",
          "ecs.capability.docker-plugin.local"}) {
        out.push_back(attribute(capability));
    }
    return out;
}

std::vector<InstanceChange> container_instance_changes(const model::Partition& p,
                                                       const std::vector<EngineFacts>& engines,
                                                       model::TimePoint now) {
    std::vector<InstanceChange> changes;
    for (const auto& [name, cluster] : p.clusters) {
        if (cluster.status != model::ClusterStatus::active) continue;
        for (const auto& e : engines) {
            const auto* existing = find_auto(p, name, e.host);
            auto want = desired_record(p, name, e, existing, now);
            if (!existing || !same(*existing, want)) changes.push_back({want.arn, want});
        }
    }
    for (const auto& [arn, instance] : p.container_instances) {
        const auto& ci = instance;  // the lambda below captures it (clang 14 captures no binding)
        if (!ci.auto_registered) continue;
        auto cluster = p.clusters.find(ci.cluster_name);
        bool engine_known = std::any_of(engines.begin(), engines.end(), [&](const EngineFacts& e) {
            return e.host == ci.docker_host;
        });
        if (cluster == p.clusters.end() || cluster->second.status != model::ClusterStatus::active ||
            !engine_known) {
            changes.push_back({arn, std::nullopt});
        }
    }
    return changes;
}

void apply_instance_changes(model::Partition& p, const std::vector<InstanceChange>& changes) {
    for (const auto& change : changes) {
        if (!change.record) {
            p.container_instances.erase(change.arn);
            continue;
        }
        auto [it, inserted] = p.container_instances.try_emplace(change.arn, *change.record);
        if (inserted) {
            it->second.seq = p.take_seq();
        } else {
            it->second = *change.record;
        }
    }
}

}  // namespace berth::runtime

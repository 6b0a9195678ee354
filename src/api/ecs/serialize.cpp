#include "api/ecs/serialize.hpp"

#include <string_view>

namespace berth::api::ecs {

nlohmann::json tags_json(const model::Tags& tags) {
    auto out = nlohmann::json::array();
    for (const auto& t : tags) out.push_back({{"key", t.key}, {"value", t.value}});
    return out;
}

nlohmann::json failure_json(const std::string& arn, const std::string& reason,
                            const std::string& detail) {
    nlohmann::json f{{"arn", arn}, {"reason", reason}};
    if (!detail.empty()) f["detail"] = detail;
    return f;
}

ClusterFields ClusterFields::from_include(const nlohmann::json& input) {
    ClusterFields fields;
    auto it = input.find("include");
    if (it == input.end() || !it->is_array()) return fields;
    for (const auto& field : *it) {
        const auto& name = field.get_ref<const std::string&>();
        if (name == "SETTINGS") fields.settings = true;
        if (name == "STATISTICS") fields.statistics = true;
        if (name == "TAGS") fields.tags = true;
        if (name == "CONFIGURATIONS") fields.configurations = true;
        if (name == "ATTACHMENTS") fields.attachments = true;
    }
    return fields;
}

namespace {

// A service's launch type: its own, or FARGATE when its capacity providers are Fargate's.
bool is_fargate(const model::Service& s) {
    return model::task_launch_type(s.launch_type, s.capacity_provider_strategy) ==
           model::LaunchType::fargate;
}

struct ClusterCounts {
    int container_instances = 0;
    int running_ec2 = 0, running_fargate = 0;
    int pending_ec2 = 0, pending_fargate = 0;
    int active_ec2_services = 0, active_fargate_services = 0;
    int draining_ec2_services = 0, draining_fargate_services = 0;

    int running() const { return running_ec2 + running_fargate; }
    int pending() const { return pending_ec2 + pending_fargate; }
    int active_services() const { return active_ec2_services + active_fargate_services; }
};

ClusterCounts count(const model::Cluster& cluster, const model::Partition& p) {
    ClusterCounts c;
    for (const auto& [arn, ci] : p.container_instances) {
        if (ci.cluster_name == cluster.name && model::is_registered(ci)) {
            ++c.container_instances;
        }
    }
    for (const auto& [arn, task] : p.tasks) {
        if (task.cluster_name != cluster.name) continue;
        const bool fargate = task.launch_type == model::LaunchType::fargate;
        if (task.last_status == model::TaskStatus::running) {
            ++(fargate ? c.running_fargate : c.running_ec2);
        } else if (task.last_status < model::TaskStatus::running) {
            ++(fargate ? c.pending_fargate : c.pending_ec2);
        }
    }
    for (const auto& [arn, s] : p.services) {
        if (s.cluster_name != cluster.name) continue;
        const bool fargate = is_fargate(s);
        if (s.status == model::ServiceStatus::active) {
            ++(fargate ? c.active_fargate_services : c.active_ec2_services);
        }
        if (s.status == model::ServiceStatus::draining) {
            ++(fargate ? c.draining_fargate_services : c.draining_ec2_services);
        }
    }
    return c;
}

nlohmann::json statistics_json(const ClusterCounts& c) {
    const std::pair<std::string_view, int> stats[] = {
        {"runningEC2TasksCount", c.running_ec2},
        {"runningFargateTasksCount", c.running_fargate},
        {"pendingEC2TasksCount", c.pending_ec2},
        {"pendingFargateTasksCount", c.pending_fargate},
        {"activeEC2ServiceCount", c.active_ec2_services},
        {"activeFargateServiceCount", c.active_fargate_services},
        {"drainingEC2ServiceCount", c.draining_ec2_services},
        {"drainingFargateServiceCount", c.draining_fargate_services},
    };
    auto out = nlohmann::json::array();
    for (const auto& [name, value] : stats) {
        out.push_back({{"name", name}, {"value", std::to_string(value)}});
    }
    return out;
}

}  // namespace

nlohmann::json cluster_json(const model::Cluster& cluster, const model::Partition& partition,
                            const ClusterFields& fields) {
    const auto counts = count(cluster, partition);
    nlohmann::json out{
        {"clusterArn", cluster.arn},
        {"clusterName", cluster.name},
        {"status", model::to_string(cluster.status)},
        {"registeredContainerInstancesCount", counts.container_instances},
        {"runningTasksCount", counts.running()},
        {"pendingTasksCount", counts.pending()},
        {"activeServicesCount", counts.active_services()},
        {"statistics", fields.statistics ? statistics_json(counts) : nlohmann::json::array()},
        {"tags", fields.tags ? tags_json(cluster.tags) : nlohmann::json::array()},
        {"capacityProviders", cluster.capacity_providers},
        {"defaultCapacityProviderStrategy", cluster.default_capacity_provider_strategy},
    };
    if (fields.settings) out["settings"] = cluster.settings;
    if (fields.configurations && !cluster.configuration.is_null()) {
        out["configuration"] = cluster.configuration;
    }
    if (fields.attachments) out["attachments"] = nlohmann::json::array();
    if (!cluster.service_connect_defaults.is_null()) {
        out["serviceConnectDefaults"] = cluster.service_connect_defaults;
    }
    return out;
}

nlohmann::json task_definition_json(const model::TaskDefinition& td) {
    return task_definition_json(td, td.document());
}

nlohmann::json task_definition_json(const model::TaskDefinition& td, nlohmann::json out) {
    out["status"] = model::to_string(td.status);
    out["registeredAt"] = timestamp(td.registered_at);
    if (td.deregistered_at) out["deregisteredAt"] = timestamp(*td.deregistered_at);
    if (td.delete_requested_at) out["deleteRequestedAt"] = timestamp(*td.delete_requested_at);
    return out;
}

}  // namespace berth::api::ecs

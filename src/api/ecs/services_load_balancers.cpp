#include "api/ecs/services_load_balancers.hpp"

#include <algorithm>

#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

namespace errors = protocol::errors;

constexpr std::size_t k_max_target_groups = 5;

bool maps_port(const model::ContainerDefinition& c, int port) {
    return std::any_of(c.port_mappings.begin(), c.port_mappings.end(),
                       [&](const model::PortMapping& pm) { return pm.container_port == port; });
}

void check_container(const model::LoadBalancer& lb, const model::TaskDefinitionBody& td) {
    if (!lb.container_name || lb.container_name->empty()) {
        throw errors::invalid_parameter("Container Name can not be blank.");
    }
    const auto* c = td.container(*lb.container_name);
    if (!c) {
        throw errors::invalid_parameter("The container " + *lb.container_name +
                                        " does not exist in the task definition.");
    }
    if (!lb.container_port || !maps_port(*c, *lb.container_port)) {
        throw errors::invalid_parameter(
            "The container " + *lb.container_name + " did not have a container port " +
            (lb.container_port ? std::to_string(*lb.container_port) : std::string("null")) +
            " defined.");
    }
}

void check_target_type(const std::string& arn, const TargetGroupFacts& tg,
                       model::NetworkMode mode) {
    const bool needs_ip = mode == model::NetworkMode::awsvpc;
    if (tg.ip_targets == needs_ip) return;
    throw errors::invalid_parameter(
        "The provided target group " + arn + " has target type " +
        (tg.ip_targets ? "ip" : "instance") + ", which is incompatible with the " +
        std::string(model::to_string(mode)) + " network mode specified in the task definition.");
}

std::vector<std::string> target_group_arns(const nlohmann::json& input,
                                           const std::vector<model::LoadBalancer>& current) {
    std::vector<std::string> arns;
    for (const auto& lb : current) {
        if (lb.target_group_arn) arns.push_back(*lb.target_group_arn);
    }
    const auto it = input.find("loadBalancers");
    if (it != input.end() && it->is_array()) {
        for (const auto& lb : *it) {
            if (lb.contains("targetGroupArn"))
                arns.push_back(lb["targetGroupArn"].get<std::string>());
        }
    }
    return arns;
}

}  // namespace

TargetGroupFactsByArn read_target_groups(const Environment& env, const model::PartitionKey& key,
                                         const nlohmann::json& input,
                                         const std::vector<model::LoadBalancer>& current) {
    if (!env.load_balancers) return {};
    return find_target_groups(*env.load_balancers, key, target_group_arns(input, current));
}

void check_load_balancers(const std::vector<model::LoadBalancer>& load_balancers,
                          const TargetGroupFactsByArn& target_groups,
                          const model::TaskDefinitionBody& td) {
    if (load_balancers.size() > k_max_target_groups) {
        throw errors::invalid_parameter(
            "loadBalancers can have at most 5 target groups per service.");
    }
    for (const auto& lb : load_balancers) {
        if (lb.load_balancer_name) {
            throw errors::invalid_parameter("The load balancer " + *lb.load_balancer_name +
                                            " does not exist.");
        }
        if (!lb.target_group_arn) {
            throw errors::invalid_parameter(
                "A target group ARN or load balancer name must be specified.");
        }
        const auto& arn = *lb.target_group_arn;
        auto tg = target_groups.find(arn);
        if (tg == target_groups.end()) {
            throw errors::invalid_parameter(
                "Unable to assume role and validate the specified targetGroupArn. Please verify "
                "that the ECS service role being passed has the proper permissions.");
        }
        if (!tg->second.has_load_balancer) {
            throw errors::invalid_parameter("The target group with targetGroupArn " + arn +
                                            " does not have an associated load balancer.");
        }
        check_container(lb, td);
        check_target_type(arn, tg->second, td.network_mode_or_default());
    }
}

}  // namespace berth::api::ecs

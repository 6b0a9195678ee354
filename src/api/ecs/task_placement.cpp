#include "api/ecs/task_placement.hpp"

#include <algorithm>
#include <charconv>

#include "berth/model/task_factory.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/scheduler/placement.hpp"
#include "berth/scheduler/resources.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
namespace errors = protocol::errors;

// "tcp/8080" → (udp?, 8080)
void take_port(InstanceLoad& load, std::string_view port) {
    auto slash = port.find('/');
    int number = 0;
    auto digits = port.substr(slash == std::string_view::npos ? 0 : slash + 1);
    std::from_chars(digits.data(), digits.data() + digits.size(), number);
    (port.starts_with("udp") ? load.udp_ports : load.tcp_ports).insert(number);
}

scheduler::PlacementRequest placement_request(const std::string& cluster, const model::Task& task,
                                              const model::TaskDefinition& td,
                                              const model::Placement& placement) {
    scheduler::PlacementRequest request;
    request.cluster_name = cluster;
    request.group = task.group;
    request.needs = scheduler::needs_of(task, &td);
    request.constraints = placement.constraints;
    request.strategies = placement.strategies;
    return request;
}

}  // namespace

InstanceLoad instance_load(const model::Partition& p, const model::ContainerInstance& ci) {
    InstanceLoad load;
    load.instance = &ci;
    load.remaining_cpu = ci.registered_cpu;
    load.remaining_memory = ci.registered_memory;
    std::set<std::string> held_gpus;
    for (const auto& [arn, task] : p.tasks) {
        if (task.container_instance_arn != ci.arn) continue;
        if (task.last_status == model::TaskStatus::stopped) continue;
        auto needs =
            scheduler::needs_of(task, scheduler::find_task_definition(p, task.task_definition_arn));
        load.remaining_cpu -= needs.cpu;
        load.remaining_memory -= needs.memory;
        for (const auto& port : needs.host_ports) take_port(load, port);
        for (const auto& c : task.containers) held_gpus.insert(c.gpu_ids.begin(), c.gpu_ids.end());
        (task.last_status == model::TaskStatus::running ? load.running : load.pending) += 1;
        load.groups.push_back(task.group);
    }
    for (const auto& id : ci.gpu_ids) {
        if (!held_gpus.contains(id)) load.remaining_gpus.push_back(id);
    }
    return load;
}

std::vector<InstanceLoad> cluster_loads(const model::Partition& p, std::string_view cluster) {
    std::vector<InstanceLoad> out;
    for (const auto& [arn, ci] : p.container_instances) {
        if (ci.cluster_name == cluster) out.push_back(instance_load(p, ci));
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.instance->seq < b.instance->seq; });
    return out;
}

std::vector<std::string> query_subject_values(const InstanceLoad& load, std::string_view subject) {
    const auto& ci = *load.instance;
    if (subject.starts_with("attribute:")) {
        std::vector<std::string> values;
        for (const auto& a : ci.attributes) {
            if (a.value("name", "") == subject.substr(10)) values.push_back(a.value("value", ""));
        }
        return values;
    }
    if (subject == "ec2InstanceId") {
        if (ci.ec2_instance_id.empty()) return {};
        return {ci.ec2_instance_id};
    }
    if (subject == "agentConnected") return {ci.agent_connected ? "true" : "false"};
    if (subject == "agentVersion") return {ci.version_info.value("agentVersion", "")};
    if (subject == "runningTasksCount") return {std::to_string(load.running)};
    if (subject == "task:group") return load.groups;
    return {};
}

std::vector<PlacementFailure> place_tasks(const model::Partition& p, const std::string& cluster,
                                          const model::TaskDefinition& td,
                                          const model::Placement& placement,
                                          std::vector<model::Task>& tasks, std::uint64_t seed) {
    std::vector<model::Task*> to_place;
    for (auto& t : tasks) {
        if (t.launch_type != model::LaunchType::fargate) to_place.push_back(&t);
    }
    if (to_place.empty()) return {};
    scheduler::ClusterLedger ledger(p);
    if (ledger.usable_instances(cluster).empty()) {
        throw errors::invalid_parameter("No Container Instances were found in your cluster.");
    }
    auto request = placement_request(cluster, *to_place.front(), td, placement);
    // As ECS does, the task definition's own (memberOf) constraints hold beside the request's.
    const auto& own = td.body->placement_constraints;
    request.constraints.insert(request.constraints.end(), own.begin(), own.end());
    request.seed = seed;
    auto result = ledger.place(request, static_cast<int>(to_place.size()));
    const auto& arns = result.container_instance_arns;
    for (std::size_t i = 0; i < to_place.size(); ++i) {
        if (i < arns.size()) {
            model::place_on(*to_place[i], p.container_instances.at(arns[i]));
            model::pin_gpus(*to_place[i], result.gpus[i]);
        } else {
            to_place[i]->arn.clear();  // fits nowhere: never created
        }
    }
    std::erase_if(tasks, [](const model::Task& t) { return t.arn.empty(); });
    if (arns.size() == to_place.size()) return {};
    return {{result.closest_instance_arn, result.reason}};
}

std::optional<PlacementFailure> check_fits(const model::Partition& p, model::Task& task,
                                           const model::TaskDefinition& td) {
    scheduler::ClusterLedger ledger(p);
    auto request = placement_request(task.cluster_name, task, td, {});
    auto result = ledger.place_on(request, task.container_instance_arn);
    if (!result.container_instance_arns.empty()) {
        model::pin_gpus(task, result.gpus.front());
        return std::nullopt;
    }
    return PlacementFailure{task.container_instance_arn, result.reason};
}

model::Placement read_service_placement(const json& constraints, const json& strategy) {
    auto parsed = model::parse_placement(constraints, strategy);
    if (!parsed.error.empty()) throw errors::invalid_parameter(parsed.error);
    return parsed;
}

}  // namespace berth::api::ecs

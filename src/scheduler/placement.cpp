#include "berth/scheduler/placement.hpp"

#include <algorithm>
#include <ctime>

#include "scheduler/random.hpp"
#include "scheduler/task_state.hpp"

namespace berth::scheduler {

namespace {

std::string iso8601(model::TimePoint t) {
    std::time_t secs = model::Clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// The value a spread strategy groups instances by.
std::string spread_value(const model::ContainerInstance& instance, const std::string& field) {
    if (field == "instanceId" || field == "host") return instance.arn;
    std::string_view name = field;
    if (name.starts_with("attribute:")) name.remove_prefix(10);
    return model::attribute_value(instance, name).value_or("");
}

std::string short_id(const model::ContainerInstance& instance) {
    if (!instance.id.empty()) return instance.id;
    auto slash = instance.arn.rfind('/');
    return slash == std::string::npos ? instance.arn : instance.arn.substr(slash + 1);
}

}  // namespace

ClusterLedger::ClusterLedger(const model::Partition& partition) {
    slots_.reserve(partition.container_instances.size());
    for (const auto& [arn, instance] : partition.container_instances) {
        slots_.push_back({&instance, {}});
    }
    std::sort(slots_.begin(), slots_.end(), [](const Slot& a, const Slot& b) {
        return std::tie(a.instance->seq, a.instance->arn) <
               std::tie(b.instance->seq, b.instance->arn);
    });
    for (std::size_t i = 0; i < slots_.size(); ++i) by_arn_[slots_[i].instance->arn] = i;

    for (const auto& [arn, task] : partition.tasks) {
        if (task.container_instance_arn.empty() || is_dead(task)) continue;
        auto found = by_arn_.find(task.container_instance_arn);
        if (found == by_arn_.end()) continue;
        Usage& u = slots_[found->second].usage;
        TaskNeeds needs = needs_of(task, find_task_definition(partition, task.task_definition_arn));
        u.cpu += needs.cpu;
        u.memory += needs.memory;
        u.ports.insert(needs.host_ports.begin(), needs.host_ports.end());
        for (const auto& c : task.containers) u.gpus.insert(c.gpu_ids.begin(), c.gpu_ids.end());
        if (!task.group.empty()) ++u.groups[task.group];
        if (task.last_status == model::TaskStatus::running) ++u.running;
    }
}

const ClusterLedger::Slot* ClusterLedger::slot_of(const std::string& arn) const {
    auto found = by_arn_.find(arn);
    return found == by_arn_.end() ? nullptr : &slots_[found->second];
}

std::vector<std::size_t> ClusterLedger::usable_slots(const std::string& cluster_name) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        const auto& instance = *slots_[i].instance;
        if (instance.cluster_name == cluster_name &&
            instance.status == model::ContainerInstanceStatus::active && instance.agent_connected) {
            out.push_back(i);
        }
    }
    return out;
}

std::vector<const model::ContainerInstance*> ClusterLedger::usable_instances(
    const std::string& cluster_name) const {
    std::vector<const model::ContainerInstance*> out;
    for (auto i : usable_slots(cluster_name)) out.push_back(slots_[i].instance);
    return out;
}

ClusterLedger::Check ClusterLedger::check(const PlacementRequest& request, const Slot& slot) const {
    const auto& instance = *slot.instance;
    const Usage& u = slot.usage;
    if (instance.cluster_name != request.cluster_name ||
        instance.status != model::ContainerInstanceStatus::active || !instance.agent_connected) {
        return Check::state;
    }
    const auto os_type = model::attribute_value(instance, "ecs.os-type").value_or("linux");
    const auto& wanted = request.needs.os_type;
    if (!wanted.empty() && os_type != wanted) return Check::attribute;
    auto resolve = [&](std::string_view subject) -> std::vector<std::string> {
        if (subject.starts_with("attribute:")) {
            auto value = model::attribute_value(instance, subject.substr(10));
            return value ? std::vector<std::string>{*value} : std::vector<std::string>{};
        }
        if (subject == "ec2InstanceId") {
            if (instance.ec2_instance_id.empty()) return {};
            return {instance.ec2_instance_id};
        }
        if (subject == "agentConnected") return {instance.agent_connected ? "true" : "false"};
        if (subject == "agentVersion") {
            auto v = instance.version_info.value("agentVersion", "");
            return v.empty() ? std::vector<std::string>{} : std::vector<std::string>{v};
        }
        if (subject == "registeredAt") return {iso8601(instance.registered_at)};
        if (subject == "runningTasksCount") return {std::to_string(u.running)};
        if (subject == "task:group") {
            std::vector<std::string> groups;
            for (const auto& [group, n] : u.groups) {
                if (n > 0) groups.push_back(group);
            }
            return groups;
        }
        return {};
    };
    for (const auto& c : request.constraints) {
        if (c.type == PlacementConstraint::Type::member_of &&
            !(c.expression && c.expression->matches(resolve))) {
            return Check::member_of;
        }
    }
    auto tasks_of_group = [&] {
        auto it = u.groups.find(request.group);
        return it == u.groups.end() ? 0 : it->second;
    };
    for (const auto& c : request.constraints) {
        if (c.type == PlacementConstraint::Type::distinct_instance && !request.group.empty() &&
            tasks_of_group() > 0) {
            return Check::distinct_instance;
        }
    }
    // An engine that reported no capacity is not limited by it.
    if (instance.registered_cpu > 0 && u.cpu + request.needs.cpu > instance.registered_cpu) {
        return Check::cpu;
    }
    if (instance.registered_memory > 0 &&
        u.memory + request.needs.memory > instance.registered_memory) {
        return Check::memory;
    }
    // GPUs are counted whole: an instance without GPUs has none to give.
    if (const int gpus = request.needs.gpu_count(); gpus > 0) {
        const auto free =
            std::count_if(instance.gpu_ids.begin(), instance.gpu_ids.end(),
                          [&](const std::string& id) { return !u.gpus.contains(id); });
        if (free < gpus) return Check::gpu;
    }
    for (const auto& port : request.needs.host_ports) {
        if (u.ports.contains(port)) return Check::ports;
    }
    // Two containers of one task asking for the same host port can never be placed.
    std::set<std::string> own(request.needs.host_ports.begin(), request.needs.host_ports.end());
    if (own.size() != request.needs.host_ports.size()) return Check::ports;
    return Check::fits;
}

model::GpuAssignment ClusterLedger::record(const PlacementRequest& request, Slot& slot) {
    Usage& u = slot.usage;
    u.cpu += request.needs.cpu;
    u.memory += request.needs.memory;
    u.ports.insert(request.needs.host_ports.begin(), request.needs.host_ports.end());
    if (!request.group.empty()) ++u.groups[request.group];
    model::GpuAssignment pinned;
    auto next = slot.instance->gpu_ids.begin();
    for (const auto& [container, count] : request.needs.gpus) {
        auto& ids = pinned[container];
        while (static_cast<int>(ids.size()) < count && next != slot.instance->gpu_ids.end()) {
            if (u.gpus.insert(*next).second) ids.push_back(*next);
            ++next;
        }
    }
    return pinned;
}

PlacementResult ClusterLedger::explain(const PlacementRequest& request,
                                       const std::vector<std::size_t>& candidates) const {
    PlacementResult result;
    if (candidates.empty()) {
        result.detail = "Reason: No Container Instances were found in your cluster.";
        result.reason = "No Container Instances were found in your cluster.";
        return result;
    }
    const Slot* closest = nullptr;
    Check furthest = Check::state;
    for (auto i : candidates) {
        Check c = check(request, slots_[i]);
        if (!closest || c > furthest) {
            closest = &slots_[i];
            furthest = c;
        }
    }
    result.closest_instance_arn = closest->instance->arn;
    std::string who = "The closest matching container-instance " + short_id(*closest->instance);
    auto encountered = [&](const std::string& error) {
        result.reason = error;
        result.detail = who + " encountered error \"" + error + "\".";
    };
    switch (furthest) {
        case Check::attribute:
            result.reason = "ATTRIBUTE";
            result.detail = who + " is missing an attribute required by your task.";
            break;
        case Check::state:
        case Check::member_of:
            encountered("MemberOf placement constraint unsatisfied.");
            break;
        case Check::distinct_instance:
            encountered("DistinctInstance placement constraint unsatisfied.");
            break;
        case Check::cpu:
            result.reason = "RESOURCE:CPU";
            result.detail = who + " has insufficient CPU units available.";
            break;
        case Check::memory:
            result.reason = "RESOURCE:MEMORY";
            result.detail = who + " has insufficient memory available.";
            break;
        case Check::gpu:
            result.reason = "RESOURCE:GPU";
            result.detail = who + " has insufficient GPU available.";
            break;
        case Check::ports:
        case Check::fits:
            result.reason = "RESOURCE:PORTS";
            result.detail = who + " is already using a port required by your task.";
            break;
    }
    return result;
}

std::size_t ClusterLedger::pick(const PlacementRequest& request,
                                const std::vector<std::size_t>& fit, int placement_index) const {
    static const std::vector<PlacementStrategy> k_default = {
        {PlacementStrategy::Type::spread, "attribute:ecs.availability-zone"},
        {PlacementStrategy::Type::spread, "instanceId"}};
    const auto& strategies = request.strategies.empty() ? k_default : request.strategies;
    auto group_tasks = [&](const Slot& slot) -> std::int64_t {
        auto it = slot.usage.groups.find(request.group);
        return it == slot.usage.groups.end() ? 0 : it->second;
    };
    // Spreading by an attribute compares the group's tasks per attribute value, over every
    // usable instance of the cluster (not only those the task fits on).
    std::vector<std::map<std::string, std::int64_t>> per_value(strategies.size());
    std::vector<std::size_t> usable;
    for (std::size_t s = 0; s < strategies.size(); ++s) {
        const auto& field = strategies[s].field;
        if (strategies[s].type != PlacementStrategy::Type::spread || field == "instanceId" ||
            field == "host")
            continue;
        if (usable.empty()) usable = usable_slots(request.cluster_name);
        for (auto i : usable)
            per_value[s][spread_value(*slots_[i].instance, field)] += group_tasks(slots_[i]);
    }
    auto key = [&](const Slot& slot) {
        std::vector<std::int64_t> k;
        k.reserve(strategies.size());
        for (std::size_t s = 0; s < strategies.size(); ++s) {
            const auto& strategy = strategies[s];
            if (strategy.type == PlacementStrategy::Type::spread) {
                if (strategy.field == "instanceId" || strategy.field == "host") {
                    k.push_back(group_tasks(slot));
                } else {
                    k.push_back(per_value[s][spread_value(*slot.instance, strategy.field)]);
                }
            } else if (strategy.type == PlacementStrategy::Type::binpack) {
                k.push_back(strategy.field == "cpu"
                                ? slot.instance->registered_cpu - slot.usage.cpu
                                : slot.instance->registered_memory - slot.usage.memory);
            } else if (strategy.type == PlacementStrategy::Type::random) {
                auto h = mix(request.seed, hash_text(slot.instance->arn),
                             static_cast<std::uint64_t>(placement_index));
                k.push_back(static_cast<std::int64_t>(h >> 1));
            }
        }
        return k;  // ties: the order of `fit`, which is registration order
    };
    std::size_t best = fit.front();
    auto best_key = key(slots_[best]);
    for (std::size_t n = 1; n < fit.size(); ++n) {
        auto k = key(slots_[fit[n]]);
        if (k < best_key) {
            best = fit[n];
            best_key = std::move(k);
        }
    }
    return best;
}

PlacementResult ClusterLedger::place(const PlacementRequest& request, int count) {
    PlacementResult result;
    auto candidates = usable_slots(request.cluster_name);
    std::vector<std::size_t> fit;
    for (int i = 0; i < count; ++i) {
        fit.clear();
        for (auto c : candidates) {
            if (check(request, slots_[c]) == Check::fits) fit.push_back(c);
        }
        if (fit.empty()) {
            auto why = explain(request, candidates);
            result.detail = why.detail;
            result.reason = why.reason;
            result.closest_instance_arn = why.closest_instance_arn;
            break;
        }
        auto chosen = pick(request, fit, i);
        result.gpus.push_back(record(request, slots_[chosen]));
        result.container_instance_arns.push_back(slots_[chosen].instance->arn);
    }
    return result;
}

PlacementResult ClusterLedger::place_on(const PlacementRequest& request,
                                        const std::string& instance_arn) {
    auto found = by_arn_.find(instance_arn);
    if (found == by_arn_.end()) return explain(request, {});
    Slot& slot = slots_[found->second];
    if (check(request, slot) != Check::fits) return explain(request, {found->second});
    PlacementResult result;
    result.gpus.push_back(record(request, slot));
    result.container_instance_arns.push_back(instance_arn);
    return result;
}

bool ClusterLedger::admits(const PlacementRequest& request, const std::string& instance_arn) const {
    const Slot* slot = slot_of(instance_arn);
    if (!slot) return false;
    Check c = check(request, *slot);
    return c != Check::state && c != Check::attribute && c != Check::member_of;
}

}  // namespace berth::scheduler

#include "berth/scheduler/placement.hpp"

#include <algorithm>
#include <ctime>

#include "scheduler/random.hpp"
#include "scheduler/task_state.hpp"

namespace berth::scheduler {

namespace {

std::string attribute_value(const model::ContainerInstance& instance, std::string_view name,
                            bool* found) {
    *found = false;
    if (!instance.attributes.is_array()) return {};
    for (const auto& attr : instance.attributes) {
        if (!attr.is_object() || attr.value("name", "") != name) continue;
        *found = true;
        auto it = attr.find("value");
        return it != attr.end() && it->is_string() ? it->get<std::string>() : std::string();
    }
    return {};
}

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
    bool found = false;
    return attribute_value(instance, name, &found);
}

std::string short_id(const model::ContainerInstance& instance) {
    if (!instance.id.empty()) return instance.id;
    auto slash = instance.arn.rfind('/');
    return slash == std::string::npos ? instance.arn : instance.arn.substr(slash + 1);
}

}  // namespace

std::vector<PlacementConstraint> read_constraints(const nlohmann::json& constraints,
                                                  std::string* error) {
    std::vector<PlacementConstraint> out;
    if (!constraints.is_array()) return out;
    for (const auto& c : constraints) {
        if (!c.is_object()) continue;
        std::string type = c.value("type", "");
        if (type == "distinctInstance") {
            out.push_back({PlacementConstraint::Type::distinct_instance, std::nullopt});
        } else if (type == "memberOf") {
            auto parsed = parse_query(c.value("expression", ""));
            if (!parsed.query && error) *error = parsed.error;
            // An expression that does not parse is kept as "matches nothing": placing the task
            // anywhere would ignore what the user asked for.
            if (!parsed.query) parsed = parse_query("attribute:berth.invalid-expression exists");
            out.push_back({PlacementConstraint::Type::member_of, parsed.query});
        }
    }
    return out;
}

std::vector<PlacementStrategy> read_strategies(const nlohmann::json& strategies) {
    std::vector<PlacementStrategy> out;
    if (!strategies.is_array()) return out;
    for (const auto& s : strategies) {
        if (!s.is_object()) continue;
        out.push_back({s.value("type", ""), s.value("field", "")});
    }
    return out;
}

ClusterLedger::ClusterLedger(const model::Partition& partition) : partition_(partition) {
    for (const auto& [arn, task] : partition.tasks) {
        if (task.container_instance_arn.empty() || is_dead(task)) continue;
        Usage& u = usage_[task.container_instance_arn];
        TaskNeeds needs = needs_of(task, find_task_definition(partition, task.task_definition_arn));
        u.cpu += needs.cpu;
        u.memory += needs.memory;
        u.ports.insert(needs.host_ports.begin(), needs.host_ports.end());
        if (!task.group.empty()) ++u.groups[task.group];
        if (task.last_status == model::TaskStatus::running) ++u.running;
    }
}

std::vector<const model::ContainerInstance*> ClusterLedger::usable_instances(
    const std::string& cluster_name) const {
    std::vector<const model::ContainerInstance*> out;
    for (const auto& [arn, instance] : partition_.container_instances) {
        if (instance.cluster_name == cluster_name && instance.status == "ACTIVE" &&
            instance.agent_connected) {
            out.push_back(&instance);
        }
    }
    std::sort(out.begin(), out.end(),
              [](auto* a, auto* b) { return std::tie(a->seq, a->arn) < std::tie(b->seq, b->arn); });
    return out;
}

ClusterLedger::Check ClusterLedger::check(const PlacementRequest& request,
                                          const model::ContainerInstance& instance) const {
    if (instance.cluster_name != request.cluster_name || instance.status != "ACTIVE" ||
        !instance.agent_connected) {
        return Check::state;
    }
    static const Usage k_unused;
    auto found = usage_.find(instance.arn);
    const Usage& u = found == usage_.end() ? k_unused : found->second;

    auto resolve = [&](std::string_view subject) -> std::vector<std::string> {
        if (subject.starts_with("attribute:")) {
            bool exists = false;
            auto value = attribute_value(instance, subject.substr(10), &exists);
            return exists ? std::vector<std::string>{value} : std::vector<std::string>{};
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
    for (const auto& c : request.constraints) {
        if (c.type == PlacementConstraint::Type::distinct_instance && !request.group.empty()) {
            auto it = u.groups.find(request.group);
            if (it != u.groups.end() && it->second > 0) return Check::distinct_instance;
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
    for (const auto& port : request.needs.host_ports) {
        if (u.ports.contains(port)) return Check::ports;
    }
    // Two containers of one task asking for the same host port can never be placed.
    std::set<std::string> own(request.needs.host_ports.begin(), request.needs.host_ports.end());
    if (own.size() != request.needs.host_ports.size()) return Check::ports;
    return Check::fits;
}

void ClusterLedger::record(const PlacementRequest& request,
                           const model::ContainerInstance& instance) {
    Usage& u = usage_[instance.arn];
    u.cpu += request.needs.cpu;
    u.memory += request.needs.memory;
    u.ports.insert(request.needs.host_ports.begin(), request.needs.host_ports.end());
    if (!request.group.empty()) ++u.groups[request.group];
}

PlacementResult ClusterLedger::explain(
    const PlacementRequest& request,
    const std::vector<const model::ContainerInstance*>& candidates) const {
    PlacementResult result;
    if (candidates.empty()) {
        result.detail = "Reason: No Container Instances were found in your cluster.";
        result.reason = "No Container Instances were found in your cluster.";
        return result;
    }
    const model::ContainerInstance* closest = nullptr;
    Check furthest = Check::state;
    for (const auto* instance : candidates) {
        Check c = check(request, *instance);
        if (!closest || c > furthest) {
            closest = instance;
            furthest = c;
        }
    }
    result.closest_instance_arn = closest->arn;
    std::string who = "The closest matching container-instance " + short_id(*closest);
    auto encountered = [&](const std::string& error) {
        result.reason = error;
        result.detail = who + " encountered error \"" + error + "\".";
    };
    switch (furthest) {
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
        case Check::ports:
        case Check::fits:
            result.reason = "RESOURCE:PORTS";
            result.detail = who + " is already using a port required by your task.";
            break;
    }
    return result;
}

const model::ContainerInstance* ClusterLedger::pick(
    const PlacementRequest& request, const std::vector<const model::ContainerInstance*>& fit,
    int placement_index) const {
    std::vector<PlacementStrategy> strategies = request.strategies;
    if (strategies.empty()) {
        strategies = {{"spread", "attribute:ecs.availability-zone"}, {"spread", "instanceId"}};
    }
    // Tasks of the group per spread value, over every usable instance of the cluster.
    std::vector<std::map<std::string, std::int64_t>> spread_counts(strategies.size());
    auto all = usable_instances(request.cluster_name);
    for (std::size_t i = 0; i < strategies.size(); ++i) {
        if (strategies[i].type != "spread") continue;
        for (const auto* instance : all) {
            auto it = usage_.find(instance->arn);
            std::int64_t n = 0;
            if (it != usage_.end()) {
                auto g = it->second.groups.find(request.group);
                if (g != it->second.groups.end()) n = g->second;
            }
            spread_counts[i][spread_value(*instance, strategies[i].field)] += n;
        }
    }
    auto key = [&](const model::ContainerInstance& instance) {
        std::vector<std::int64_t> k;
        auto it = usage_.find(instance.arn);
        std::int64_t used_cpu = it == usage_.end() ? 0 : it->second.cpu;
        std::int64_t used_memory = it == usage_.end() ? 0 : it->second.memory;
        for (std::size_t i = 0; i < strategies.size(); ++i) {
            const auto& s = strategies[i];
            if (s.type == "spread") {
                k.push_back(spread_counts[i][spread_value(instance, s.field)]);
            } else if (s.type == "binpack") {
                k.push_back(s.field == "cpu" ? instance.registered_cpu - used_cpu
                                             : instance.registered_memory - used_memory);
            } else if (s.type == "random") {
                auto h = mix(request.seed, hash_text(instance.arn),
                             static_cast<std::uint64_t>(placement_index));
                k.push_back(static_cast<std::int64_t>(h >> 1));
            }
        }
        k.push_back(static_cast<std::int64_t>(instance.seq));
        return k;
    };
    const model::ContainerInstance* best = nullptr;
    std::vector<std::int64_t> best_key;
    for (const auto* instance : fit) {
        auto k = key(*instance);
        if (!best || k < best_key) {
            best = instance;
            best_key = std::move(k);
        }
    }
    return best;
}

PlacementResult ClusterLedger::place(const PlacementRequest& request, int count) {
    PlacementResult result;
    auto candidates = usable_instances(request.cluster_name);
    for (int i = 0; i < count; ++i) {
        std::vector<const model::ContainerInstance*> fit;
        for (const auto* instance : candidates) {
            if (check(request, *instance) == Check::fits) fit.push_back(instance);
        }
        if (fit.empty()) {
            auto why = explain(request, candidates);
            result.detail = why.detail;
            result.reason = why.reason;
            result.closest_instance_arn = why.closest_instance_arn;
            break;
        }
        const auto* chosen = pick(request, fit, i);
        record(request, *chosen);
        result.container_instance_arns.push_back(chosen->arn);
    }
    return result;
}

PlacementResult ClusterLedger::place_on(const PlacementRequest& request,
                                        const std::string& instance_arn) {
    auto it = partition_.container_instances.find(instance_arn);
    if (it == partition_.container_instances.end()) return explain(request, {});
    if (check(request, it->second) != Check::fits) return explain(request, {&it->second});
    record(request, it->second);
    PlacementResult result;
    result.container_instance_arns.push_back(instance_arn);
    return result;
}

bool ClusterLedger::admits(const PlacementRequest& request, const std::string& instance_arn) const {
    auto it = partition_.container_instances.find(instance_arn);
    if (it == partition_.container_instances.end()) return false;
    Check c = check(request, it->second);
    return c != Check::state && c != Check::member_of;
}

}  // namespace berth::scheduler

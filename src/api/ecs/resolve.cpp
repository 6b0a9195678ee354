#include "api/ecs/resolve.hpp"

#include <algorithm>
#include <charconv>

#include "berth/model/task_definition_lookup.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace errors = protocol::errors;

namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

bool is_ecs_name(std::string_view s) {
    return !s.empty() && s.size() <= 255 && std::all_of(s.begin(), s.end(), is_name_char);
}

std::optional<int> parse_revision(std::string_view s) {
    int value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size() || value < 1) return std::nullopt;
    return value;
}

}  // namespace

model::Arn check_ecs_arn(const model::PartitionKey& partition, std::string_view text) {
    auto arn = model::parse_arn(text);
    if (!arn || arn->service != "ecs" || arn->region.empty() || arn->account.empty()) {
        throw errors::invalid_parameter("The ARN provided is invalid.");
    }
    if (arn->region != partition.region) throw errors::invalid_parameter("Invalid Region in ARN");
    if (arn->account != partition.account) {
        throw errors::invalid_parameter("Invalid identifier: Identifier is for " + arn->account +
                                        ". Your accountId is " + partition.account);
    }
    return *arn;
}

// --- clusters --------------------------------------------------------------------------------

std::string cluster_name(const model::PartitionKey& partition, std::string_view ref) {
    if (ref.empty()) return std::string(k_default_cluster);
    if (!model::looks_like_arn(ref)) return std::string(ref);
    auto arn = check_ecs_arn(partition, ref);
    if (arn.resource_type() != "cluster" || arn.resource_id().empty()) {
        throw errors::invalid_parameter("Invalid identifier: the ARN does not name a cluster.");
    }
    return std::string(arn.resource_id());
}

std::string cluster_name_from_input(const model::PartitionKey& partition,
                                    const nlohmann::json& input, std::string_view member) {
    auto it = input.find(member);
    if (it == input.end() || it->is_null()) return std::string(k_default_cluster);
    return cluster_name(partition, it->get_ref<const std::string&>());
}

const model::Cluster* find_cluster(const model::Partition& p, std::string_view name) {
    auto it = p.clusters.find(std::string(name));
    return it == p.clusters.end() ? nullptr : &it->second;
}

model::Cluster* find_cluster(model::Partition& p, std::string_view name) {
    auto it = p.clusters.find(std::string(name));
    return it == p.clusters.end() ? nullptr : &it->second;
}

const model::Cluster& require_cluster(const model::Partition& p, std::string_view name) {
    const auto* c = find_cluster(p, name);
    if (!c) throw errors::cluster_not_found();
    return *c;
}

model::Cluster& require_cluster(model::Partition& p, std::string_view name) {
    auto* c = find_cluster(p, name);
    if (!c) throw errors::cluster_not_found();
    return *c;
}

model::Cluster& require_active_cluster(model::Partition& p, std::string_view name) {
    auto& c = require_cluster(p, name);
    if (c.status != model::ClusterStatus::active) throw errors::cluster_not_found();
    return c;
}

const model::Cluster& require_active_cluster(const model::Partition& p, std::string_view name) {
    const auto& c = require_cluster(p, name);
    if (c.status != model::ClusterStatus::active) throw errors::cluster_not_found();
    return c;
}

// --- task definitions ------------------------------------------------------------------------

TaskDefinitionRef parse_task_definition_ref(const model::PartitionKey& partition,
                                            std::string_view text, std::string_view resource_type) {
    std::string_view body = text;
    if (model::looks_like_arn(text)) {
        auto arn = check_ecs_arn(partition, text);
        if (arn.resource_type() != resource_type || arn.resource_id().empty()) {
            std::string what(resource_type);
            std::replace(what.begin(), what.end(), '-', ' ');
            throw errors::invalid_parameter("Invalid identifier: the ARN does not name a " + what +
                                            ".");
        }
        // The Arn owns its strings; copy the id out before `arn` goes away.
        std::string id(arn.resource_id());
        return parse_task_definition_ref(partition, id, resource_type);
    }
    TaskDefinitionRef ref;
    auto colon = body.rfind(':');
    ref.family = std::string(body.substr(0, colon));
    if (colon != std::string_view::npos) {
        ref.revision = parse_revision(body.substr(colon + 1));
        if (!ref.revision) {
            throw errors::client("Invalid revision number. Number: " +
                                 std::string(body.substr(colon + 1)));
        }
    }
    if (!is_ecs_name(ref.family)) throw errors::client("Family contains invalid characters.");
    return ref;
}

const model::TaskDefinition* find_task_definition(const model::Partition& p,
                                                  const TaskDefinitionRef& ref) {
    auto fam = p.task_definitions.find(ref.family);
    if (fam == p.task_definitions.end()) return nullptr;
    const auto& revisions = fam->second;
    if (ref.revision) {
        const auto* td = model::find_revision(revisions, *ref.revision);
        return td && !is_gone(p, *td) ? td : nullptr;
    }
    auto newest_active = std::find_if(revisions.rbegin(), revisions.rend(), [](const auto& td) {
        return td.status == model::TaskDefinitionStatus::active;
    });
    return newest_active == revisions.rend() ? nullptr : &*newest_active;
}

model::TaskDefinition* find_task_definition(model::Partition& p, const TaskDefinitionRef& ref) {
    return const_cast<model::TaskDefinition*>(
        find_task_definition(static_cast<const model::Partition&>(p), ref));
}

const model::DaemonTaskDefinition* find_daemon_task_definition(const model::Partition& p,
                                                               const TaskDefinitionRef& ref) {
    auto fam = p.daemon_task_definitions.find(ref.family);
    if (fam == p.daemon_task_definitions.end()) return nullptr;
    const auto& revisions = fam->second;  // revision n at index n - 1
    if (ref.revision) {
        const auto n = static_cast<std::size_t>(*ref.revision);
        return n >= 1 && n <= revisions.size() ? &revisions[n - 1] : nullptr;
    }
    auto newest_active = std::find_if(revisions.rbegin(), revisions.rend(), [](const auto& d) {
        return d.status == model::DaemonTaskDefinitionStatus::active;
    });
    return newest_active == revisions.rend() ? nullptr : &*newest_active;
}

model::DaemonTaskDefinition* find_daemon_task_definition(model::Partition& p,
                                                         const TaskDefinitionRef& ref) {
    return const_cast<model::DaemonTaskDefinition*>(
        find_daemon_task_definition(static_cast<const model::Partition&>(p), ref));
}

const model::TaskDefinition& require_task_definition(const model::Partition& p,
                                                     const TaskDefinitionRef& ref) {
    const auto* td = find_task_definition(p, ref);
    if (!td) throw errors::client("Unable to describe task definition.");
    return *td;
}

bool is_gone(const model::Partition& p, const model::TaskDefinition& td) {
    if (td.status != model::TaskDefinitionStatus::delete_in_progress) return false;
    for (const auto& [arn, task] : p.tasks) {
        if (task.task_definition_arn == td.arn && task.last_status != model::TaskStatus::stopped) {
            return false;
        }
    }
    for (const auto& [arn, service] : p.services) {
        if (service.status == model::ServiceStatus::inactive) continue;
        if (service.task_definition_arn == td.arn) return false;
        for (const auto& d : service.deployments) {
            if (d.task_definition_arn == td.arn) return false;
        }
    }
    return true;
}

void forget_gone_revisions(model::Partition& p, const std::string& family) {
    auto fam = p.task_definitions.find(family);
    if (fam == p.task_definitions.end() || fam->second.empty()) return;
    auto& revisions = fam->second;
    const int newest = revisions.back().revision;
    std::erase_if(revisions, [&](const model::TaskDefinition& td) {
        return td.revision != newest && is_gone(p, td);
    });
}

}  // namespace berth::api::ecs

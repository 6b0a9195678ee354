// ListServiceDeployments, DescribeServiceDeployments and DescribeServiceRevisions: each
// deployment of a service (the entries of its `deployments`, INACTIVE ones included while Berth
// keeps them) seen as a service deployment, whose target revision is the deployment's task
// definition and launch; that revision shares the deployment's id.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/services.hpp"
#include "api/ecs/services_deployments.hpp"
#include "api/ecs/services_serialize.hpp"
#include "berth/model/arn.hpp"
#include "berth/model/task_definition_lookup.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/pagination.hpp"
#include "berth/scheduler/deployment_config.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

// "ecs-svc/1234" → "1234".
std::string short_id(const std::string& deployment_id) {
    auto slash = deployment_id.find('/');
    return slash == std::string::npos ? deployment_id : deployment_id.substr(slash + 1);
}

std::string deployment_arn(const model::PartitionKey& key, const model::Service& s,
                           const model::Deployment& d) {
    return model::ecs_arn(
        key, "service-deployment/" + s.cluster_name + "/" + s.name + "/" + short_id(d.id));
}

std::string revision_arn(const model::PartitionKey& key, const model::Service& s,
                         const model::Deployment& d) {
    return model::ecs_arn(
        key, "service-revision/" + s.cluster_name + "/" + s.name + "/" + short_id(d.id));
}

bool is_rollback(const model::Deployment& d) {
    return !d.rollback_of.empty();
}

// The deployment that rolled `failed` back, if any.
const model::Deployment* rolled_back_by(const model::Service& s, const model::Deployment& failed) {
    for (const auto& d : s.deployments) {
        if (d.rollback_of == failed.id) return &d;
    }
    return nullptr;
}

}  // namespace

model::ServiceDeploymentStatus status_of(const model::Service& s, const model::Deployment& d) {
    using model::RolloutState;
    using Status = model::ServiceDeploymentStatus;
    if (d.rollout_state == RolloutState::completed)
        return is_rollback(d) ? Status::rollback_successful : Status::successful;
    if (d.rollout_state == RolloutState::failed) {
        const auto* rollback = rolled_back_by(s, d);
        if (!rollback) return Status::stopped;
        if (rollback->rollout_state == RolloutState::completed) return Status::rollback_successful;
        if (rollback->rollout_state == RolloutState::failed) return Status::rollback_failed;
        return Status::rollback_in_progress;
    }
    if (d.status != model::DeploymentStatus::primary)
        return Status::stopped;  // superseded before it completed
    return is_rollback(d) ? Status::rollback_in_progress : Status::in_progress;
}

namespace {

bool is_finished(model::ServiceDeploymentStatus status) {
    using Status = model::ServiceDeploymentStatus;
    return status != Status::in_progress && status != Status::rollback_in_progress &&
           status != Status::pending;
}

json brief_json(const model::PartitionKey& key, const model::Service& s,
                const model::Deployment& d) {
    const auto status = status_of(s, d);
    json out{{"serviceDeploymentArn", deployment_arn(key, s, d)},
             {"serviceArn", s.arn},
             {"clusterArn", s.cluster_arn},
             {"startedAt", timestamp(d.created_at)},
             {"createdAt", timestamp(d.created_at)},
             {"targetServiceRevisionArn", revision_arn(key, s, d)},
             {"status", model::to_string(status)},
             {"statusReason", d.rollout_state_reason}};
    if (is_finished(status)) out["finishedAt"] = timestamp(d.updated_at);
    return out;
}

json full_json(const model::PartitionKey& key, const model::Service& s,
               const model::Deployment& d) {
    auto out = brief_json(key, s, d);
    out.erase("targetServiceRevisionArn");
    out["updatedAt"] = timestamp(d.updated_at);
    out["targetServiceRevision"] = {{"arn", revision_arn(key, s, d)},
                                    {"requestedTaskCount", d.desired_count},
                                    {"runningTaskCount", d.running_count},
                                    {"pendingTaskCount", d.pending_count}};
    json sources = json::array();
    for (const auto& other : s.deployments) {
        if (&other == &d || other.created_at >= d.created_at ||
            other.status == model::DeploymentStatus::inactive) {
            continue;
        }
        sources.push_back({{"arn", revision_arn(key, s, other)},
                           {"requestedTaskCount", other.desired_count},
                           {"runningTaskCount", other.running_count},
                           {"pendingTaskCount", other.pending_count}});
    }
    out["sourceServiceRevisions"] = std::move(sources);
    const auto& config = s.deployment_configuration;
    out["deploymentConfiguration"] = model::to_json(config);
    using model::RolloutState;
    const bool on = config.circuit_breaker.enable;
    json breaker{{"status", model::to_string(model::circuit_breaker_status(on, d.rollout_state))},
                 {"failureCount", d.failed_tasks}};
    if (on) breaker["threshold"] = scheduler::failure_threshold(config, d.desired_count);
    out["deploymentCircuitBreaker"] = std::move(breaker);
    if (d.rollout_state == RolloutState::failed) {
        if (const auto* rollback = rolled_back_by(s, d)) {
            out["rollback"] = {{"reason", rollback->rollout_state_reason},
                               {"startedAt", timestamp(rollback->created_at)},
                               {"serviceRevisionArn", revision_arn(key, s, *rollback)}};
        }
    }
    return out;
}

// Listing order: newest first; the key sorts that way as text.
std::string listing_key(const model::Deployment& d) {
    char millis[24];
    std::snprintf(millis, sizeof millis, "%020lld",
                  static_cast<long long>(model::to_epoch_seconds(d.created_at) * 1000));
    return std::string(millis) + "/" + d.id;
}

struct Listed {
    std::string key;
    json brief;
};

}  // namespace

json list_service_deployments(const Environment& env, const RequestContext& ctx,
                              const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = read_service_ref(key, input, "service");
    const auto page_request = protocol::read_page_request(input, 100);
    std::vector<model::ServiceDeploymentStatus> statuses;
    if (has(input, "status")) {
        for (const auto& name : input["status"]) {
            // The model's enum has refused any other name.
            if (auto status = model::parse<model::ServiceDeploymentStatus>(name.get<std::string>()))
                statuses.push_back(*status);
        }
    }
    const json created = has(input, "createdAt") ? input["createdAt"] : json::object();
    auto listed = env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, ref.cluster);
        const auto* s = find_service(p, ref);
        if (!s) throw errors::service_not_found();
        std::vector<Listed> out;
        for (const auto& d : s->deployments) {
            if (!statuses.empty() &&
                std::find(statuses.begin(), statuses.end(), status_of(*s, d)) == statuses.end()) {
                continue;
            }
            auto brief = brief_json(key, *s, d);
            const double at = brief["createdAt"].get<double>();
            if (created.contains("after") && at < created["after"].get<double>()) continue;
            if (created.contains("before") && at > created["before"].get<double>()) continue;
            out.push_back({listing_key(d), std::move(brief)});
        }
        return out;
    });
    std::sort(listed.begin(), listed.end(),
              [](const Listed& a, const Listed& b) { return a.key > b.key; });
    auto page = protocol::paginate(
        std::move(listed), page_request,
        [](const Listed& l) -> const std::string& { return l.key; }, std::greater<>());
    json out{{"serviceDeployments", json::array()}};
    for (auto& l : page.items) out["serviceDeployments"].push_back(std::move(l.brief));
    page.write_next_token(out);
    return out;
}

FoundDeployment find_deployment(const model::Partition& p, const model::Arn& arn,
                                std::string_view type) {
    if (arn.resource_type() != type) return {};
    std::string id(arn.resource_id());
    auto first = id.find('/');
    auto last = id.rfind('/');
    if (first == std::string::npos || first == last) return {};
    const auto* s = find_service(p, {id.substr(0, first), id.substr(first + 1, last - first - 1)});
    if (!s) return {};
    const auto wanted = id.substr(last + 1);
    for (const auto& d : s->deployments) {
        if (short_id(d.id) == wanted) return {s, &d};
    }
    return {};
}

namespace {

// The ARNs of a Describe call: between 1 and 20, each an ECS ARN of this partition.
std::vector<model::Arn> read_arns(const model::PartitionKey& key, const json& input,
                                  const std::string& member) {
    const auto texts = input[member].get<std::vector<std::string>>();
    if (texts.empty() || texts.size() > 20) {
        throw errors::invalid_parameter(member + " must hold between 1 and 20 items.");
    }
    std::vector<model::Arn> arns;
    for (const auto& text : texts) arns.push_back(check_ecs_arn(key, text));
    return arns;
}

// Describes each deployment named by input[`member`] (ARNs of `type`) as `describe` writes it
// into out[`list`], the others as MISSING failures.
template <class Describe>
json describe_each(const Environment& env, const RequestContext& ctx, const json& input,
                   const std::string& member, std::string_view type, const std::string& list,
                   Describe describe) {
    const auto key = partition_of(ctx);
    const auto arns = read_arns(key, input, member);
    return env.store.read(key, [&](const model::Partition& p) {
        json out{{list, json::array()}, {"failures", json::array()}};
        for (const auto& arn : arns) {
            if (auto found = find_deployment(p, arn, type); found.deployment) {
                out[list].push_back(describe(p, key, *found.service, *found.deployment));
            } else {
                out["failures"].push_back(failure_json(arn.str(), "MISSING"));
            }
        }
        return out;
    });
}

}  // namespace

json describe_service_deployments(const Environment& env, const RequestContext& ctx,
                                  const json& input) {
    return describe_each(
        env, ctx, input, "serviceDeploymentArns", "service-deployment", "serviceDeployments",
        [](const model::Partition&, const model::PartitionKey& key, const model::Service& s,
           const model::Deployment& d) { return full_json(key, s, d); });
}

json describe_service_revisions(const Environment& env, const RequestContext& ctx,
                                const json& input) {
    return describe_each(
        env, ctx, input, "serviceRevisionArns", "service-revision", "serviceRevisions",
        [](const model::Partition& p, const model::PartitionKey& key, const model::Service& s,
           const model::Deployment& d) {
            return service_revision_json(s, d, revision_arn(key, s, d),
                                         model::find_task_definition(p, d.task_definition_arn));
        });
}

}  // namespace berth::api::ecs

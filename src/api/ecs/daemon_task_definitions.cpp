// RegisterDaemonTaskDefinition, DescribeDaemonTaskDefinition, ListDaemonTaskDefinitions,
// DeleteDaemonTaskDefinition.
//
// A daemon task definition is named as a task definition is ("family", "family:revision" or
// its ARN) and keeps every revision: a deleted one describes as DELETED. ECS moves a deleted
// revision through DELETE_IN_PROGRESS while daemons still use it; Berth runs no daemons yet, so
// a deleted revision is DELETED at once (docs/fidelity.md).
#include <string>
#include <utility>
#include <vector>

#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/revision_listing.hpp"
#include "api/ecs/serialize.hpp"
#include "api/ecs/tagging.hpp"
#include "api/ecs/task_definition_document.hpp"
#include "berth/model/arn.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;
using Status = model::DaemonTaskDefinitionStatus;

constexpr std::string_view k_resource_type = "daemon-task-definition";

TaskDefinitionRef read_ref(const model::PartitionKey& key, const json& input) {
    return parse_task_definition_ref(key, input["daemonTaskDefinition"].get<std::string>(),
                                     k_resource_type);
}

json summary_json(const model::DaemonTaskDefinition& d) {
    json out{{"arn", d.arn},
             {"registeredAt", timestamp(d.registered_at)},
             {"registeredBy", d.registered_by},
             {"status", model::to_string(d.status)}};
    if (d.delete_requested_at) out["deleteRequestedAt"] = timestamp(*d.delete_requested_at);
    return out;
}

json daemon_task_definition_json(const model::DaemonTaskDefinition& d) {
    json out = json::parse(d.document);
    json summary = summary_json(d);  // held: items() of a temporary would dangle
    summary.erase("arn");
    out.update(summary);
    out["daemonTaskDefinitionArn"] = d.arn;
    out["family"] = d.family;
    out["revision"] = d.revision;
    return out;
}

}  // namespace

json register_daemon_task_definition(const Environment& env, const RequestContext& ctx,
                                     const json& input) {
    const auto key = partition_of(ctx);
    auto tags = read_tags_member(input);
    auto doc = prepare_daemon_task_definition(input);
    const auto family = doc["family"].get<std::string>();
    doc.erase("family");
    auto text = doc.dump();
    return env.store.write_unobserved(key, [&](model::Partition& p) {
        auto& revisions = p.daemon_task_definitions[family];
        model::DaemonTaskDefinition d;
        d.family = family;
        d.revision = static_cast<int>(revisions.size()) + 1;
        d.arn = model::daemon_task_definition_arn(key, family, d.revision);
        d.document = std::move(text);
        d.registered_by = caller_principal(ctx);
        d.registered_at = env.now();
        d.tags = std::move(tags);
        revisions.push_back(std::move(d));
        return json{{"daemonTaskDefinitionArn", revisions.back().arn}};
    });
}

json describe_daemon_task_definition(const Environment& env, const RequestContext& ctx,
                                     const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = read_ref(key, input);
    return env.store.read(key, [&](const model::Partition& p) {
        const auto* d = find_daemon_task_definition(p, ref);
        if (!d) throw errors::client("Unable to describe daemon task definition.");  // (guess)
        return json{{"daemonTaskDefinition", daemon_task_definition_json(*d)}};
    });
}

json delete_daemon_task_definition(const Environment& env, const RequestContext& ctx,
                                   const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = read_ref(key, input);
    if (!ref.revision) throw errors::client("Revision must be specified.");
    return env.store.write_unobserved(key, [&](model::Partition& p) {
        auto* d = find_daemon_task_definition(p, ref);
        if (!d) {
            throw errors::client(
                "The specified daemon task definition does not exist.");  // (guess)
        }
        if (d->status != Status::active) {
            throw errors::client(
                "The specified daemon task definition is not in ACTIVE status.");  // (guess)
        }
        d->status = Status::deleted;  // no daemon can still use it (Berth runs none yet)
        d->delete_requested_at = env.now();
        return json{{"daemonTaskDefinitionArn", d->arn}};
    });
}

namespace {

// The status filter: ACTIVE unless the request says otherwise; ALL is every status.
bool status_matches(const json& input, Status status) {
    const auto filter = optional_string(input, "status").value_or("ACTIVE");
    return filter == "ALL" || filter == model::to_string(status);
}

}  // namespace

json list_daemon_task_definitions(const Environment& env, const RequestContext& ctx,
                                  const json& input) {
    const auto page_request = protocol::read_page_request(input);
    const auto family = optional_string(input, "family");
    const auto prefix = optional_string(input, "familyPrefix").value_or("");
    const bool last_only = has(input, "revision");  // LAST_REGISTERED, the only value
    const bool descending = optional_string(input, "sort").value_or("ASC") == "DESC";

    using Item = std::pair<std::string, json>;  // (listing key, summary)
    auto items = env.store.read(partition_of(ctx), [&](const model::Partition& p) {
        std::vector<Item> out;
        for (const auto& [name, revisions] : p.daemon_task_definitions) {
            if ((family && name != *family) || !name.starts_with(prefix)) continue;
            for (auto it = revisions.rbegin(); it != revisions.rend(); ++it) {
                if (!status_matches(input, it->status)) continue;
                out.emplace_back(revision_listing_key(name, it->revision), summary_json(*it));
                if (last_only) break;
            }
        }
        return out;
    });
    auto page = page_of_revisions(std::move(items), page_request, descending);
    json out{{"daemonTaskDefinitions", json::array()}};
    for (auto& [k, summary] : page.items)
        out["daemonTaskDefinitions"].push_back(std::move(summary));
    page.write_next_token(out);
    return out;
}

}  // namespace berth::api::ecs

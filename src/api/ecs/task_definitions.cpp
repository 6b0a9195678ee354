// RegisterTaskDefinition, DescribeTaskDefinition, ListTaskDefinitions,
// ListTaskDefinitionFamilies, DeregisterTaskDefinition, DeleteTaskDefinitions.
#include <algorithm>
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
#include "api/ecs/unacted_members.hpp"
#include "berth/model/arn.hpp"
#include "berth/model/task_definition_lookup.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::AwsError;
using protocol::RequestContext;
namespace errors = protocol::errors;

}  // namespace

json register_task_definition(const Environment& env, const RequestContext& ctx,
                              const json& input) {
    const auto key = partition_of(ctx);
    auto tags = read_tags_member(input);
    auto doc = prepare_task_definition(input);
    doc["registeredBy"] = caller_principal(ctx);
    // The typed body depends on the document alone (not on the revision it becomes), so it is
    // read, and its text dumped, before the Store is locked: the lock covers the revision only.
    // The family is taken out meanwhile, so that the body is read from `doc` without a copy.
    const auto family = doc["family"].get<std::string>();
    doc.erase("family");
    auto body = model::read_task_definition(doc);
    doc["family"] = family;
    // No task or service changes with a new revision, so nothing needs waking.
    auto answer = env.store.write_unobserved(key, [&](model::Partition& p) {
        // Revisions count up per family and are never reused (model::next_revision).
        auto& revisions = p.task_definitions[family];
        model::TaskDefinition td;
        td.family = family;
        td.revision = model::next_revision(revisions);
        td.arn = model::task_definition_arn(key, family, td.revision);
        td.registered_at = env.now();
        td.seq = p.take_seq();
        td.tags = std::move(tags);
        td.body = std::move(body);
        doc["taskDefinitionArn"] = td.arn;
        doc["revision"] = td.revision;
        revisions.emplace_back(std::move(td));
        // The revision before may be a deleted one that the newest slot kept (the new one is
        // the newest now).
        forget_gone_revisions(p, family);
        const auto& stored = revisions.back();
        json out{{"taskDefinition", task_definition_json(stored, std::move(doc))}};
        if (!stored.tags.empty()) out["tags"] = tags_json(stored.tags);
        return out;
    });
    const auto& registered = answer["taskDefinition"];
    warn_unacted_members(registered["taskDefinitionArn"].get<std::string>(), registered);
    return answer;
}

json describe_task_definition(const Environment& env, const RequestContext& ctx,
                              const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = parse_task_definition_ref(key, input["taskDefinition"].get<std::string>());
    const bool with_tags = includes(input, "TAGS");
    return env.store.read(key, [&](const model::Partition& p) {
        const auto& td = require_task_definition(p, ref);
        json out{{"taskDefinition", task_definition_json(td)}};
        if (with_tags) out["tags"] = tags_json(td.tags);
        return out;
    });
}

json deregister_task_definition(const Environment& env, const RequestContext& ctx,
                                const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = parse_task_definition_ref(key, input["taskDefinition"].get<std::string>());
    if (!ref.revision) throw errors::client("Revision must be specified.");
    return env.store.write(key, [&](model::Partition& p) {
        auto* td = find_task_definition(p, ref);
        if (!td) throw errors::client("The specified task definition does not exist.");
        if (td->status == model::TaskDefinitionStatus::active) {
            td->status = model::TaskDefinitionStatus::inactive;
            td->deregistered_at = env.now();
        }
        return json{{"taskDefinition", task_definition_json(*td)}};
    });
}

namespace {

// One entry of DeleteTaskDefinitions: the deleted definition, or why it was not deleted.
struct DeleteOutcome {
    std::optional<json> task_definition;
    json failure;
};

DeleteOutcome delete_one(model::Partition& p, const std::string& text, model::TimePoint now) {
    TaskDefinitionRef ref;
    try {
        ref = parse_task_definition_ref(p.key, text);
    } catch (const AwsError& e) {
        return {std::nullopt, failure_json(text, e.what())};
    }
    if (!ref.revision) {
        return {std::nullopt,
                failure_json(text, "The task definition revision must be specified.")};
    }
    const auto arn = model::task_definition_arn(p.key, ref.family, *ref.revision);
    auto* td = find_task_definition(p, ref);
    if (!td)
        return {std::nullopt, failure_json(arn, "The specified task definition does not exist.")};
    if (td->status == model::TaskDefinitionStatus::active) {
        return {std::nullopt,
                failure_json(arn,
                             "The specified task definition is still in ACTIVE status. "
                             "Please deregister the target and try again.")};
    }
    if (td->status == model::TaskDefinitionStatus::inactive) {
        td->status = model::TaskDefinitionStatus::delete_in_progress;
        td->delete_requested_at = now;
    }
    auto deleted = task_definition_json(*td);
    forget_gone_revisions(p, ref.family);  // td may be gone from here on
    return {std::move(deleted), nullptr};
}

}  // namespace

json delete_task_definitions(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto refs = input["taskDefinitions"].get<std::vector<std::string>>();
    if (refs.empty() || refs.size() > 10) {
        throw errors::invalid_parameter("taskDefinitions must contain between 1 and 10 items.");
    }
    // ARNs of another region or account are refused outright, as everywhere else.
    for (const auto& r : refs) {
        if (model::looks_like_arn(r)) check_ecs_arn(key, r);
    }
    return env.store.write(key, [&](model::Partition& p) {
        json out{{"taskDefinitions", json::array()}, {"failures", json::array()}};
        for (const auto& r : refs) {
            auto outcome = delete_one(p, r, env.now());
            if (outcome.task_definition) {
                out["taskDefinitions"].push_back(std::move(*outcome.task_definition));
            } else {
                out["failures"].push_back(std::move(outcome.failure));
            }
        }
        return out;
    });
}

json list_task_definitions(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto page_request = protocol::read_page_request(input);
    // Despite its name, familyPrefix is a whole family name here (unlike
    // ListTaskDefinitionFamilies), as in ECS.
    const auto family = optional_string(input, "familyPrefix");
    const auto status =
        model::parse<model::TaskDefinitionStatus>(
            optional_string(input, "status").value_or("ACTIVE"))
            .value_or(model::TaskDefinitionStatus::active);  // the model checked the enum
    const bool descending = optional_string(input, "sort").value_or("ASC") == "DESC";

    using Item = std::pair<std::string, std::string>;  // (listing key, ARN)
    auto items = env.store.read(partition_of(ctx), [&](const model::Partition& p) {
        std::vector<Item> out;
        for (const auto& [name, revisions] : p.task_definitions) {
            if (family && name != *family) continue;
            for (const auto& td : revisions) {
                if (td.status == status && !is_gone(p, td))
                    out.emplace_back(revision_listing_key(td.family, td.revision), td.arn);
            }
        }
        return out;
    });
    auto page = page_of_revisions(std::move(items), page_request, descending);
    json out{{"taskDefinitionArns", json::array()}};
    for (const auto& [k, arn] : page.items) out["taskDefinitionArns"].push_back(arn);
    page.write_next_token(out);
    return out;
}

json list_task_definition_families(const Environment& env, const RequestContext& ctx,
                                   const json& input) {
    const auto page_request = protocol::read_page_request(input);
    const auto prefix = optional_string(input, "familyPrefix").value_or("");
    // By default ECS lists families of both kinds.
    // ALL (nothing to filter by) or a task definition status.
    const auto status =
        model::parse<model::TaskDefinitionStatus>(optional_string(input, "status").value_or("ALL"));
    auto families = env.store.read(partition_of(ctx), [&](const model::Partition& p) {
        std::vector<std::string> out;
        for (const auto& [name, revisions] : p.task_definitions) {
            if (!name.starts_with(prefix)) continue;
            bool any_visible = false, any_active = false;
            for (const auto& td : revisions) {
                any_visible = any_visible || !is_gone(p, td);
                any_active = any_active || td.status == model::TaskDefinitionStatus::active;
            }
            if (!any_visible) continue;
            if (status && (*status == model::TaskDefinitionStatus::active) != any_active) continue;
            out.push_back(name);
        }
        return out;  // std::map order: sorted by family
    });
    auto page = protocol::paginate(std::move(families), page_request);
    json out{{"families", page.items}};
    page.write_next_token(out);
    return out;
}

}  // namespace berth::api::ecs

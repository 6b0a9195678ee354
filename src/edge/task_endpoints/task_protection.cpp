#include "task_protection.hpp"

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/model/arn.hpp"
#include "berth/model/task_predicates.hpp"
#include "berth/model/task_protection.hpp"
#include "json_response.hpp"
#include "metadata_json.hpp"

namespace berth::edge {

using nlohmann::json;

namespace {

// A PUT's body, decoded as the agent's Go struct would be: unknown members and wrong types are
// refused; null reads as absent.
struct ProtectionRequest {
    std::optional<bool> enabled;
    std::optional<int> expires_in_minutes;
};

std::optional<ProtectionRequest> decode(const std::string& body) {
    const json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded()) return std::nullopt;
    ProtectionRequest r;
    if (doc.is_null()) return r;
    if (!doc.is_object()) return std::nullopt;
    for (const auto& [name, value] : doc.items()) {
        if (value.is_null()) continue;
        if (name == "ProtectionEnabled" && value.is_boolean()) {
            r.enabled = value.get<bool>();
        } else if (name == "ExpiresInMinutes" && value.is_number_integer()) {
            r.expires_in_minutes = value.get<int>();
        } else {
            return std::nullopt;
        }
    }
    return r;
}

// {"error"}: the agent's own refusals carry no requestID; ECS's exceptions do.
http::Response error(int status, const std::string& arn, const std::string& code,
                     const std::string& message, bool from_ecs = false) {
    json e{{"Code", code}, {"Message", message}};
    if (!arn.empty()) e["Arn"] = arn;
    json body{{"error", e}};
    if (from_ecs) body["requestID"] = model::new_uuid();
    return json_response(status, body);
}

// What ECS answered, as the agent passes it on: the one task's protection or its failure.
http::Response outcome(const model::Task* task, const std::string& arn, model::TimePoint now) {
    if (const char* reason = model::protection_refusal(task)) {
        return json_response(
            200, {{"failure", {{"Arn", arn}, {"Detail", nullptr}, {"Reason", reason}}}});
    }
    const bool on = model::is_protected(*task, now);
    return json_response(200,
                         {{"protection",
                           {{"ExpirationDate", on ? json(rfc3339(*task->protected_until)) : json()},
                            {"ProtectionEnabled", on},
                            {"TaskArn", arn}}}});
}

const model::Task* find(const model::Partition& p, const std::string& arn) {
    auto it = p.tasks.find(arn);
    return it == p.tasks.end() ? nullptr : &it->second;
}

model::Task* find(model::Partition& p, const std::string& arn) {
    auto it = p.tasks.find(arn);
    return it == p.tasks.end() ? nullptr : &it->second;
}

http::Response get(const model::Store& store, const model::TaskEndpoints& e, model::TimePoint now) {
    return store.read(e.partition, [&](const model::Partition& p) {
        return outcome(find(p, e.task_arn), e.task_arn, now);
    });
}

http::Response put(model::Store& store, const model::TaskEndpoints& e,
                   const ProtectionRequest& request, model::TimePoint now) {
    const int minutes = request.expires_in_minutes.value_or(model::k_protection_default_minutes);
    if (auto message = model::protection_minutes_error(minutes); !message.empty()) {
        return error(400, e.task_arn, "InvalidParameterException", message, true);
    }
    return store.write(e.partition, [&](model::Partition& p) {
        auto* task = find(p, e.task_arn);
        if (task && !model::protection_refusal(task)) {
            model::set_protection(*task, *request.enabled, std::chrono::minutes(minutes), now);
        }
        return outcome(task, e.task_arn, now);
    });
}

bool task_exists(const model::Store& store, const model::TaskEndpoints& e) {
    return store.read(e.partition,
                      [&](const model::Partition& p) { return find(p, e.task_arn) != nullptr; });
}

}  // namespace

http::Response task_protection_answer(model::Store& store, const model::TaskEndpoints* task,
                                      const http::Request& request, model::TimePoint now) {
    const bool is_put = request.method == "PUT";
    std::optional<ProtectionRequest> body;
    if (is_put && !(body = decode(request.body))) {
        return error(400, "", "InvalidParameterException",
                     "UpdateTaskProtection: failed to decode request");
    }
    if (!task)
        return error(404, "", "ResourceNotFoundException", "Invalid request: no task was found");
    if (!task_exists(store, *task)) {
        return error(500, "", "ServerException", "Failed to find a task for the request");
    }
    if (is_put && !body->enabled) {
        return error(400, task->task_arn, "InvalidParameterException",
                     "Invalid request: does not contain 'ProtectionEnabled' field");
    }
    // The agent calls ECS with the task role's credentials: a task without a role has none.
    if (task->role_arn.empty()) {
        return error(403, task->task_arn, "AccessDeniedException",
                     "Invalid Request: no task IAM role credentials available for task");
    }
    return is_put ? put(store, *task, *body, now) : get(store, *task, now);
}

}  // namespace berth::edge

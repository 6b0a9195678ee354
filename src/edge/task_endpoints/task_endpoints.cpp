#include "berth/edge/task_endpoints.hpp"

#include <string_view>
#include <vector>

#include <spdlog/spdlog.h>

#include "berth/model/task_definition_lookup.hpp"
#include "json_response.hpp"
#include "metadata_json.hpp"
#include "task_credentials.hpp"
#include "task_protection.hpp"

namespace berth::edge {

using nlohmann::json;

namespace {

constexpr std::string_view k_credentials_prefix = "/v2/credentials";
// $ECS_AGENT_URI is http://169.254.170.2/api/<id>, the container's metadata id.
constexpr std::string_view k_agent_prefix = "/api/";
constexpr std::string_view k_protection_suffix = "/task-protection/v1/state";

// What a request asks for, from its path alone.
struct Route {
    enum class Kind {
        credentials,
        container,
        task,
        container_stats,
        task_stats,
        protection,
        unknown
    };
    Kind kind = Kind::unknown;
    MetadataVersion version = MetadataVersion::v4;
    std::string id;
};

std::string_view path_of(const std::string& target) {
    std::string_view path = target;
    if (auto q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    return path;
}

Route route_of(std::string_view path) {
    Route r;
    if (path.starts_with(k_credentials_prefix)) {
        auto rest = path.substr(k_credentials_prefix.size());
        if (rest.empty() || rest.front() == '/') {
            r.kind = Route::Kind::credentials;
            r.id = rest.empty() ? "" : std::string(rest.substr(1));
        }
        return r;
    }
    if (path.starts_with(k_agent_prefix)) {
        auto rest = path.substr(k_agent_prefix.size());
        auto slash = rest.find('/');
        if (slash != std::string_view::npos && rest.substr(slash) == k_protection_suffix) {
            r.kind = Route::Kind::protection;
            r.id = std::string(rest.substr(0, slash));
        }
        return r;
    }
    r.version = path.starts_with("/v3/") ? MetadataVersion::v3 : MetadataVersion::v4;
    auto rest = path.substr(4);
    auto slash = rest.find('/');
    r.id = std::string(rest.substr(0, slash));
    auto suffix = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    if (r.id.empty()) return r;
    if (suffix.empty()) r.kind = Route::Kind::container;
    if (suffix == "/task") r.kind = Route::Kind::task;
    if (suffix == "/stats") r.kind = Route::Kind::container_stats;
    if (suffix == "/task/stats") r.kind = Route::Kind::task_stats;
    return r;
}

// The agent answers metadata errors with a JSON string, credentials errors with {code, message}.
http::Response metadata_error(int status, const std::string& message) {
    return json_response(status, json(message));
}

http::Response credentials_error(const std::string& code, const std::string& message) {
    return json_response(400, {{"code", code}, {"message", message}});
}

struct TaskCopy {
    model::Task task;
    std::shared_ptr<const model::TaskDefinitionBody> task_definition;
};

std::optional<TaskCopy> read_task(const model::Store& store, const model::TaskEndpoints& e) {
    return store.read(e.partition, [&](const model::Partition& p) -> std::optional<TaskCopy> {
        auto it = p.tasks.find(e.task_arn);
        if (it == p.tasks.end()) return std::nullopt;
        const auto* td = model::task_definition_of(p, it->second);
        return TaskCopy{it->second, td ? td->body : nullptr};
    });
}

}  // namespace

struct TaskEndpoints::Impl {
    explicit Impl(TaskEndpointsDeps d) : deps(d), credentials(d.credentials) {}

    http::Response answer(const Route& route) const;
    http::Response protection_answer(const Route& route, const http::Request& request) const;
    http::Response credentials_answer(const std::string& id) const;
    http::Response stats_answer(const Route& route, const model::TaskEndpoints& endpoints,
                                const TaskCopy& copy, const std::string& container) const;

    TaskEndpointsDeps deps;
    mutable TaskCredentials credentials;
};

http::Response TaskEndpoints::Impl::credentials_answer(const std::string& id) const {
    if (id.empty()) {
        return credentials_error("NoIdInRequest", "CredentialsV2Request: No ID in the request");
    }
    auto task = deps.index.by_credentials_id(id);
    if (!task) {
        return credentials_error("InvalidIdInRequest",
                                 "CredentialsV2Request: Credentials not found");
    }
    return json_response(200, credentials_json(credentials.for_task(*task, model::Clock::now())));
}

http::Response TaskEndpoints::Impl::stats_answer(const Route& route,
                                                 const model::TaskEndpoints& endpoints,
                                                 const TaskCopy& copy,
                                                 const std::string& container) const {
    deps.stats.want(endpoints.task_arn, model::Clock::now());
    std::vector<std::string> ids;
    for (const auto& c : copy.task.containers) {
        bool wanted = route.kind == Route::Kind::task_stats || c.name == container;
        if (wanted && !c.runtime_id.empty()) ids.push_back(c.runtime_id);
    }
    deps.stats.wait_for_samples(ids, deps.first_sample_wait);
    if (route.kind == Route::Kind::container_stats) {
        auto sample = ids.empty() ? std::nullopt : deps.stats.latest(ids.front());
        if (!sample) {
            return metadata_error(500,
                                  "V4 container stats handler: unable to get stats for "
                                  "container " +
                                      container);
        }
        return json_response(200, *sample);
    }
    json all = json::object();
    for (const auto& id : ids) {
        auto sample = deps.stats.latest(id);
        all[id] = sample ? *sample : json();
    }
    return json_response(200, all);
}

http::Response TaskEndpoints::Impl::protection_answer(const Route& route,
                                                      const http::Request& request) const {
    if (request.method != "GET" && request.method != "PUT") {
        return metadata_error(405, "Method not allowed");
    }
    auto match = deps.index.by_metadata_id(route.id);
    return task_protection_answer(deps.store, match ? &match->task : nullptr, request,
                                  model::Clock::now());
}

http::Response TaskEndpoints::Impl::answer(const Route& route) const {
    if (route.kind == Route::Kind::credentials) return credentials_answer(route.id);
    if (route.kind == Route::Kind::unknown) return metadata_error(404, "404 page not found");
    auto match = deps.index.by_metadata_id(route.id);
    auto copy = match ? read_task(deps.store, match->task) : std::nullopt;
    if (!copy) {
        return metadata_error(404,
                              "Task metadata handler: unable to get task ARN from request: "
                              "unknown id " +
                                  route.id);
    }
    if (route.kind == Route::Kind::container_stats || route.kind == Route::Kind::task_stats) {
        return stats_answer(route, match->task, *copy, match->container_name);
    }
    MetadataInput in{copy->task, copy->task_definition.get(), match->task, route.version};
    if (route.kind == Route::Kind::task) return json_response(200, task_metadata(in));
    return json_response(200, container_metadata(in, match->container_name));
}

TaskEndpoints::TaskEndpoints(TaskEndpointsDeps deps) : impl_(std::make_unique<Impl>(deps)) {}
TaskEndpoints::~TaskEndpoints() = default;

bool TaskEndpoints::serves(const http::Request& request) {
    auto path = path_of(request.target);
    return path.starts_with(k_credentials_prefix) || path.starts_with("/v3/") ||
           path.starts_with("/v4/") || path.starts_with(k_agent_prefix);
}

http::Response TaskEndpoints::handle(const http::Request& request) const {
    try {
        const auto route = route_of(path_of(request.target));
        if (route.kind == Route::Kind::protection) return impl_->protection_answer(route, request);
        if (request.method != "GET" && request.method != "HEAD") {
            return metadata_error(405, "Method not allowed");
        }
        return impl_->answer(route);
    } catch (const std::exception& e) {
        spdlog::warn("task endpoint {}: {}", request.target, e.what());
        return metadata_error(500, "internal error");
    }
}

}  // namespace berth::edge

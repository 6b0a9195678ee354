// Container lifecycle: create, start, stop, kill, remove, inspect, list, wait, stats.
#include "berth/docker/client.hpp"
#include "docker/parse.hpp"
#include "docker/query.hpp"
#include "docker/transport.hpp"

namespace berth::docker {
namespace {

// How much longer than the stop timeout the HTTP call may take: the engine waits for the
// process to die after SIGKILL too, and a busy engine answers late.
constexpr Timeout k_stop_margin{30'000};

std::string container_path(const std::string& id, std::string_view suffix = {}) {
    return resource_path("containers", id, suffix);
}

}  // namespace

std::string Client::container_create(const std::string& name, const Json& spec, Timeout timeout) {
    Query query;
    if (!name.empty()) query.add("name", name);
    const auto json = call_json({.method = "POST",
                                 .target = "/containers/create" + query.str(),
                                 .body = spec.dump(),
                                 .timeout = timeout});
    return json.value("Id", std::string());
}

void Client::container_start(const std::string& id, Timeout timeout) {
    call({.method = "POST", .target = container_path(id, "/start"), .timeout = timeout});
}

void Client::container_stop(const std::string& id, int timeout_seconds) {
    const auto wait = Timeout(std::chrono::seconds(std::max(timeout_seconds, 0))) + k_stop_margin;
    call({.method = "POST",
          .target = container_path(id, "/stop") +
                    Query().add("t", std::to_string(std::max(timeout_seconds, 0))).str(),
          .timeout = wait});
}

void Client::container_kill(const std::string& id, const std::string& signal, Timeout timeout) {
    call({.method = "POST",
          .target = container_path(id, "/kill") + Query().add("signal", signal).str(),
          .timeout = timeout});
}

void Client::container_remove(const std::string& id, bool force, bool volumes, Timeout timeout) {
    call({.method = "DELETE",
          .target =
              container_path(id) + Query().add_bool("force", force).add_bool("v", volumes).str(),
          .timeout = timeout});
}

ContainerDetails Client::container_inspect(const std::string& id, Timeout timeout) {
    return parse_container_details(
        call_json({.target = container_path(id, "/json"), .timeout = timeout}));
}

std::vector<ContainerSummary> Client::container_list(const ContainerFilter& filter,
                                                     Timeout timeout) {
    Query query;
    query.add_bool("all", filter.all)
        .add_filters(
            {{"label", filter.labels}, {"name", filter.names}, {"status", filter.statuses}});
    const auto json = call_json({.target = "/containers/json" + query.str(), .timeout = timeout});
    std::vector<ContainerSummary> out;
    for (const auto& item : json) out.push_back(parse_container_summary(item));
    return out;
}

int Client::container_wait(const std::string& id, Timeout timeout) {
    const auto json = call_json(
        {.method = "POST",
         .target = container_path(id, "/wait") + Query().add("condition", "not-running").str(),
         .timeout = timeout});
    if (const auto error = json.value("Error", Json()); error.is_object()) {
        if (auto message = error.value("Message", std::string()); !message.empty()) {
            throw DockerError(ErrorKind::other, 200, message);
        }
    }
    return json.value("StatusCode", 0);
}

Json Client::container_stats(const std::string& id, Timeout timeout) {
    return call_json(
        {.target = container_path(id, "/stats") + Query().add_bool("stream", false).str(),
         .timeout = timeout});
}

}  // namespace berth::docker

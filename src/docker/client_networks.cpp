// Networks and volumes.
#include "berth/docker/client.hpp"
#include "docker/parse.hpp"
#include "docker/query.hpp"
#include "docker/transport.hpp"

namespace berth::docker {

std::string Client::network_create(const std::string& name, const Json& spec, Timeout timeout) {
    Json body = spec.is_object() ? spec : Json::object();
    body["Name"] = name;
    if (!body.contains("Driver")) body["Driver"] = "bridge";
    // Without this an engine before API 1.44 happily creates a second network of the same name.
    body["CheckDuplicate"] = true;
    const auto json = call_json(
        {.method = "POST", .target = "/networks/create", .body = body.dump(), .timeout = timeout});
    return json.value("Id", std::string());
}

std::optional<NetworkInfo> Client::network_inspect(const std::string& id_or_name, Timeout timeout) {
    try {
        return parse_network_info(
            call_json({.target = resource_path("networks", id_or_name), .timeout = timeout}));
    } catch (const DockerError& e) {
        if (e.is_not_found()) return std::nullopt;
        throw;
    }
}

std::vector<NetworkInfo> Client::network_list(const std::vector<std::string>& label_filters,
                                              Timeout timeout) {
    const auto json =
        call_json({.target = "/networks" + Query().add_filters({{"label", label_filters}}).str(),
                   .timeout = timeout});
    std::vector<NetworkInfo> out;
    for (const auto& item : json) out.push_back(parse_network_info(item));
    return out;
}

void Client::network_remove(const std::string& id_or_name, Timeout timeout) {
    call({.method = "DELETE", .target = resource_path("networks", id_or_name), .timeout = timeout});
}

void Client::network_connect(const std::string& network, const std::string& container,
                             const Json& endpoint_config, Timeout timeout) {
    Json body{{"Container", container}};
    if (endpoint_config.is_object() && !endpoint_config.empty()) {
        body["EndpointConfig"] = endpoint_config;
    }
    call({.method = "POST",
          .target = resource_path("networks", network, "/connect"),
          .body = body.dump(),
          .timeout = timeout});
}

void Client::network_disconnect(const std::string& network, const std::string& container,
                                bool force, Timeout timeout) {
    const Json body{{"Container", container}, {"Force", force}};
    call({.method = "POST",
          .target = resource_path("networks", network, "/disconnect"),
          .body = body.dump(),
          .timeout = timeout});
}

std::string Client::volume_create(const std::string& name, const Labels& labels,
                                  const std::string& driver,
                                  const std::map<std::string, std::string>& driver_opts,
                                  Timeout timeout) {
    Json body{{"Driver", driver}, {"Labels", labels}, {"DriverOpts", driver_opts}};
    if (!name.empty()) body["Name"] = name;
    const auto json = call_json(
        {.method = "POST", .target = "/volumes/create", .body = body.dump(), .timeout = timeout});
    return json.value("Name", std::string());
}

std::optional<VolumeInfo> Client::volume_inspect(const std::string& name, Timeout timeout) {
    try {
        return parse_volume_info(
            call_json({.target = resource_path("volumes", name), .timeout = timeout}));
    } catch (const DockerError& e) {
        if (e.is_not_found()) return std::nullopt;
        throw;
    }
}

std::vector<std::string> Client::volume_list(const std::vector<std::string>& label_filters,
                                             Timeout timeout) {
    const auto json =
        call_json({.target = "/volumes" + Query().add_filters({{"label", label_filters}}).str(),
                   .timeout = timeout});
    std::vector<std::string> names;
    for (const auto& volume : json.value("Volumes", Json::array())) {
        names.push_back(volume.value("Name", std::string()));
    }
    return names;
}

void Client::volume_remove(const std::string& name, bool force, Timeout timeout) {
    call({.method = "DELETE",
          .target = resource_path("volumes", name) + Query().add_bool("force", force).str(),
          .timeout = timeout});
}

}  // namespace berth::docker

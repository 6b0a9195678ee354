#include "docker/parse.hpp"

namespace berth::docker {
namespace {

std::string str(const Json& json, const char* key) {
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

template <class T>
T num(const Json& json, const char* key) {
    const auto it = json.find(key);
    return it != json.end() && it->is_number() ? it->get<T>() : T{};
}

bool flag(const Json& json, const char* key) {
    const auto it = json.find(key);
    return it != json.end() && it->is_boolean() && it->get<bool>();
}

const Json& member(const Json& json, const char* key) {
    static const Json null;
    const auto it = json.find(key);
    return it != json.end() ? *it : null;
}

std::vector<std::string> strings(const Json& json) {
    std::vector<std::string> out;
    if (!json.is_array()) return out;
    for (const auto& item : json) {
        if (item.is_string()) out.push_back(item.get<std::string>());
    }
    return out;
}

std::string without_slash(std::string name) {
    if (name.starts_with('/')) name.erase(0, 1);
    return name;
}

ContainerState parse_state(const Json& json) {
    ContainerState state;
    state.status = str(json, "Status");
    state.running = flag(json, "Running");
    state.oom_killed = flag(json, "OOMKilled");
    state.dead = flag(json, "Dead");
    state.pid = num<int>(json, "Pid");
    state.exit_code = num<int>(json, "ExitCode");
    state.error = str(json, "Error");
    state.started_at = str(json, "StartedAt");
    state.finished_at = str(json, "FinishedAt");
    state.health = str(member(json, "Health"), "Status");
    return state;
}

}  // namespace

Labels parse_labels(const Json& json) {
    Labels labels;
    if (!json.is_object()) return labels;
    for (const auto& [key, value] : json.items()) {
        if (value.is_string()) labels[key] = value.get<std::string>();
    }
    return labels;
}

VersionInfo parse_version_info(const Json& json) {
    return {str(json, "Version"),
            str(json, "ApiVersion"),
            str(json, "MinAPIVersion"),
            str(json, "Os"),
            str(json, "Arch"),
            str(json, "KernelVersion"),
            json};
}

SystemInfo parse_system_info(const Json& json) {
    SystemInfo info;
    info.id = str(json, "ID");
    info.name = str(json, "Name");
    info.server_version = str(json, "ServerVersion");
    info.operating_system = str(json, "OperatingSystem");
    info.os_type = str(json, "OSType");
    info.architecture = str(json, "Architecture");
    info.kernel_version = str(json, "KernelVersion");
    info.ncpu = num<int>(json, "NCPU");
    info.mem_total = num<std::int64_t>(json, "MemTotal");
    info.cgroup_version = str(json, "CgroupVersion");
    info.containers_running = num<int>(json, "ContainersRunning");
    if (const auto& runtimes = member(json, "Runtimes"); runtimes.is_object()) {
        for (const auto& [name, value] : runtimes.items()) info.runtimes.push_back(name);
    }
    info.raw = json;
    return info;
}

ImageInfo parse_image_info(const Json& json) {
    return {str(json, "Id"), strings(member(json, "RepoTags")),
            strings(member(json, "RepoDigests")),
            parse_labels(member(member(json, "Config"), "Labels")), json};
}

ContainerDetails parse_container_details(const Json& json) {
    const auto& config = member(json, "Config");
    ContainerDetails details;
    details.id = str(json, "Id");
    details.name = without_slash(str(json, "Name"));
    details.image = str(config, "Image");
    details.image_id = str(json, "Image");
    details.tty = flag(config, "Tty");
    details.state = parse_state(member(json, "State"));
    details.labels = parse_labels(member(config, "Labels"));
    details.raw = json;
    return details;
}

ContainerSummary parse_container_summary(const Json& json) {
    ContainerSummary summary;
    summary.id = str(json, "Id");
    for (auto& name : strings(member(json, "Names"))) {
        summary.names.push_back(without_slash(std::move(name)));
    }
    summary.image = str(json, "Image");
    summary.image_id = str(json, "ImageID");
    summary.state = str(json, "State");
    summary.status = str(json, "Status");
    summary.created = num<std::int64_t>(json, "Created");
    summary.labels = parse_labels(member(json, "Labels"));
    return summary;
}

NetworkInfo parse_network_info(const Json& json) {
    NetworkInfo info;
    info.id = str(json, "Id");
    info.name = str(json, "Name");
    info.driver = str(json, "Driver");
    const auto& configs = member(member(json, "IPAM"), "Config");
    if (configs.is_array() && !configs.empty()) {
        info.subnet = str(configs[0], "Subnet");
        info.gateway = str(configs[0], "Gateway");
    }
    info.labels = parse_labels(member(json, "Labels"));
    info.raw = json;
    return info;
}

VolumeInfo parse_volume_info(const Json& json) {
    return {str(json, "Name"), str(json, "Driver"), parse_labels(member(json, "Options")),
            parse_labels(member(json, "Labels"))};
}

std::string parse_error_message(std::string_view body) {
    const auto json = Json::parse(body, nullptr, false);
    if (json.is_object()) {
        if (auto message = str(json, "message"); !message.empty()) return message;
    }
    std::string text(body);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

}  // namespace berth::docker

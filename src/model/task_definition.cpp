// The ECS TaskDefinition document → the typed body Berth reads. Runs once per registration.
#include "berth/model/task_definition.hpp"

#include <algorithm>

#include "berth/model/sizes.hpp"

namespace berth::model {

namespace {

using nlohmann::json;

const json& member(const json& object, const char* name) {
    static const json k_null;
    if (!object.is_object()) return k_null;
    auto it = object.find(name);
    return it == object.end() ? k_null : *it;
}

const json& array_member(const json& object, const char* name) {
    static const json k_empty = json::array();
    const auto& v = member(object, name);
    return v.is_array() ? v : k_empty;
}

std::string string_of(const json& object, const char* name) {
    const auto& v = member(object, name);
    return v.is_string() ? v.get<std::string>() : std::string();
}

std::optional<int> int_of(const json& object, const char* name) {
    const auto& v = member(object, name);
    return v.is_number() ? std::optional<int>(v.get<int>()) : std::nullopt;
}

bool bool_of(const json& object, const char* name, bool fallback) {
    const auto& v = member(object, name);
    return v.is_boolean() ? v.get<bool>() : fallback;
}

std::vector<std::string> strings_of(const json& object, const char* name) {
    std::vector<std::string> out;
    for (const auto& s : array_member(object, name)) {
        if (s.is_string()) out.push_back(s.get<std::string>());
    }
    return out;
}

std::optional<std::chrono::seconds> seconds_of(const json& object, const char* name) {
    auto v = int_of(object, name);
    return v ? std::optional<std::chrono::seconds>(*v) : std::nullopt;
}

std::vector<NameValue> name_values(const json& list, const char* value_key) {
    std::vector<NameValue> out;
    for (const auto& kv : list) out.push_back({string_of(kv, "name"), string_of(kv, value_key)});
    return out;
}

std::vector<Secret> secrets_of(const json& list) {
    std::vector<Secret> out;
    for (const auto& s : list) out.push_back({string_of(s, "name"), string_of(s, "valueFrom")});
    return out;
}

std::vector<LaunchType> launch_types(const json& list) {
    std::vector<LaunchType> out;
    for (const auto& t : list) {
        if (auto v = t.is_string() ? parse<LaunchType>(t.get<std::string>()) : std::nullopt) {
            out.push_back(*v);
        }
    }
    return out;
}

PortMapping port_mapping_of(const json& pm) {
    PortMapping out;
    out.container_port = int_of(pm, "containerPort");
    out.host_port = int_of(pm, "hostPort");
    if (auto p = string_of(pm, "protocol"); !p.empty()) out.protocol = p;
    out.container_port_range = string_of(pm, "containerPortRange");
    return out;
}

HealthCheck health_check_of(const json& hc) {
    HealthCheck out;
    out.command = strings_of(hc, "command");
    out.interval = int_of(hc, "interval").value_or(out.interval);
    out.timeout = int_of(hc, "timeout").value_or(out.timeout);
    out.retries = int_of(hc, "retries").value_or(out.retries);
    out.start_period = int_of(hc, "startPeriod").value_or(out.start_period);
    return out;
}

void read_dependencies(const json& def, ContainerDefinition& c) {
    for (const auto& d : array_member(def, "dependsOn")) {
        auto text = string_of(d, "condition");
        auto condition =
            text.empty() ? DependencyCondition::start
                         : parse<DependencyCondition>(text).value_or(DependencyCondition::start);
        c.depends_on.push_back({string_of(d, "containerName"), condition});
    }
    c.links = strings_of(def, "links");
}

void read_storage(const json& def, ContainerDefinition& c) {
    for (const auto& mp : array_member(def, "mountPoints")) {
        c.mount_points.push_back({string_of(mp, "sourceVolume"), string_of(mp, "containerPath"),
                                  bool_of(mp, "readOnly", false)});
    }
    for (const auto& vf : array_member(def, "volumesFrom")) {
        c.volumes_from.push_back(
            {string_of(vf, "sourceContainer"), bool_of(vf, "readOnly", false)});
    }
}

ContainerDefinition container_of(const json& def) {
    ContainerDefinition c;
    c.name = string_of(def, "name");
    c.image = string_of(def, "image");
    c.essential = bool_of(def, "essential", true);
    c.cpu = int_of(def, "cpu").value_or(0);
    c.memory = int_of(def, "memory");
    c.memory_reservation = int_of(def, "memoryReservation");
    for (const auto& pm : array_member(def, "portMappings")) {
        c.port_mappings.push_back(port_mapping_of(pm));
    }
    read_dependencies(def, c);
    if (const auto& hc = member(def, "healthCheck"); hc.is_object()) {
        c.health_check = health_check_of(hc);
    }
    c.start_timeout = seconds_of(def, "startTimeout");
    c.stop_timeout = seconds_of(def, "stopTimeout");
    c.environment = name_values(array_member(def, "environment"), "value");
    c.secrets = secrets_of(array_member(def, "secrets"));
    if (const auto& lc = member(def, "logConfiguration"); lc.is_object()) {
        LogConfiguration log;
        log.driver = string_of(lc, "logDriver");
        for (const auto& [k, v] : member(lc, "options").items()) {
            log.options.push_back({k, v.is_string() ? v.get<std::string>() : v.dump()});
        }
        log.secret_options = secrets_of(array_member(lc, "secretOptions"));
        c.log_configuration = std::move(log);
    }
    read_storage(def, c);
    c.user = string_of(def, "user");
    c.working_directory = string_of(def, "workingDirectory");
    c.command = strings_of(def, "command");
    c.entry_point = strings_of(def, "entryPoint");
    return c;
}

}  // namespace

bool TaskDefinitionBody::compatible_with(LaunchType t) const {
    if (compatibilities.empty()) return t == LaunchType::ec2;  // ECS's default
    return std::find(compatibilities.begin(), compatibilities.end(), t) != compatibilities.end();
}

const ContainerDefinition* TaskDefinitionBody::container(std::string_view name) const {
    for (const auto& c : containers) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

std::shared_ptr<const TaskDefinitionBody> read_task_definition(const json& document) {
    auto body = std::make_shared<TaskDefinitionBody>();
    body->cpu = parse_cpu_units(string_of(document, "cpu"));
    body->memory = parse_memory_mib(string_of(document, "memory"));
    if (auto mode = string_of(document, "networkMode"); !mode.empty()) {
        body->network_mode = parse<NetworkMode>(mode);
    }
    body->compatibilities = launch_types(array_member(document, "compatibilities"));
    body->requires_compatibilities =
        launch_types(array_member(document, "requiresCompatibilities"));
    const auto& platform = member(document, "runtimePlatform");
    body->runtime_platform = {string_of(platform, "cpuArchitecture"),
                              string_of(platform, "operatingSystemFamily")};
    body->ephemeral_storage_gib = int_of(member(document, "ephemeralStorage"), "sizeInGiB");
    for (const auto& def : array_member(document, "containerDefinitions")) {
        body->containers.push_back(container_of(def));
    }
    body->placement_constraints = array_member(document, "placementConstraints");
    body->document = document.dump();
    return body;
}

json TaskDefinition::document() const {
    return body ? json::parse(body->document) : json();
}

}  // namespace berth::model

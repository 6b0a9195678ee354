// The ECS TaskDefinition document → the typed body Berth reads. Runs once per registration.
#include "berth/model/task_definition.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <mutex>
#include <unordered_map>

#include "berth/model/sizes.hpp"
#include "json_members.hpp"

namespace berth::model {

namespace {

using nlohmann::json;

using namespace json_members;

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
    auto v = int_member(object, name);
    return v ? std::optional<std::chrono::seconds>(*v) : std::nullopt;
}

std::vector<NameValue> name_values(const json& list, const char* value_key) {
    std::vector<NameValue> out;
    for (const auto& kv : list)
        out.push_back({string_member(kv, "name"), string_member(kv, value_key)});
    return out;
}

std::vector<SecretReference> secrets_of(const json& list) {
    std::vector<SecretReference> out;
    for (const auto& s : list)
        out.push_back({string_member(s, "name"), string_member(s, "valueFrom")});
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
    out.container_port = int_member(pm, "containerPort");
    out.host_port = int_member(pm, "hostPort");
    if (auto p = string_member(pm, "protocol"); !p.empty()) out.protocol = p;
    out.container_port_range = string_member(pm, "containerPortRange");
    out.name = string_member(pm, "name");
    return out;
}

HealthCheck health_check_of(const json& hc) {
    HealthCheck out;
    out.command = strings_of(hc, "command");
    out.interval = int_member(hc, "interval").value_or(out.interval);
    out.timeout = int_member(hc, "timeout").value_or(out.timeout);
    out.retries = int_member(hc, "retries").value_or(out.retries);
    out.start_period = int_member(hc, "startPeriod").value_or(out.start_period);
    return out;
}

void read_dependencies(const json& def, ContainerDefinition& c) {
    for (const auto& d : array_member(def, "dependsOn")) {
        auto text = string_member(d, "condition");
        auto condition =
            text.empty() ? DependencyCondition::start
                         : parse<DependencyCondition>(text).value_or(DependencyCondition::start);
        c.depends_on.push_back({string_member(d, "containerName"), condition});
    }
    c.links = strings_of(def, "links");
}

void read_storage(const json& def, ContainerDefinition& c) {
    for (const auto& mp : array_member(def, "mountPoints")) {
        c.mount_points.push_back({string_member(mp, "sourceVolume"),
                                  string_member(mp, "containerPath"),
                                  bool_of(mp, "readOnly", false)});
    }
    for (const auto& vf : array_member(def, "volumesFrom")) {
        c.volumes_from.push_back(
            {string_member(vf, "sourceContainer"), bool_of(vf, "readOnly", false)});
    }
}

// resourceRequirements' GPU value is a count in a string ("2"); registration checked it.
int gpus_of(const json& def) {
    for (const auto& r : array_member(def, "resourceRequirements")) {
        if (string_member(r, "type") != "GPU") continue;
        const auto value = string_member(r, "value");
        int n = 0;
        std::from_chars(value.data(), value.data() + value.size(), n);
        return n;
    }
    return 0;
}

std::optional<FirelensConfiguration> firelens_of(const json& def) {
    const auto& fc = member(def, "firelensConfiguration");
    if (!fc.is_object()) return std::nullopt;
    FirelensConfiguration out;
    out.type = parse<FirelensType>(string_member(fc, "type")).value_or(FirelensType::fluentbit);
    for (const auto& [k, v] : member(fc, "options").items()) {
        out.options.push_back({k, v.is_string() ? v.get<std::string>() : v.dump()});
    }
    return out;
}

ContainerDefinition container_of(const json& def) {
    ContainerDefinition c;
    c.name = string_member(def, "name");
    c.image = string_member(def, "image");
    c.essential = bool_of(def, "essential", true);
    c.cpu = int_member(def, "cpu").value_or(0);
    c.memory = int_member(def, "memory");
    c.memory_reservation = int_member(def, "memoryReservation");
    c.gpus = gpus_of(def);
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
        c.log_configuration = read_log_configuration(lc);
    }
    c.firelens_configuration = firelens_of(def);
    c.credentials_parameter =
        string_member(member(def, "repositoryCredentials"), "credentialsParameter");
    for (const auto& f : array_member(def, "environmentFiles")) {
        c.environment_files.push_back(string_member(f, "value"));
    }
    read_storage(def, c);
    c.user = string_member(def, "user");
    c.working_directory = string_member(def, "workingDirectory");
    c.command = strings_of(def, "command");
    c.entry_point = strings_of(def, "entryPoint");
    return c;
}

// The members that differ between revisions of one document.
constexpr const char* k_revision_members[] = {"family", "revision", "taskDefinitionArn"};

// The living bodies by the hash of their document text. Bodies are immutable, so revisions,
// families and partitions may share one; the pool holds them weakly and forgets dead ones.
class BodyPool {
  public:
    std::shared_ptr<const TaskDefinitionBody> find(std::size_t hash, const std::string& text) {
        std::lock_guard lock(mutex_);
        auto [first, last] = bodies_.equal_range(hash);
        for (auto it = first; it != last; ++it) {
            auto body = it->second.lock();
            if (body && body->document == text) return body;
        }
        return nullptr;
    }

    void add(std::size_t hash, const std::shared_ptr<const TaskDefinitionBody>& body) {
        std::lock_guard lock(mutex_);
        if (bodies_.size() >= forget_at_) {
            std::erase_if(bodies_, [](const auto& entry) { return entry.second.expired(); });
            forget_at_ = 2 * bodies_.size() + 64;
        }
        bodies_.emplace(hash, body);
    }

  private:
    std::mutex mutex_;
    std::unordered_multimap<std::size_t, std::weak_ptr<const TaskDefinitionBody>> bodies_;
    std::size_t forget_at_ = 64;
};

BodyPool& pool() {
    static BodyPool instance;
    return instance;
}

std::shared_ptr<const TaskDefinitionBody> read_body(const json& document, std::string text) {
    auto body = std::make_shared<TaskDefinitionBody>();
    body->cpu = parse_cpu_units(string_member(document, "cpu"));
    body->memory = parse_memory_mib(string_member(document, "memory"));
    if (auto mode = string_member(document, "networkMode"); !mode.empty()) {
        body->network_mode = parse<NetworkMode>(mode);
    }
    if (auto mode = string_member(document, "pidMode"); !mode.empty()) {
        body->pid_mode = parse<NamespaceMode>(mode);
    }
    if (auto mode = string_member(document, "ipcMode"); !mode.empty()) {
        body->ipc_mode = parse<NamespaceMode>(mode);
    }
    body->compatibilities = launch_types(array_member(document, "compatibilities"));
    body->requires_compatibilities =
        launch_types(array_member(document, "requiresCompatibilities"));
    const auto& platform = member(document, "runtimePlatform");
    body->runtime_platform = {string_member(platform, "cpuArchitecture"),
                              string_member(platform, "operatingSystemFamily")};
    body->ephemeral_storage_gib = int_member(member(document, "ephemeralStorage"), "sizeInGiB");
    for (const auto& def : array_member(document, "containerDefinitions")) {
        body->containers.push_back(container_of(def));
    }
    body->placement_constraints = read_constraints(array_member(document, "placementConstraints"));
    body->document = std::move(text);
    return body;
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

const ContainerDefinition* firelens_router(const std::vector<ContainerDefinition>& containers) {
    for (const auto& c : containers) {
        if (c.firelens_configuration) return &c;
    }
    return nullptr;
}

std::shared_ptr<const TaskDefinitionBody> read_task_definition(const json& document) {
    // A document that names no revision (RegisterTaskDefinition's, see there) is read as it
    // is; any other is copied without those members first.
    const bool names_revision =
        std::any_of(std::begin(k_revision_members), std::end(k_revision_members),
                    [&](const char* name) { return document.contains(name); });
    json stripped;
    if (names_revision) {
        stripped = document;
        for (const char* name : k_revision_members) stripped.erase(name);
    }
    const json& shared = names_revision ? stripped : document;
    auto text = shared.dump();
    const auto hash = std::hash<std::string>{}(text);
    if (auto existing = pool().find(hash, text)) return existing;
    auto body = read_body(shared, std::move(text));
    pool().add(hash, body);
    return body;
}

json TaskDefinition::document() const {
    if (!body) return json();
    auto out = json::parse(body->document);
    if (!family.empty()) out["family"] = family;
    if (revision > 0) out["revision"] = revision;
    if (!arn.empty()) out["taskDefinitionArn"] = arn;
    return out;
}

LogConfiguration read_log_configuration(const json& doc) {
    LogConfiguration log;
    log.driver = string_member(doc, "logDriver");
    for (const auto& [k, v] : member(doc, "options").items()) {
        log.options.push_back({k, v.is_string() ? v.get<std::string>() : v.dump()});
    }
    log.secret_options = secrets_of(array_member(doc, "secretOptions"));
    return log;
}

json to_json(const LogConfiguration& log) {
    json out{{"logDriver", log.driver}};
    if (!log.options.empty()) {
        json options = json::object();
        for (const auto& [name, value] : log.options) options[name] = value;
        out["options"] = std::move(options);
    }
    if (!log.secret_options.empty()) {
        json secrets = json::array();
        for (const auto& s : log.secret_options) {
            secrets.push_back({{"name", s.name}, {"valueFrom", s.value_from}});
        }
        out["secretOptions"] = std::move(secrets);
    }
    return out;
}

}  // namespace berth::model

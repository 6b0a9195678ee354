#include "berth/runtime/task_spec.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <random>

#include "berth/model/sizes.hpp"
#include "container_body.hpp"
#include "efs_volume.hpp"
#include "firelens.hpp"
#include "task_environment.hpp"
#include "task_secrets.hpp"

namespace berth::runtime {

using nlohmann::json;

namespace {

// Docker names allow fewer characters than ECS container names; the agent keeps only these.
std::string docker_safe(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') out += c;
    }
    return out;
}

std::string resource_name(const SpecInput& in, std::string_view name) {
    return "ecs-" + in.task.family + "-" + std::to_string(in.task.revision) + "-" +
           docker_safe(name) + "-" + (in.unique_suffix ? in.unique_suffix() : random_suffix());
}

// Task definition volumes → the Docker volumes and host directories to provide, and each
// volume's bind source.
std::map<std::string, std::string> resolve_volumes(const json& document, const SpecInput& in,
                                                   const json& labels, TaskSpec& out) {
    std::map<std::string, std::string> sources;
    for (const auto& v : document.value("volumes", json::array())) {
        auto name = v.value("name", "");
        if (v.contains("fsxWindowsFileServerVolumeConfiguration")) {
            throw SpecError("volume '" + name + "': FSx volumes are not supported by Berth");
        }
        if (auto efs = v.find("efsVolumeConfiguration"); efs != v.end()) {
            sources[name] = efs_directory(*efs, in.efs_dir, in.partition.region);
            out.host_directories.push_back(sources[name]);
            continue;
        }
        auto host = v.value("host", json::object());
        if (host.is_object() && !host.value("sourcePath", "").empty()) {
            sources[name] = host["sourcePath"].get<std::string>();
            continue;
        }
        VolumeSpec spec;
        if (auto dvc = v.find("dockerVolumeConfiguration"); dvc != v.end()) {
            spec.driver = dvc->value("driver", "local");
            spec.driver_opts = dvc->value("driverOpts", json::object());
            spec.labels = dvc->value("labels", json::object());
            spec.task_scoped = dvc->value("scope", "task") != "shared";
        }
        // Only task volumes carry the task's labels: a shared volume outlives every task.
        if (spec.task_scoped) spec.labels.update(labels);
        // A shared volume keeps its own name across tasks; a task's volume is its own.
        spec.name = spec.task_scoped ? resource_name(in, name) : name;
        sources[name] = spec.name;
        out.volumes.push_back(std::move(spec));
    }
    return sources;
}

std::vector<Bind> binds_of(const json& def, const std::map<std::string, std::string>& sources) {
    std::vector<Bind> binds;
    for (const auto& mp : def.value("mountPoints", json::array())) {
        auto volume = mp.value("sourceVolume", "");
        auto it = sources.find(volume);
        if (it == sources.end()) {
            throw SpecError("container '" + def.value("name", "") +
                            "': mount point refers to "
                            "unknown volume '" +
                            volume + "'");
        }
        binds.push_back({it->second, mp.value("containerPath", ""), mp.value("readOnly", false)});
    }
    return binds;
}

const ContainerSpec& find_spec(const std::vector<ContainerSpec>& specs, const std::string& name,
                               const std::string& who) {
    auto it = std::find_if(specs.begin(), specs.end(),
                           [&](const ContainerSpec& s) { return s.name == name; });
    if (it == specs.end()) {
        throw SpecError("container '" + who + "' refers to unknown container '" + name + "'");
    }
    return *it;
}

// Docker needs a volumesFrom source or a link target to exist when the container referring to
// it is created: order by those references, keeping definition order otherwise.
void order_for_creation(std::vector<ContainerSpec>& specs, const json& defs) {
    std::vector<ContainerSpec> ordered;
    std::vector<bool> placed(specs.size(), false);
    auto is_placed = [&](const std::string& name) {
        return std::any_of(ordered.begin(), ordered.end(),
                           [&](const ContainerSpec& c) { return c.name == name; });
    };
    auto refs_of = [&](std::size_t i) {
        std::vector<std::string> refs;
        for (const auto& vf : defs[i].value("volumesFrom", json::array())) {
            refs.push_back(vf.value("sourceContainer", ""));
        }
        for (const auto& link : defs[i].value("links", json::array())) {
            auto text = link.get<std::string>();
            refs.push_back(text.substr(0, text.find(':')));
        }
        return refs;
    };
    while (ordered.size() < specs.size()) {
        bool progress = false;
        for (std::size_t i = 0; i < specs.size(); ++i) {
            if (placed[i]) continue;
            auto refs = refs_of(i);
            if (!std::all_of(refs.begin(), refs.end(), is_placed)) continue;
            ordered.push_back(specs[i]);
            placed[i] = progress = true;
            break;  // rescan from the start: earlier definitions go first
        }
        if (!progress) throw SpecError("volumesFrom or links form a cycle");
    }
    specs = std::move(ordered);
}

// pidMode and ipcMode → HostConfig's PidMode and IpcMode: the host's namespace, none (IPC), or
// the sandbox's, which every container of the task joins. Absent: Docker's default.
std::string namespace_mode(std::optional<model::NamespaceMode> mode, const std::string& sandbox) {
    if (!mode) return {};
    if (*mode == model::NamespaceMode::task) return "container:" + sandbox;
    return std::string(model::to_string(*mode));
}

// The router gets its files; a container that logs to awsfirelens, the router's socket.
void add_firelens(json& body, const std::string& name, const TaskSpec& spec, const SpecInput& in) {
    if (!spec.firelens) return;
    const auto* def = in.task_definition.container(name);
    if (!def) return;
    if (def->firelens_configuration) {
        firelens::mount_router(body, *spec.firelens, in);
    } else if (def->logs_to_firelens()) {
        firelens::route_to_router(
            body, *spec.firelens, name, in,
            spec.network_mode == model::to_string(model::NetworkMode::awsvpc));
    }
}

}  // namespace

ContainerRules rules_of(const model::ContainerDefinition& def,
                        const std::vector<model::ContainerDefinition>& containers) {
    ContainerRules r;
    r.name = def.name;
    r.essential = def.essential;
    r.has_health_check = def.health_check.has_value();
    r.depends_on = def.depends_on;
    for (const auto& link : def.links) {
        r.depends_on.push_back({link.substr(0, link.find(':')), DependencyCondition::start});
    }
    // The router must take the container's output before it writes any (the agent's implicit
    // dependency); a router that waits on others would make a cycle, so it gets none.
    const auto* router = model::firelens_router(containers);
    const auto on_router = [&](const Dependency& d) {
        return router && d.container == router->name;
    };
    if (router && router != &def && def.logs_to_firelens() && router->depends_on.empty() &&
        std::none_of(r.depends_on.begin(), r.depends_on.end(), on_router)) {
        r.depends_on.push_back({router->name, DependencyCondition::start});
    }
    r.start_timeout = def.start_timeout;
    if (def.stop_timeout) r.stop_timeout = *def.stop_timeout;
    return r;
}

std::vector<ContainerRules> container_rules(const model::TaskDefinitionBody& task_definition) {
    std::vector<ContainerRules> rules;
    for (const auto& def : task_definition.containers) {
        rules.push_back(rules_of(def, task_definition.containers));
    }
    return rules;
}

std::string random_suffix() {
    thread_local std::mt19937_64 gen{std::random_device{}()};
    static constexpr char k_hex[] = "0123456789abcdef";
    std::uniform_int_distribution<int> d(0, 15);
    std::string s(20, '0');
    for (auto& c : s) c = k_hex[d(gen)];
    return s;
}

model::NetworkMode network_mode_of(const model::Task& task,
                                   const model::TaskDefinitionBody& task_definition) {
    if (task.launch_type == model::LaunchType::fargate) return model::NetworkMode::awsvpc;
    return task_definition.network_mode_or_default();
}

json task_labels(const model::Task& task, const model::PartitionKey& partition,
                 const std::string& instance_id) {
    return {{label::cluster, task.cluster_arn.empty() ? task.cluster_name : task.cluster_arn},
            {label::task_arn, task.arn},
            {label::family, task.family},
            {label::version, std::to_string(task.revision)},
            {label::partition, partition.account + "/" + partition.region},
            {label::instance, instance_id},
            {label::role, "task"}};
}

bool needs_sandbox(const model::Task& task, const model::TaskDefinitionBody& task_definition) {
    return network_mode_of(task, task_definition) == model::NetworkMode::awsvpc ||
           task_definition.shares_task_namespaces();
}

TaskSpec make_task_spec(const SpecInput& in) {
    TaskSpec spec;
    spec.network_mode = model::to_string(network_mode_of(in.task, in.task_definition));
    if (needs_sandbox(in.task, in.task_definition) && in.sandbox_id.empty()) {
        throw SpecError("task without the sandbox that holds its namespaces");
    }
    const auto pid_mode = namespace_mode(in.task_definition.pid_mode, in.sandbox_id);
    const auto ipc_mode = namespace_mode(in.task_definition.ipc_mode, in.sandbox_id);
    const json labels = task_labels(in.task, in.partition, in.instance_id);
    // Docker's create bodies are written from the document: parsed here, once per task start.
    const json document = json::parse(in.task_definition.document);
    auto sources = resolve_volumes(document, in, labels, spec);
    spec.firelens = firelens::task_files(in);
    spec.task_role_arn = task_role_arn_of(document, in.task.overrides);
    if (in.service_connect) {
        spec.port_redirects =
            model::service_connect_redirects(*in.service_connect, in.task_definition);
    }

    const auto& defs = document.value("containerDefinitions", json::array());
    // Names first: volumesFrom and links refer to siblings by their Docker names.
    for (const auto& def : defs) {
        ContainerSpec c;
        c.name = def.value("name", "");
        c.docker_name = resource_name(in, c.name);
        spec.containers.push_back(std::move(c));
    }
    auto task_cpu = model::parse_cpu_units(in.task.cpu);
    if (!task_cpu) task_cpu = in.task_definition.cpu;
    auto task_memory = model::parse_memory_mib(in.task.memory);
    if (!task_memory) task_memory = in.task_definition.memory;

    for (std::size_t i = 0; i < defs.size(); ++i) {
        ContainerSpec& c = spec.containers[i];
        json def = apply_container_override(defs[i], in.task.overrides);
        add_resolved_secrets(def, in.secrets);  // the values of secrets and secretOptions
        ContainerContext ctx{def,
                             spec.network_mode,
                             in.sandbox_id,
                             task_cpu,
                             task_memory,
                             labels,
                             binds_of(def, sources),
                             {},
                             {},
                             in.resolver};
        ctx.labels.update(def.value("dockerLabels", json::object()));
        ctx.labels.update(labels);  // the agent's labels win over the user's
        ctx.labels[label::container_name] = c.name;
        for (const auto& vf : def.value("volumesFrom", json::array())) {
            const auto& src = find_spec(spec.containers, vf.value("sourceContainer", ""), c.name);
            ctx.volumes_from.push_back(src.docker_name +
                                       (vf.value("readOnly", false) ? ":ro" : ""));
        }
        for (const auto& link : def.value("links", json::array())) {
            auto text = link.get<std::string>();
            auto colon = text.find(':');
            auto target = text.substr(0, colon);
            auto alias = colon == std::string::npos ? target : text.substr(colon + 1);
            ctx.links.push_back(find_spec(spec.containers, target, c.name).docker_name + ":" +
                                alias);
        }
        c.image = def.value("image", "");
        c.create_body = make_create_body(ctx);
        if (!pid_mode.empty()) c.create_body["HostConfig"]["PidMode"] = pid_mode;
        if (!ipc_mode.empty()) c.create_body["HostConfig"]["IpcMode"] = ipc_mode;
        if (in.capacity && in.task.launch_type == model::LaunchType::fargate) {
            spec.limits_clamped |= clamp_to_capacity(c.create_body["HostConfig"], *in.capacity);
        }
        if (in.environment) {
            add_task_environment(c.create_body["Env"], *in.environment, c.name, spec.task_role_arn);
        }
        for (const auto& placed : in.task.containers) {
            if (placed.name == c.name) add_gpus(c.create_body, placed.gpu_ids);
        }
        c.rules = rules_of(in.task_definition.containers.at(i), in.task_definition.containers);
        add_firelens(c.create_body, c.name, spec, in);
        for (const auto& d : c.rules.depends_on) find_spec(spec.containers, d.container, c.name);
    }
    order_for_creation(spec.containers, defs);
    return spec;
}

ContainerSpec make_sandbox_spec(const SpecInput& in, const std::string& image,
                                const std::string& network) {
    ContainerSpec c;
    c.name = k_sandbox_container_name;
    c.docker_name = resource_name(in, "internalecspause");
    c.image = image;
    c.rules.name = c.name;
    c.rules.stop_timeout = std::chrono::seconds(0);  // it holds a namespace, nothing to flush
    json labels = task_labels(in.task, in.partition, in.instance_id);
    labels[label::container_name] = c.name;
    labels[label::role] = "sandbox";
    c.create_body = {{"Image", image}, {"Labels", labels}};
    json& host = c.create_body["HostConfig"];
    // Docker's default IPC mode is private: the others can join only a shareable one.
    if (in.task_definition.ipc_mode == model::NamespaceMode::task) host["IpcMode"] = "shareable";
    if (network.empty()) {
        host["NetworkMode"] = "none";
        return c;
    }
    host["NetworkMode"] = network;
    c.create_body["NetworkingConfig"] = {{"EndpointsConfig", {{network, json::object()}}}};
    // The task's containers join this namespace and share its resolv.conf; ECS takes no
    // dnsServers for awsvpc. On a user-defined network Docker's embedded DNS (127.0.0.11)
    // answers and forwards what it does not know here.
    if (in.resolver) host["Dns"] = json::array({*in.resolver});
    return c;
}

}  // namespace berth::runtime

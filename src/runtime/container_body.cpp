#include "container_body.hpp"

#include <string_view>

namespace berth::runtime {

using nlohmann::json;

namespace {

constexpr long long k_mib = 1024 * 1024;
constexpr long long k_ns_per_second = 1'000'000'000;
// Docker reads CpuShares 0 as "the default, 1024"; like the ECS agent, a container that asked
// for no CPU gets the smallest weight the kernel allows instead.
constexpr long long k_min_cpu_shares = 2;

long long int_or(const json& j, const char* key, long long fallback) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<long long>() : fallback;
}

json string_array(const std::vector<std::string>& v) {
    return json(v);
}

// ECS environment [{name, value}] → Docker Env ["NAME=value"], in definition order.
json docker_env(const json& environment) {
    json env = json::array();
    if (!environment.is_array()) return env;
    for (const auto& kv : environment) {
        env.push_back(kv.value("name", "") + "=" + kv.value("value", ""));
    }
    return env;
}

// [{containerPort, hostPort, protocol}] (containerPortRange "a-b" expands to every port).
std::vector<std::pair<std::string, std::string>> port_keys(const json& port_mappings) {
    std::vector<std::pair<std::string, std::string>> keys;  // ("80/tcp", host port or "")
    if (!port_mappings.is_array()) return keys;
    for (const auto& pm : port_mappings) {
        std::string proto = pm.value("protocol", "tcp");
        if (pm.contains("containerPort")) {
            long long host = int_or(pm, "hostPort", 0);
            keys.emplace_back(std::to_string(pm["containerPort"].get<long long>()) + "/" + proto,
                              host > 0 ? std::to_string(host) : "");
        } else if (pm.contains("containerPortRange")) {
            auto range = pm["containerPortRange"].get<std::string>();
            auto dash = range.find('-');
            int lo = std::stoi(range.substr(0, dash));
            int hi = dash == std::string::npos ? lo : std::stoi(range.substr(dash + 1));
            for (int p = lo; p <= hi; ++p) keys.emplace_back(std::to_string(p) + "/" + proto, "");
        }
    }
    return keys;
}

std::string device_permissions(const json& permissions) {
    if (!permissions.is_array() || permissions.empty()) return "rwm";
    std::string out;
    for (const auto& p : permissions) {
        auto s = p.get<std::string>();
        if (s == "read") out += 'r';
        if (s == "write") out += 'w';
        if (s == "mknod") out += 'm';
    }
    return out;
}

void map_linux_parameters(const json& lp, json& host) {
    if (!lp.is_object()) return;
    if (lp.value("initProcessEnabled", false)) host["Init"] = true;
    if (auto caps = lp.find("capabilities"); caps != lp.end() && caps->is_object()) {
        if (caps->contains("add")) host["CapAdd"] = (*caps)["add"];
        if (caps->contains("drop")) host["CapDrop"] = (*caps)["drop"];
    }
    if (auto devices = lp.find("devices"); devices != lp.end() && devices->is_array()) {
        json out = json::array();
        for (const auto& d : *devices) {
            out.push_back(
                {{"PathOnHost", d.value("hostPath", "")},
                 {"PathInContainer", d.value("containerPath", d.value("hostPath", ""))},
                 {"CgroupPermissions", device_permissions(d.value("permissions", json()))}});
        }
        host["Devices"] = out;
    }
    if (lp.contains("sharedMemorySize"))
        host["ShmSize"] = lp["sharedMemorySize"].get<long long>() * k_mib;
    if (auto tmpfs = lp.find("tmpfs"); tmpfs != lp.end() && tmpfs->is_array()) {
        json out = json::object();
        for (const auto& t : *tmpfs) {
            std::string opts = "size=" + std::to_string(int_or(t, "size", 0)) + "m";
            for (const auto& o : t.value("mountOptions", json::array())) {
                opts += "," + o.get<std::string>();
            }
            out[t.value("containerPath", "")] = opts;
        }
        host["Tmpfs"] = out;
    }
    if (lp.contains("swappiness")) host["MemorySwappiness"] = lp["swappiness"];
}

// cpu, memory, memoryReservation and the task-level limits. Docker has no task-wide cgroup,
// so a task-level size caps each container at the task's total.
void map_resources(const ContainerContext& ctx, json& host) {
    const json& def = ctx.def;
    long long cpu = int_or(def, "cpu", 0);
    host["CpuShares"] = cpu < k_min_cpu_shares ? k_min_cpu_shares : cpu;
    if (ctx.task_cpu_units) host["NanoCpus"] = *ctx.task_cpu_units * k_ns_per_second / 1024;

    std::optional<long long> memory;
    if (def.contains("memory")) memory = def["memory"].get<long long>();
    if (!memory && ctx.task_memory_mib) memory = ctx.task_memory_mib;
    if (memory) host["Memory"] = *memory * k_mib;
    if (def.contains("memoryReservation")) {
        host["MemoryReservation"] = def["memoryReservation"].get<long long>() * k_mib;
    }
    const json& lp = def.value("linuxParameters", json::object());
    if (memory && lp.is_object() && lp.contains("maxSwap")) {
        host["MemorySwap"] = (*memory + lp["maxSwap"].get<long long>()) * k_mib;
    }
}

// Lowers host[key] to `most`; true when it was higher.
bool lower(json& host, const char* key, long long most) {
    auto it = host.find(key);
    if (most <= 0 || it == host.end() || !it->is_number() || it->get<long long>() <= most) {
        return false;
    }
    *it = most;
    return true;
}

json docker_ulimits(const json& ulimits) {
    json out = json::array();
    for (const auto& u : ulimits) {
        out.push_back({{"Name", u.value("name", "")},
                       {"Soft", int_or(u, "softLimit", 0)},
                       {"Hard", int_or(u, "hardLimit", 0)}});
    }
    return out;
}

// awslogs would make Docker call CloudWatch itself; Berth serves logs on its own and follows
// such containers from the engine (runtime/log_follower), so the engine keeps their output in
// json-file, a driver it can read back. awsfirelens becomes Docker's fluentd driver writing to
// the task's router (runtime/firelens.cpp).
void map_log_configuration(const json& lc, json& host) {
    if (!lc.is_object()) return;
    auto driver = lc.value("logDriver", "");
    if (driver == "awslogs")
        host["LogConfig"] = {{"Type", "json-file"}, {"Config", json::object()}};
    if (driver.empty() || driver == "awslogs" || driver == "awsfirelens") return;
    host["LogConfig"] = {{"Type", driver}, {"Config", lc.value("options", json::object())}};
}

void map_network(const ContainerContext& ctx, const json& ports, json& host) {
    if (ctx.network_mode == "awsvpc") {
        host["NetworkMode"] = "container:" + ctx.sandbox_id;
        return;
    }
    host["NetworkMode"] = ctx.network_mode;
    if (ctx.network_mode != "bridge") return;
    json bindings = json::object();
    for (const auto& [key, host_port] : port_keys(ports)) {
        bindings[key].push_back({{"HostIp", ""}, {"HostPort", host_port}});
    }
    if (!bindings.empty()) host["PortBindings"] = bindings;
    if (!ctx.links.empty()) host["Links"] = string_array(ctx.links);
}

// Binds is "source:target[:ro]", so a path holding ':' (an EFS rootDirectory may) cannot be
// written there; such a mount goes to Mounts, which names each part.
void map_binds(const std::vector<Bind>& binds, json& host) {
    for (const auto& b : binds) {
        if (b.source.find(':') == std::string::npos && b.target.find(':') == std::string::npos) {
            host["Binds"].push_back(b.source + ":" + b.target + (b.read_only ? ":ro" : ""));
            continue;
        }
        host["Mounts"].push_back({{"Type", b.source.starts_with('/') ? "bind" : "volume"},
                                  {"Source", b.source},
                                  {"Target", b.target},
                                  {"ReadOnly", b.read_only}});
    }
}

json make_host_config(const ContainerContext& ctx) {
    const json& def = ctx.def;
    json host = json::object();
    map_resources(ctx, host);
    map_network(ctx, def.value("portMappings", json::array()), host);
    map_linux_parameters(def.value("linuxParameters", json()), host);
    map_log_configuration(def.value("logConfiguration", json()), host);
    if (def.contains("ulimits")) host["Ulimits"] = docker_ulimits(def["ulimits"]);
    if (def.value("readonlyRootFilesystem", false)) host["ReadonlyRootfs"] = true;
    if (def.value("privileged", false)) host["Privileged"] = true;
    map_binds(ctx.binds, host);
    if (!ctx.volumes_from.empty()) host["VolumesFrom"] = string_array(ctx.volumes_from);
    if (def.contains("dockerSecurityOptions")) host["SecurityOpt"] = def["dockerSecurityOptions"];
    if (auto sysctls = def.find("systemControls"); sysctls != def.end() && sysctls->is_array()) {
        json out = json::object();
        for (const auto& s : *sysctls) out[s.value("namespace", "")] = s.value("value", "");
        host["Sysctls"] = out;
    }
    // Docker refuses DNS and /etc/hosts settings on a container that joins another's network
    // namespace; ECS rejects them for awsvpc too.
    if (ctx.network_mode != "awsvpc") {
        if (auto hosts = def.find("extraHosts"); hosts != def.end() && hosts->is_array()) {
            json out = json::array();
            for (const auto& h : *hosts) {
                out.push_back(h.value("hostname", "") + ":" + h.value("ipAddress", ""));
            }
            host["ExtraHosts"] = out;
        }
        // The user's servers win, as on ECS; else Berth's, which answers Cloud Map's names.
        if (def.contains("dnsServers")) {
            host["Dns"] = def["dnsServers"];
        } else if (ctx.resolver && ctx.network_mode == "bridge") {
            host["Dns"] = json::array({*ctx.resolver});
        }
        if (def.contains("dnsSearchDomains")) host["DnsSearch"] = def["dnsSearchDomains"];
    }
    return host;
}

}  // namespace

bool clamp_to_capacity(json& host, const EngineCapacity& capacity) {
    bool clamped = lower(host, "NanoCpus", capacity.ncpu * k_ns_per_second);
    clamped |= lower(host, "Memory", capacity.mem_total_bytes);
    // Docker refuses a reservation above the limit. MemorySwap (limit plus swap) may stay above
    // a lowered limit: it only has to be at least the limit.
    if (host.contains("Memory")) lower(host, "MemoryReservation", host["Memory"].get<long long>());
    return clamped;
}

json make_healthcheck(const json& hc) {
    auto seconds = [&](const char* key, long long fallback) {
        return int_or(hc, key, fallback) * k_ns_per_second;
    };
    return {{"Test", hc.value("command", json::array())},
            {"Interval", seconds("interval", 30)},
            {"Timeout", seconds("timeout", 5)},
            {"Retries", int_or(hc, "retries", 3)},
            {"StartPeriod", seconds("startPeriod", 0)}};
}

json make_create_body(const ContainerContext& ctx) {
    const json& def = ctx.def;
    json body = {{"Image", def.value("image", "")}, {"Labels", ctx.labels}};
    if (def.contains("entryPoint")) body["Entrypoint"] = def["entryPoint"];
    if (def.contains("command")) body["Cmd"] = def["command"];
    body["Env"] = docker_env(def.value("environment", json::array()));
    if (def.contains("workingDirectory")) body["WorkingDir"] = def["workingDirectory"];
    if (def.contains("user")) body["User"] = def["user"];
    if (def.contains("hostname") && (ctx.network_mode == "bridge" || ctx.network_mode == "none")) {
        body["Hostname"] = def["hostname"];
    }
    if (def.value("disableNetworking", false)) body["NetworkDisabled"] = true;
    if (def.value("interactive", false)) body["OpenStdin"] = true;
    if (def.value("pseudoTerminal", false)) body["Tty"] = true;
    if (def.contains("stopTimeout")) body["StopTimeout"] = def["stopTimeout"];
    if (def.contains("healthCheck")) body["Healthcheck"] = make_healthcheck(def["healthCheck"]);
    // A container in another's network namespace cannot expose ports of its own.
    json exposed = json::object();
    for (const auto& [key, host_port] : port_keys(def.value("portMappings", json::array()))) {
        exposed[key] = json::object();
    }
    if (!exposed.empty() && ctx.network_mode != "awsvpc") body["ExposedPorts"] = exposed;
    body["HostConfig"] = make_host_config(ctx);
    return body;
}

void add_gpus(json& body, const std::vector<std::string>& gpu_ids) {
    if (gpu_ids.empty()) return;
    std::string visible;
    for (const auto& id : gpu_ids) visible += (visible.empty() ? "" : ",") + id;
    body["HostConfig"]["DeviceRequests"] =
        json::array({{{"Driver", "nvidia"},
                      {"DeviceIDs", gpu_ids},
                      {"Capabilities", json::array({json::array({"gpu"})})}}});
    // In place of a value of the definition's own, as the agent sets it.
    constexpr std::string_view k_visible = "NVIDIA_VISIBLE_DEVICES=";
    json env = json::array();
    for (const auto& e : body.value("Env", json::array())) {
        if (!e.is_string() || !e.get_ref<const std::string&>().starts_with(k_visible)) {
            env.push_back(e);
        }
    }
    env.push_back(std::string(k_visible) + visible);
    body["Env"] = std::move(env);
}

json apply_container_override(const json& def, const json& overrides) {
    json out = def;
    if (!overrides.is_object()) return out;
    const json& list = overrides.value("containerOverrides", json::array());
    for (const auto& o : list) {
        if (o.value("name", "") != def.value("name", "")) continue;
        for (const char* key : {"command", "cpu", "memory", "memoryReservation"}) {
            if (o.contains(key)) out[key] = o[key];
        }
        for (const auto& kv : o.value("environment", json::array())) {
            json& env = out["environment"];
            if (!env.is_array()) env = json::array();
            bool replaced = false;
            for (auto& existing : env) {
                if (existing.value("name", "") == kv.value("name", "")) {
                    existing = kv;
                    replaced = true;
                }
            }
            if (!replaced) env.push_back(kv);
        }
    }
    return out;
}

}  // namespace berth::runtime

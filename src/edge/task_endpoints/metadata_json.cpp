#include "metadata_json.hpp"

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace berth::edge {

using nlohmann::json;

namespace {

constexpr double k_cpu_units_per_vcpu = 1024.0;

const model::EndpointContainer* endpoint_of(const model::TaskEndpoints& e,
                                            const std::string& name) {
    for (const auto& c : e.containers) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

// "172.20.0.0/16" from an address and its prefix length.
std::string subnet_of(const std::string& address, int prefix) {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (prefix <= 0 || prefix > 32 ||
        std::sscanf(address.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d) != 4)
        return {};
    std::uint32_t ip = (a << 24) | (b << 16) | (c << 8) | d;
    std::uint32_t mask = prefix == 32 ? 0xffffffffu : ~(0xffffffffu >> prefix);
    ip &= mask;
    return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 255) + "." +
           std::to_string((ip >> 8) & 255) + "." + std::to_string(ip & 255) + "/" +
           std::to_string(prefix);
}

std::string detail(const json& attachments, const std::string& name) {
    if (!attachments.is_array()) return {};
    for (const auto& a : attachments) {
        if (a.value("type", "") != "ElasticNetworkInterface") continue;
        for (const auto& d : a.value("details", json::array())) {
            if (d.value("name", "") == name) return d.value("value", "");
        }
    }
    return {};
}

// The ENI, as Fargate describes it: the sandbox's address on Berth's awsvpc network.
json awsvpc_network(const MetadataInput& in) {
    const auto& sandbox = in.endpoints.sandbox;
    auto ip = detail(in.task.attachments, "privateIPv4Address");
    if (ip.empty()) ip = sandbox.ipv4_address;
    json net = {{"NetworkMode", "awsvpc"}, {"IPv4Addresses", json::array({ip})}};
    if (in.version == MetadataVersion::v3) return net;
    net["AttachmentIndex"] = 0;
    net["MACAddress"] = detail(in.task.attachments, "macAddress");
    net["IPv4SubnetCIDRBlock"] = subnet_of(ip, sandbox.prefix_length);
    net["PrivateDNSName"] = detail(in.task.attachments, "privateDnsName");
    if (!sandbox.gateway.empty()) {
        net["SubnetGatewayIpv4Address"] =
            sandbox.gateway + "/" + std::to_string(sandbox.prefix_length);
    }
    return net;
}

json networks_of(const MetadataInput& in, const model::EndpointContainer* endpoint) {
    const auto& mode = in.endpoints.network_mode;
    if (mode == "awsvpc") return json::array({awsvpc_network(in)});
    json net = {{"NetworkMode", mode}};
    if (mode == "bridge" && endpoint && !endpoint->started.network.ipv4_address.empty()) {
        const auto& own = endpoint->started.network;
        net["IPv4Addresses"] = json::array({own.ipv4_address});
        if (in.version == MetadataVersion::v4 && !own.mac_address.empty()) {
            net["MACAddress"] = own.mac_address;
            net["IPv4SubnetCIDRBlock"] = subnet_of(own.ipv4_address, own.prefix_length);
        }
    }
    return json::array({net});
}

// ECS networkBindings → the metadata's Ports.
json ports_of(const model::TaskContainer& c) {
    json ports = json::array();
    if (!c.network_bindings.is_array()) return ports;
    for (const auto& b : c.network_bindings) {
        ports.push_back({{"ContainerPort", b.value("containerPort", 0)},
                         {"Protocol", b.value("protocol", "tcp")},
                         {"HostPort", b.value("hostPort", 0)},
                         {"HostIp", b.value("bindIP", "0.0.0.0")}});
    }
    return ports;
}

json container_limits(const model::TaskContainer& c, const model::ContainerDefinition* def) {
    json limits = {{"CPU", def ? def->cpu : 0}};
    if (c.memory) {
        limits["Memory"] = *c.memory;
    } else if (def && def->memory) {
        limits["Memory"] = *def->memory;
    }
    return limits;
}

void add_log_configuration(json& out, const model::ContainerDefinition* def) {
    if (!def || !def->log_configuration) return;
    out["LogDriver"] = def->log_configuration->driver;
    json options = json::object();
    for (const auto& o : def->log_configuration->options) options[o.name] = o.value;
    out["LogOptions"] = options;
}

json container_json(const MetadataInput& in, const model::TaskContainer& c) {
    const auto* def = in.task_definition ? in.task_definition->container(c.name) : nullptr;
    const auto* endpoint = endpoint_of(in.endpoints, c.name);
    json out = {{"DockerId", c.runtime_id},
                {"Name", c.name},
                {"DockerName", endpoint ? endpoint->docker_name : std::string()},
                {"Image", c.image},
                {"ImageID", c.image_digest},
                {"Labels", endpoint ? endpoint->labels : json::object()},
                {"DesiredStatus", std::string(model::to_string(c.desired_status))},
                {"KnownStatus", std::string(model::to_string(c.known_status))},
                {"Limits", container_limits(c, def)},
                {"Type", "NORMAL"},
                {"Networks", networks_of(in, endpoint)}};
    if (endpoint && !endpoint->started.created_at.empty()) {
        out["CreatedAt"] = endpoint->started.created_at;
    }
    if (endpoint && !endpoint->started.started_at.empty()) {
        out["StartedAt"] = endpoint->started.started_at;
    }
    if (c.exit_code) out["ExitCode"] = *c.exit_code;
    if (auto ports = ports_of(c); !ports.empty()) out["Ports"] = ports;
    if (in.version == MetadataVersion::v4) {
        out["ContainerARN"] = c.arn;
        add_log_configuration(out, def);
    }
    return out;
}

void add_time(json& out, const char* key, const std::optional<model::TimePoint>& t) {
    if (t) out[key] = rfc3339(*t);
}

json task_limits(const model::Task& task, const model::TaskDefinitionBody* td) {
    json limits = json::object();
    std::optional<std::int64_t> cpu, memory;
    if (!task.cpu.empty()) cpu = std::stoll(task.cpu);
    if (!task.memory.empty()) memory = std::stoll(task.memory);
    if (!cpu && td) cpu = td->cpu;
    if (!memory && td) memory = td->memory;
    if (cpu) limits["CPU"] = static_cast<double>(*cpu) / k_cpu_units_per_vcpu;
    if (memory) limits["Memory"] = *memory;
    return limits;
}

}  // namespace

std::string rfc3339(model::TimePoint t) {
    auto since = t.time_since_epoch();
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(since);
    auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since - secs).count();
    std::time_t tt = secs.count();
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::string out = buf;
    if (nanos > 0) {
        char frac[16];
        std::snprintf(frac, sizeof frac, ".%09lld", static_cast<long long>(nanos));
        std::string f = frac;
        while (f.back() == '0') f.pop_back();
        out += f;
    }
    return out + "Z";
}

json task_metadata(const MetadataInput& in) {
    const auto& t = in.task;
    json out = {{"Cluster", t.cluster_arn},
                {"TaskARN", t.arn},
                {"Family", t.family},
                {"Revision", std::to_string(t.revision)},
                {"DesiredStatus", std::string(model::to_string(t.desired_status))},
                {"KnownStatus", std::string(model::to_string(t.last_status))},
                {"Limits", task_limits(t, in.task_definition)},
                {"AvailabilityZone", t.availability_zone}};
    add_time(out, "PullStartedAt", t.pull_started_at);
    add_time(out, "PullStoppedAt", t.pull_stopped_at);
    add_time(out, "ExecutionStoppedAt", t.execution_stopped_at);
    json containers = json::array();
    for (const auto& c : t.containers) containers.push_back(container_json(in, c));
    out["Containers"] = containers;
    if (in.version == MetadataVersion::v4) {
        out["LaunchType"] = model::to_string(t.launch_type);
        if (!t.service_name.empty()) out["ServiceName"] = t.service_name;
    }
    return out;
}

json container_metadata(const MetadataInput& in, const std::string& container_name) {
    for (const auto& c : in.task.containers) {
        if (c.name == container_name) return container_json(in, c);
    }
    throw std::out_of_range("no container " + container_name);
}

}  // namespace berth::edge

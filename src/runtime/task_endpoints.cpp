#include "task_endpoints.hpp"

#include <mutex>
#include <vector>

#include <spdlog/spdlog.h>

#include "berth/model/arn.hpp"
#include "netns_command.hpp"

namespace berth::runtime {

using nlohmann::json;

namespace {

// NetworkSettings.Networks of an inspect answer ({} when absent).
json networks_of(const json& raw) {
    return raw.value("NetworkSettings", json::object()).value("Networks", json::object());
}

model::EndpointNetwork network_of(const json& endpoint) {
    model::EndpointNetwork n;
    if (!endpoint.is_object()) return n;
    n.ipv4_address = endpoint.value("IPAddress", "");
    n.gateway = endpoint.value("Gateway", "");
    n.prefix_length = endpoint.value("IPPrefixLen", 0);
    n.mac_address = endpoint.value("MacAddress", "");
    return n;
}

// 169.254.170.2:80 → gateway:port in the namespace of process `pid`. Inserted first: an adopted
// task's namespace still holds the earlier run's rule, to a port no one listens on now.
void redirect(Context& ctx, Engine& engine, int pid, const std::string& gateway,
              const std::string& task_id) {
    const auto& opts = ctx.options.task_endpoints;
    if (!engine.client().host().is_unix() || pid <= 0 || gateway.empty() || !opts.listen_on) {
        return;  // a remote engine's namespaces are not on this host
    }
    auto port = opts.listen_on(gateway);
    if (!port) return;
    std::string output;
    int rc = run_iptables_in_netns(
        pid,
        {"-t", "nat", "-I", "OUTPUT", "1", "-p", "tcp", "-d", "169.254.170.2", "--dport", "80",
         "-j", "DNAT", "--to-destination", gateway + ":" + std::to_string(*port)},
        output);
    if (rc != 0) {
        static std::once_flag warned;
        std::call_once(warned, [&] {
            spdlog::warn(
                "task {}: cannot redirect 169.254.170.2 in its network namespace "
                "(nsenter/iptables exit {}: {}); tasks reach the task endpoints only "
                "through ECS_CONTAINER_METADATA_URI_V4's address",
                task_id, rc, output);
        });
    }
}

// The value of `name` in a container's Config.Env ("" when absent).
std::string env_value(const json& raw, std::string_view name) {
    for (const auto& entry : raw.value("Config", json::object()).value("Env", json::array())) {
        if (!entry.is_string()) continue;
        const auto& text = entry.get_ref<const std::string&>();
        if (text.size() > name.size() && text.compare(0, name.size(), name) == 0 &&
            text[name.size()] == '=') {
            return text.substr(name.size() + 1);
        }
    }
    return {};
}

// What follows `marker` in `text` ("" when it is not there).
std::string after(const std::string& text, std::string_view marker) {
    auto at = text.rfind(marker);
    return at == std::string::npos ? std::string() : text.substr(at + marker.size());
}

bool fargate(const model::Task& task) {
    return task.launch_type == model::LaunchType::fargate;
}

}  // namespace

std::optional<TaskEnvironment> prepare_environment(const Context& ctx, const TaskRef& ref,
                                                   const TaskView& view) {
    const auto& opts = ctx.options.task_endpoints;
    if (!opts.index) return std::nullopt;
    TaskEnvironment env;
    env.region = ref.partition.region;
    env.fargate = fargate(view.task);
    const bool host = network_mode_of(view.task, view.definition()) == model::NetworkMode::host;
    if (host) {
        env.endpoint_base = opts.host_mode_url ? opts.host_mode_url() : std::string();
        env.full_credentials_uri = true;
    }
    env.aws_endpoint_url = opts.aws_endpoint_url.value_or(env.endpoint_base);
    for (const auto& c : view.task.containers) env.metadata_ids[c.name] = model::new_uuid();
    env.credentials_id = model::new_uuid();
    return env;
}

void register_endpoints(Context& ctx, const TaskRef& ref, const TaskView& view,
                        const TaskSpec& spec, const TaskEnvironment& env) {
    model::TaskEndpoints e;
    e.partition = ref.partition;
    e.task_arn = ref.arn;
    e.task_id = view.task.id;
    e.network_mode = spec.network_mode;
    e.role_arn = spec.task_role_arn;
    if (!e.role_arn.empty()) e.credentials_id = env.credentials_id;
    if (auto previous = ctx.options.task_endpoints.index->by_task_arn(ref.arn)) {
        e.sandbox = previous->sandbox;  // recorded at provisioning
    }
    for (const auto& c : spec.containers) {
        model::EndpointContainer ec;
        ec.name = c.name;
        ec.metadata_id = env.metadata_ids.at(c.name);
        ec.docker_name = c.docker_name;
        ec.labels = c.create_body.value("Labels", json::object());
        e.containers.push_back(std::move(ec));
    }
    ctx.options.task_endpoints.index->put(std::move(e));
}

void connect_sandbox(Context& ctx, Engine& engine, const TaskRef& ref,
                     const docker::ContainerDetails& sandbox) {
    auto* index = ctx.options.task_endpoints.index;
    if (!index) return;
    auto net =
        network_of(networks_of(sandbox.raw).value(ctx.options.awsvpc_network, json::object()));
    model::TaskEndpoints e;
    if (auto previous = index->by_task_arn(ref.arn)) e = *previous;
    e.partition = ref.partition;
    e.task_arn = ref.arn;
    e.network_mode = "awsvpc";
    e.sandbox = net;
    index->put(std::move(e));
    redirect(ctx, engine, sandbox.state.pid, net.gateway, ref.arn);
}

void connect_container(Context& ctx, Engine& engine, const TaskRef& ref, const TaskView& view,
                       const std::string& container_name, const docker::ContainerDetails& d) {
    auto* index = ctx.options.task_endpoints.index;
    if (!index) return;
    model::StartedContainer started;
    started.created_at = d.raw.value("Created", "");
    started.started_at = d.state.started_at;
    const auto mode = network_mode_of(view.task, view.definition());
    if (auto nets = networks_of(d.raw); mode == model::NetworkMode::bridge && !nets.empty()) {
        started.network = network_of(nets.begin().value());  // a bridge container has one
        redirect(ctx, engine, d.state.pid, started.network.gateway, ref.arn);
    }
    index->set_started(ref.arn, container_name, std::move(started));
}

void adopt_endpoints(Context& ctx, Engine& engine, const TaskRef& ref, const TaskView& view,
                     const AdoptedContainers& adopted) {
    auto* index = ctx.options.task_endpoints.index;
    if (!index) return;
    model::TaskEndpoints e;
    e.partition = ref.partition;
    e.task_arn = ref.arn;
    e.task_id = view.task.id;
    e.network_mode = model::to_string(network_mode_of(view.task, view.definition()));
    e.role_arn = task_role_arn_of(json::parse(view.definition().document), view.task.overrides);
    for (const auto& [name, d] : adopted.containers) {
        model::EndpointContainer ec;
        ec.name = name;
        ec.metadata_id = after(env_value(d.raw, "ECS_CONTAINER_METADATA_URI_V4"), "/v4/");
        if (ec.metadata_id.empty()) continue;  // started without task endpoints
        ec.docker_name = d.name;
        ec.labels = d.raw.value("Config", json::object()).value("Labels", json::object());
        e.containers.push_back(std::move(ec));
        for (const auto* var :
             {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"}) {
            if (e.credentials_id.empty() && !e.role_arn.empty())
                e.credentials_id = after(env_value(d.raw, var), "/v2/credentials/");
        }
    }
    if (e.containers.empty()) return;
    index->put(std::move(e));
    if (adopted.sandbox) connect_sandbox(ctx, engine, ref, *adopted.sandbox);
    for (const auto& [name, d] : adopted.containers) {
        connect_container(ctx, engine, ref, view, name, d);
    }
}

void forget_endpoints(Context& ctx, const TaskView& view) {
    const auto& opts = ctx.options.task_endpoints;
    if (!opts.index) return;
    opts.index->forget(view.task.arn);
    std::vector<std::string> ids;
    for (const auto& c : view.task.containers) {
        if (!c.runtime_id.empty()) ids.push_back(c.runtime_id);
    }
    if (opts.stats) opts.stats->forget(ids);
}

}  // namespace berth::runtime

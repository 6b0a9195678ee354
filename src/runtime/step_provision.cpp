// PROVISIONING: an awsvpc task's network namespace, held by a pause container on the
// Berth-managed bridge network; its address becomes the task's ENI. A task of another network
// mode whose containers share PID or IPC namespaces (pidMode, ipcMode `task`) gets a pause
// container on no network that holds them.
#include <spdlog/spdlog.h>

#include "berth/model/arn.hpp"
#include "observations.hpp"
#include "pause_image.hpp"
#include "steps.hpp"
#include "task_dns.hpp"
#include "task_endpoints.hpp"

namespace berth::runtime {

using nlohmann::json;

namespace {

void ensure_network(Engine& engine, const std::string& name, const std::string& instance_id) {
    std::lock_guard lock(engine.setup_mutex());
    if (engine.network_ready) return;
    auto& client = engine.client();
    if (!client.network_inspect(name)) {
        try {
            client.network_create(name, {{"Driver", "bridge"},
                                         {"CheckDuplicate", true},
                                         {"Labels", {{label::instance, instance_id}}}});
        } catch (const docker::DockerError& e) {
            // Another Berth made it meanwhile.
            if (e.kind() != docker::ErrorKind::conflict) throw;
        }
    }
    engine.network_ready = true;
}

void ensure_pause(Engine& engine) {
    std::lock_guard lock(engine.setup_mutex());
    if (engine.pause_ready) return;
    ensure_pause_image(engine.client(), engine.facts().architecture);
    engine.pause_ready = true;
}

// Creates and starts the sandbox. The network and the pause image are made once per engine; when
// either went away since (another Berth removed the network, someone the image), they are made
// again. The spec is made once the network exists: its resolver is the network's gateway. No
// network ("") makes a sandbox that holds only the PID and IPC namespaces of a task.
std::string create_sandbox(Context& ctx, Engine& engine, SpecInput in, const std::string& network) {
    for (int attempt = 0;; ++attempt) {
        if (!network.empty()) ensure_network(engine, network, ctx.instance_id);
        ensure_pause(engine);
        if (!network.empty()) in.resolver = task_resolver(ctx, engine, network);
        auto sandbox = make_sandbox_spec(in, k_pause_image, network);
        std::string id;
        try {
            // Docker checks the network only at start.
            id = engine.client().container_create(sandbox.docker_name, sandbox.create_body);
            engine.client().container_start(id);
            return id;
        } catch (const docker::DockerError& e) {
            if (!e.is_not_found() || attempt > 0) throw;
            if (!id.empty()) engine.client().container_remove(id, true);
            std::lock_guard lock(engine.setup_mutex());
            engine.network_ready = engine.pause_ready = false;
        }
    }
}

std::string dns_name(const std::string& ip, const std::string& region) {
    std::string dashed = ip;
    for (auto& c : dashed) {
        if (c == '.') c = '-';
    }
    return "ip-" + dashed +
           (region == "us-east-1" ? ".ec2.internal" : "." + region + ".compute.internal");
}

void set_detail(json& details, const std::string& name, const std::string& value) {
    for (auto& d : details) {
        if (d.value("name", "") == name) {
            d["value"] = value;
            return;
        }
    }
    details.push_back({{"name", name}, {"value", value}});
}

// The ENI attachment, filled in as ECS reports it once attached.
json& eni_attachment(model::Task& t) {
    if (!t.attachments.is_array()) t.attachments = json::array();
    for (auto& a : t.attachments) {
        if (a.value("type", "") == "ElasticNetworkInterface") return a;
    }
    t.attachments.push_back({{"id", model::new_uuid()},
                             {"type", "ElasticNetworkInterface"},
                             {"status", "PRECREATED"},
                             {"details", json::array()}});
    return t.attachments.back();
}

void record_interface(model::Task& t, const std::string& region, const std::string& ip,
                      const std::string& mac) {
    json& eni = eni_attachment(t);
    eni["status"] = "ATTACHED";
    json& details = eni["details"];
    if (!details.is_array()) details = json::array();
    set_detail(details, "networkInterfaceId", "eni-" + model::new_task_id().substr(0, 17));
    set_detail(details, "macAddress", mac);
    set_detail(details, "privateDnsName", dns_name(ip, region));
    set_detail(details, "privateIPv4Address", ip);
    for (auto& c : t.containers) {
        c.network_interfaces =
            json::array({{{"attachmentId", eni.value("id", "")}, {"privateIpv4Address", ip}}});
    }
}

// FARGATE tasks have no container instance to be placed on: they run on the first engine,
// which must run the definition's operating system (EC2 tasks were placed by ecs.os-type).
void check_fargate_platform(Engine& engine, const model::Task& task,
                            const model::TaskDefinitionBody& definition) {
    if (task.launch_type != model::LaunchType::fargate) return;
    const auto facts = engine.facts();
    auto wanted = definition.runtime_platform.os_type();
    if (wanted.empty()) wanted = "linux";  // Fargate's default family is LINUX
    if (!facts.known || facts.os_type == wanted) return;
    throw StepFailure(model::failure_reason(
        model::FailureClass::resource_initialization,
        "Berth runs FARGATE tasks on its first Docker engine (" + engine.host() + "), a " +
            facts.os_type + " one; operatingSystemFamily " +
            definition.runtime_platform.operating_system_family + " needs a " + wanted +
            " engine"));
}

}  // namespace

void provision(Context& ctx, const TaskRef& ref, const TaskView& view) {
    const auto& task = view.task;
    check_fargate_platform(ctx.engines.for_host(view.docker_host), task, view.definition());
    const bool awsvpc = network_mode_of(task, view.definition()) == model::NetworkMode::awsvpc;
    if (!needs_sandbox(task, view.definition())) {
        update_task(ctx.store, ref,
                    [](model::Task& t) { return advance_task(t, model::TaskStatus::pending); });
        return;
    }
    Engine& engine = ctx.engines.for_host(view.docker_host);
    auto& client = engine.client();
    const std::string network = awsvpc ? ctx.options.awsvpc_network : "";
    std::string id;
    try {
        SpecInput in{task, view.definition(), ref.partition, ctx.instance_id, "", random_suffix};
        id = create_sandbox(ctx, engine, in, network);
        update_task(ctx.store, ref, [&](model::Task& t) {
            t.sandbox_id = id;
            if (!awsvpc) advance_task(t, model::TaskStatus::pending);  // no network to attach
            return true;
        });
        if (!awsvpc) return;
        auto details = client.container_inspect(id);
        connect_sandbox(ctx, engine, ref, details);
        const json& net = details.raw["NetworkSettings"]["Networks"][network];
        auto ip = net.value("IPAddress", "");
        auto mac = net.value("MacAddress", "");
        update_task(ctx.store, ref, [&](model::Task& t) {
            record_interface(t, ref.partition.region, ip, mac);
            advance_task(t, model::TaskStatus::pending);
            return true;
        });
        spdlog::debug("task {}: sandbox {} at {}", task.id, id.substr(0, 12), ip);
    } catch (const docker::DockerError& e) {
        throw StepFailure(
            docker_failure(model::FailureClass::resource_initialization, e, engine.host()));
    }
}

}  // namespace berth::runtime

#include "port_redirects.hpp"

#include <mutex>

#include <spdlog/spdlog.h>

#include "netns_command.hpp"

namespace berth::runtime {

namespace {

// The PREROUTING rule's arguments after `-t nat -<op> PREROUTING`.
std::vector<std::string> rule_of(const char* op, const model::PortRedirect& r) {
    return {"-t", "nat",      op,           "PREROUTING",
            "-p", "tcp",      "--dport",    std::to_string(r.alias_port),
            "-j", "REDIRECT", "--to-ports", std::to_string(r.container_port)};
}

void warn_once(const std::string& task_id, const std::string& why) {
    static std::once_flag warned;
    std::call_once(warned, [&] {
        spdlog::warn(
            "task {}: cannot redirect Service Connect client alias ports in its network "
            "namespace ({}); such aliases are reached only at the container port",
            task_id, why);
    });
}

}  // namespace

std::vector<model::ServiceConnectEndpoint> service_connect_of(const model::Store& store,
                                                              const TaskRef& ref,
                                                              const model::Task& task) {
    if (task.service_name.empty()) return {};
    return store.read(ref.partition, [&](const model::Partition& p) {
        for (const auto& [arn, s] : p.services) {
            if (s.name != task.service_name || s.cluster_name != task.cluster_name) continue;
            for (const auto& d : s.deployments) {
                if (d.id == task.deployment_id) return d.service_connect_endpoints;
            }
            return s.service_connect_endpoints;
        }
        return std::vector<model::ServiceConnectEndpoint>{};
    });
}

void apply_port_redirects(Engine& engine, const TaskSpec& spec, const std::string& sandbox_id,
                          const std::string& task_id) {
    if (spec.port_redirects.empty()) return;
    if (!engine.client().host().is_unix()) {
        return warn_once(task_id, "the engine " + engine.host() + " is not on Berth's host");
    }
    int pid = 0;
    try {
        pid = engine.client().container_inspect(sandbox_id).state.pid;
    } catch (const docker::DockerError& e) {
        return warn_once(task_id, std::string("inspecting its sandbox: ") + e.what());
    }
    if (pid <= 0) return warn_once(task_id, "its sandbox is not running");
    for (const auto& r : spec.port_redirects) {
        std::string output;
        if (run_iptables_in_netns(pid, rule_of("-C", r), output) == 0) continue;  // there already
        output.clear();
        const int rc = run_iptables_in_netns(pid, rule_of("-A", r), output);
        if (rc != 0) {
            return warn_once(task_id,
                             "nsenter/iptables exit " + std::to_string(rc) + ": " + output);
        }
        spdlog::debug("task {}: Service Connect port {} → {}", task_id, r.alias_port,
                      r.container_port);
    }
}

}  // namespace berth::runtime

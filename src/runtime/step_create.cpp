// PENDING: the images (local first, pulled when missing), the task's volumes, and every
// container, created in an order where volume sources and link targets come first.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "efs_volume.hpp"
#include "observations.hpp"
#include "port_redirects.hpp"
#include "steps.hpp"
#include "task_dns.hpp"
#include "task_endpoints.hpp"
#include "task_logs.hpp"
#include "task_secrets.hpp"

namespace berth::runtime {

namespace {

// The image's digest as ECS reports it: the registry digest when the image came from one,
// else the local image id.
std::string digest_of(const docker::ImageInfo& image) {
    for (const auto& rd : image.repo_digests) {
        if (auto at = rd.find('@'); at != std::string::npos) return rd.substr(at + 1);
    }
    return image.id;
}

std::string ensure_image(docker::Client& client, const std::string& ref,
                         const std::string& registry_auth) {
    if (auto local = client.image_inspect(ref)) return digest_of(*local);
    client.image_pull(ref, {}, registry_auth);
    auto pulled = client.image_inspect(ref);
    if (!pulled)
        throw docker::DockerError(docker::ErrorKind::not_found, 404,
                                  "image " + ref + " not found after pull");
    return digest_of(*pulled);
}

// Labels and driver options: string pairs for the engine (a number or boolean as its text).
docker::Labels string_labels(const nlohmann::json& labels) {
    docker::Labels out;
    for (const auto& [k, v] : labels.items())
        out[k] = v.is_string() ? v.get<std::string>() : v.dump();
    return out;
}

// The images, each once, pulled when the engine does not have them (with the registry auth of
// the container's repositoryCredentials).
std::map<std::string, std::string> pull_images(Context& ctx, const TaskRef& ref,
                                               const TaskView& view, Engine& engine,
                                               const TaskSecrets& secrets) {
    update_task(ctx.store, ref, [](model::Task& t) {
        if (t.pull_started_at) return false;
        t.pull_started_at = model::Clock::now();
        return true;
    });
    std::map<std::string, std::string> digests;
    for (const auto& c : view.task.containers) {
        if (digests.contains(c.image)) continue;
        try {
            const auto* resolved = secrets.of(c.name);
            digests[c.image] =
                ensure_image(engine.client(), c.image, resolved ? resolved->registry_auth : "");
        } catch (const docker::DockerError& e) {
            throw StepFailure(
                docker_failure(model::FailureClass::cannot_pull_container, e, engine.host()));
        }
    }
    update_task(ctx.store, ref, [&](model::Task& t) {
        t.pull_stopped_at = model::Clock::now();
        for (auto& c : t.containers) {
            if (auto it = digests.find(c.image); it != digests.end()) c.image_digest = it->second;
        }
        return true;
    });
    return digests;
}

// Fargate runs every valid size; this engine may be smaller. The task keeps the size it asked
// for; its containers get what the engine has. Said once per engine, not once per task.
void log_clamp_once(Engine& engine, const model::Task& task) {
    if (engine.clamp_logged.exchange(true)) return;
    const auto facts = engine.facts();
    spdlog::warn(
        "task {}: Fargate size cpu {} memory {} is more than engine {} has ({} CPUs, {} MiB): its "
        "Docker limits are lowered to that, the task reports the size it asked for "
        "(docs/fidelity.md); later tasks are not logged",
        task.id, task.cpu, task.memory, engine.host(), facts.ncpu, facts.mem_total >> 20);
}

void record_created(Context& ctx, const TaskRef& ref,
                    const std::map<std::string, std::string>& ids) {
    if (ids.empty()) return;
    update_task(ctx.store, ref, [&](model::Task& t) {
        for (auto& c : t.containers) {
            if (auto it = ids.find(c.name); it != ids.end()) {
                c.runtime_id = it->second;
                c.known_status = model::ContainerStatus::created;
            }
        }
        if (t.connectivity.empty()) {
            t.connectivity = "CONNECTED";
            t.connectivity_at = model::Clock::now();
        }
        return true;
    });
}

// EFS file systems live in Berth's data directory: made here, on Berth's host, so that the
// engine binds a directory Berth owns (a remote engine binds its own host's path).
void make_host_directories(const TaskSpec& spec, const std::string& efs_dir) {
    for (const auto& dir : spec.host_directories) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        std::string problem = ec ? "cannot make " + dir + ": " + ec.message() : "";
        if (!ec && !resolves_inside_file_system(dir, efs_dir)) {
            problem = dir + " leads out of its file system (a symbolic link)";
        }
        if (!problem.empty()) {
            throw StepFailure(model::failure_reason(
                model::FailureClass::resource_initialization,
                "failed to invoke EFS utils commands to set up EFS volumes: " + problem));
        }
    }
}

// The router's configuration and its socket directory, as the agent's firelens resource makes
// them before the router is created.
void write_firelens_files(const FirelensFiles& files) {
    std::error_code ec;
    std::filesystem::create_directories(files.dir + "/config", ec);
    if (!ec) std::filesystem::create_directories(files.socket_dir(), ec);
    bool written = false;
    if (!ec) {
        std::ofstream out(files.config_file(), std::ios::trunc);
        written = static_cast<bool>(out << files.config_text);
    }
    if (!written) {
        throw StepFailure(model::failure_reason(
            model::FailureClass::resource_initialization,
            "unable to generate firelens config: cannot write " + files.config_file() +
                (ec ? ": " + ec.message() : std::string())));
    }
}

}  // namespace

void create(Context& ctx, const TaskRef& ref, const TaskView& view) {
    Engine& engine = ctx.engines.for_host(view.docker_host);
    auto& client = engine.client();
    // Before any image or container, as the agent's secret resources; the lock is not held.
    const auto secrets =
        resolve_task_secrets(ctx.options.secret_sources, ref.partition, view.definition());
    pull_images(ctx, ref, view, engine, secrets);

    SpecInput in{view.task,       view.definition(),    ref.partition,
                 ctx.instance_id, view.task.sandbox_id, random_suffix,
                 &secrets};
    auto environment = prepare_environment(ctx, ref, view);
    in.environment = environment ? &*environment : nullptr;
    in.efs_dir = ctx.options.efs_dir;
    in.firelens_dir = ctx.options.firelens_dir;
    // awsvpc containers share the sandbox's resolver; host and none get none of Berth's.
    if (network_mode_of(view.task, view.definition()) == model::NetworkMode::bridge) {
        in.resolver = task_resolver(ctx, engine, "bridge");
    }
    if (const auto facts = engine.facts(); facts.known) {
        in.capacity = EngineCapacity{facts.ncpu, facts.mem_total};
    }
    const auto service_connect = service_connect_of(ctx.store, ref, view.task);
    in.service_connect = &service_connect;
    TaskSpec spec;
    try {
        spec = make_task_spec(in);
    } catch (const SpecError& e) {
        throw StepFailure(model::failure_reason(e.failure(), e.what()));
    }
    make_host_directories(spec, ctx.options.efs_dir);
    if (spec.firelens) write_firelens_files(*spec.firelens);
    if (spec.limits_clamped) log_clamp_once(engine, view.task);
    apply_port_redirects(engine, spec, view.task.sandbox_id, view.task.id);
    prepare_task_logs(ctx, ref, view);
    if (environment) register_endpoints(ctx, ref, view, spec, *environment);
    std::map<std::string, std::string> ids;  // container name → Docker id
    try {
        for (const auto& v : spec.volumes) {
            client.volume_create(v.name, string_labels(v.labels), v.driver,
                                 string_labels(v.driver_opts));
        }
        for (const auto& c : spec.containers) {
            const auto* existing = find_container(view.task, c.name);
            if (existing && !existing->runtime_id.empty()) continue;
            ids[c.name] = client.container_create(c.docker_name, c.create_body);
        }
    } catch (const docker::DockerError& e) {
        record_created(ctx, ref, ids);  // so that the stop path removes them
        throw StepFailure(
            docker_failure(model::FailureClass::cannot_create_container, e, engine.host()));
    }
    record_created(ctx, ref, ids);
    spdlog::debug("task {}: {} containers created", view.task.id, ids.size());
}

}  // namespace berth::runtime

#include "firelens.hpp"

#include "firelens_config.hpp"
#include "task_secrets.hpp"

namespace berth::runtime::firelens {

namespace {

using nlohmann::json;

[[noreturn]] void refuse(const std::string& why) {
    throw SpecError(why, model::FailureClass::resource_initialization);
}

// A routed container's options, each secretOptions name standing for its router variable.
Route route_of(const model::ContainerDefinition& c, model::FirelensType type) {
    Route r{c.name, c.log_configuration->options};
    for (const auto& s : c.log_configuration->secret_options) {
        r.options.push_back({s.name, secret_placeholder(type, secret_variable(s.name, c.name))});
    }
    return r;
}

void add_env(json& body, const std::string& name, const std::string& value) {
    json& env = body["Env"];
    if (!env.is_array()) env = json::array();
    env.push_back(name + "=" + value);
}

}  // namespace

std::optional<TaskFiles> task_files(const SpecInput& in) {
    const auto& containers = in.task_definition.containers;
    const auto* router = model::firelens_router(containers);
    if (!router) {
        for (const auto& c : containers) {
            if (c.logs_to_firelens()) {
                refuse("container " + c.name +
                       " logs to awsfirelens but no container of the task has a "
                       "firelensConfiguration");
            }
        }
        return std::nullopt;
    }
    if (in.firelens_dir.empty()) refuse("no directory for the FireLens configuration");
    Setup setup;
    setup.type = router->firelens_configuration->type;
    setup.options = router->firelens_configuration->options;
    setup.cluster = in.task.cluster_name;
    setup.task_arn = in.task.arn;
    setup.task_definition = in.task.family + ":" + std::to_string(in.task.revision);
    setup.listen_on_all =
        network_mode_of(in.task, in.task_definition) != model::NetworkMode::awsvpc;
    for (const auto& c : containers) {
        if (c.logs_to_firelens() && &c != router) setup.routes.push_back(route_of(c, setup.type));
    }
    return TaskFiles{in.firelens_dir + "/" + in.task.id, config_text(setup)};
}

void mount_router(json& body, const TaskFiles& files, const SpecInput& in) {
    const auto* router = model::firelens_router(in.task_definition.containers);
    const bool fluentd = router->firelens_configuration->type == model::FirelensType::fluentd;
    json& binds = body["HostConfig"]["Binds"];
    if (!binds.is_array()) binds = json::array();
    binds.push_back(files.config_file() + ":" +
                    (fluentd ? k_fluentd_config_path : k_fluentbit_config_path));
    binds.push_back(files.socket_dir() + ":" + k_socket_dir);
    if (!in.secrets) return;
    for (const auto& [name, secrets] : in.secrets->containers) {
        const auto* c = in.task_definition.container(name);
        if (!c || !c->logs_to_firelens()) continue;
        for (const auto& [key, value] : secrets.log_options) {
            add_env(body, secret_variable(key, name), value);
        }
    }
}

void route_to_router(json& body, const TaskFiles& files, const std::string& container,
                     const SpecInput& in, bool awsvpc) {
    // The agent's options; fluentd-async: the engine buffers until the router's socket is up.
    body["HostConfig"]["LogConfig"] = {{"Type", "fluentd"},
                                       {"Config",
                                        {{"fluentd-address", "unix://" + files.socket()},
                                         {"tag", log_tag(container, in.task.id)},
                                         {"fluentd-async", "true"},
                                         {"fluentd-sub-second-precision", "true"}}}};
    const auto* def = in.task_definition.container(container);
    for (const auto& o : def ? def->log_configuration->options : std::vector<model::NameValue>{}) {
        if (o.name == k_buffer_limit_option) {
            body["HostConfig"]["LogConfig"]["Config"]["fluentd-buffer-limit"] = o.value;
        }
    }
    if (!awsvpc) return;
    add_env(body, "FLUENT_HOST", "127.0.0.1");
    add_env(body, "FLUENT_PORT", std::to_string(k_forward_port));
}

}  // namespace berth::runtime::firelens

#pragma once
// The configuration file of a task's FireLens log router, generated as the ECS agent generates
// it (agent/taskresource/firelens): an input on the unix socket the other containers' Docker
// fluentd log driver writes to, a forward input on TCP port 24224 for applications that send
// with a Fluent logger (FLUENT_HOST/FLUENT_PORT), the ECS metadata records, the user's own
// configuration file included, and one output per container that logs to awsfirelens, built
// from that container's logConfiguration options. Pure: text in, text out.
#include <string>
#include <string_view>
#include <vector>

#include "berth/model/task_definition.hpp"

namespace berth::runtime::firelens {

// Where the router finds things inside its container, as the agent mounts them.
inline constexpr const char* k_socket_path = "/var/run/fluent.sock";
inline constexpr const char* k_socket_dir = "/var/run/";
inline constexpr const char* k_fluentbit_config_path = "/fluent-bit/etc/fluent-bit.conf";
inline constexpr const char* k_fluentd_config_path = "/fluentd/etc/fluent.conf";
inline constexpr int k_forward_port = 24224;
// A routed container's option for its Docker log driver (fluentd-buffer-limit), not the router.
inline constexpr std::string_view k_buffer_limit_option = "log-driver-buffer-limit";

// One container whose output the router routes.
struct Route {
    std::string container;
    // Its logConfiguration.options, and each secretOptions name with the placeholder the router
    // resolves from its environment (secret_variable below).
    std::vector<model::NameValue> options;
};

struct Setup {
    model::FirelensType type = model::FirelensType::fluentbit;
    std::vector<model::NameValue> options;  // the router's firelensConfiguration.options
    std::string cluster;                    // what enable-ecs-log-metadata adds to each record
    std::string task_arn;
    std::string task_definition;  // family:revision
    bool listen_on_all = false;   // bridge: the TCP input on 0.0.0.0, else on 127.0.0.1
    std::vector<Route> routes;
};

// The text of the router's configuration file. Throws SpecError
// (ResourceInitializationError) for what the agent refuses (a route without its output plugin's
// name, an unknown config-file-type) and for a config-file-type of s3: Berth serves no S3.
std::string config_text(const Setup& setup);

// The router's environment variable carrying the value of secretOptions `name` of `container`,
// and the placeholder that stands for it in the configuration ("${name_container}" for
// fluentbit, "#{ENV['name_container']}" quoted for fluentd).
std::string secret_variable(const std::string& name, const std::string& container);
std::string secret_placeholder(model::FirelensType type, const std::string& variable);

// The Docker log tag of an awsfirelens container ("<container>-firelens-<task id>"), and the
// pattern its output section matches.
std::string log_tag(const std::string& container, const std::string& task_id);
std::string match_pattern(const std::string& container);

}  // namespace berth::runtime::firelens

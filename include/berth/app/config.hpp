#pragma once
// The command line of `berth`: what it accepts, its defaults, and the help text.
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <spdlog/common.h>

#include "berth/edge/dns.hpp"

namespace berth::app {

struct Config {
    enum class Mode { serve, help, version };
    Mode mode = Mode::serve;

    std::string listen_host = "127.0.0.1";
    unsigned short listen_port = 4566;  // 0: any free port (the log line names the real one)
    std::size_t threads = 2;
    spdlog::level::level_enum log_level = spdlog::level::info;

    std::string account_id = "000000000000";
    std::string region = "us-east-1";  // used when a request carries no SigV4 scope
    std::vector<std::string> docker_hosts = {"unix:///var/run/docker.sock"};
    // --gpus: the GPU ids of each engine (by its --docker-host URL).
    std::map<std::string, std::vector<std::string>> gpus;
    // --zone: the availability zone letter of each engine (by its --docker-host URL).
    std::map<std::string, char> zones;
    bool strict_responses = false;  // check every response against the model's output shape
    std::size_t log_events_max = 1'000'000;         // CloudWatch Logs: events held, all groups
    std::size_t log_bytes_max = 512 * 1024 * 1024;  // and their message bytes

    // Inside tasks (README "Inside a task"): ECS's environment, the metadata and credentials
    // endpoints at 169.254.170.2, and the listeners on the Docker networks' gateways.
    bool task_endpoints = true;
    unsigned short task_endpoint_port = 0;  // of those listeners; 0: any free port
    // AWS_ENDPOINT_URL in tasks: "berth" (Berth as the task reaches it), "off", or a URL.
    std::string task_aws_endpoint_url = "berth";

    // Task DNS (edge/dns): a resolver on port 53 of each task network's gateway that answers
    // Cloud Map's private names and forwards the rest to `dns_upstreams` (empty: the servers
    // the engine would give containers, from the host's resolv.conf).
    bool task_dns = true;
    std::vector<edge::DnsUpstream> dns_upstreams;

    // Load balancers (edge/lb): listener port → the port bound for it (--lb-port-map 80=8080),
    // for ports that cannot be bound; DescribeListeners keeps saying the listener's own.
    std::map<int, unsigned short> lb_port_map;
    // Labels every container Berth starts; "" makes a new one each start. Given, a start first
    // removes what an earlier run with the same id left (the container image sets it).
    std::string instance_id;
    // What outlives Berth on this host: EFS file systems in DATA_DIR/efs/<fileSystemId>. When
    // --state-dir comes (issue 11), it holds them in STATE_DIR/efs. Default: default_data_dir().
    std::string data_dir = default_data_dir();
    // --state-dir: where ECS's state is journaled and snapshotted (persist/), so that a restart
    // answers with it; also keeps the instance id. "": state lives in memory only.
    std::string state_dir;

    // /var/lib/berth for root, else $XDG_STATE_HOME/berth when it is set, else /tmp/berth-<uid>.
    static std::string default_data_dir();
};

// A command line that cannot be served: unknown flag, bad value. The message names the flag.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads the command line, then the environment: BERTH_<FLAG> (upper case, '_' for '-') sets
// any flag the command line does not give, e.g. BERTH_LOG_LEVEL=debug is --log-level debug.
Config parse_config(int argc, const char* const* argv);

// The --help text.
std::string usage();
// The --version text: the version and the git revision it was built from, e.g.
// "berth 0.1.0 (revision 3805872-dirty)"; "unknown" when the source had no .git.
std::string version_text();

}  // namespace berth::app

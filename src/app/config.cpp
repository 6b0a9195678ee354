#include "berth/app/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <sstream>

#include <unistd.h>

#include <boost/program_options.hpp>

#include "version.hpp"

namespace berth::app {

namespace po = boost::program_options;

namespace {

po::options_description describe_options() {
    const Config defaults;
    po::options_description options("Options", 100, 40);
    // clang-format off
    options.add_options()
        ("listen", po::value<std::string>()->value_name("HOST:PORT")->default_value("127.0.0.1:4566"),
            "address to serve the AWS APIs on (port 0: any free port); Berth checks no credentials, so "
            "keep it on loopback unless the network is trusted")
        ("log-level", po::value<std::string>()->value_name("LEVEL")->default_value("info"),
            "trace, debug, info, warn or error (requests are logged at debug)")
        ("account-id", po::value<std::string>()->value_name("ID")->default_value(defaults.account_id),
            "account of requests whose access key is not a 12-digit account id")
        ("region", po::value<std::string>()->value_name("REGION")->default_value(defaults.region),
            "region of requests that carry no SigV4 credential scope")
        ("docker-host", po::value<std::vector<std::string>>()->value_name("URL")->composing()
                ->default_value(defaults.docker_hosts, defaults.docker_hosts.front()),
            "Docker engine to run tasks on (repeatable)")
        ("gpus", po::value<std::vector<std::string>>()->value_name("[URL=]ID,...")->composing(),
            "the NVIDIA GPUs (device ids or UUIDs) of the engine at URL (default: the first "
            "--docker-host), repeatable; registered only if the engine's docker info lists the "
            "nvidia runtime")
        ("zone", po::value<std::vector<std::string>>()->value_name("[URL=]LETTER")->composing(),
            "the availability zone of the engine at URL (default: the first --docker-host) as "
            "its letter: <region>LETTER in every region; repeatable; engines left out are in "
            "a, b, c, ... in --docker-host order")
        ("threads", po::value<std::size_t>()->value_name("N")->default_value(defaults.threads),
            "HTTP worker threads")
        ("log-events-max", po::value<std::size_t>()->value_name("N")->default_value(defaults.log_events_max),
            "CloudWatch Logs events held, all groups; past it the oldest go")
        ("log-bytes-max", po::value<std::size_t>()->value_name("BYTES")->default_value(defaults.log_bytes_max),
            "CloudWatch Logs message bytes held, all groups; past it the oldest go")
        ("strict-responses", po::bool_switch(),
            "check every response against the API model's output shape (for tests)")
        ("task-aws-endpoint-url", po::value<std::string>()->value_name("URL")
                ->default_value(defaults.task_aws_endpoint_url),
            "AWS_ENDPOINT_URL inside tasks: berth (Berth as tasks reach it), off, or a URL")
        ("task-endpoint-port", po::value<unsigned>()->value_name("PORT")->default_value(0),
            "port Berth listens on at each Docker network's gateway for tasks (0: any free)")
        ("no-task-endpoints", po::bool_switch(),
            "give tasks neither ECS's environment nor 169.254.170.2 (metadata, credentials)")
        ("no-task-dns", po::bool_switch(),
            "give tasks Docker's resolver, not Berth's DNS server on their network's gateway")
        ("dns-upstream", po::value<std::vector<std::string>>()->value_name("ADDR[:PORT]")->composing(),
            "where task DNS forwards names outside Cloud Map's private namespaces (repeatable; "
            "default: the host's resolv.conf servers)")
        ("lb-port-map", po::value<std::vector<std::string>>()->value_name("PORT=BOUND")->composing(),
            "bind load balancer listeners on PORT at BOUND instead (repeatable), e.g. 80=8080")
        ("instance-id", po::value<std::string>()->value_name("ID")->default_value(""),
            "label Berth's containers with this id and, at start, remove what an earlier run with "
            "it left (default: a new id each start)")
        ("data-dir", po::value<std::string>()->value_name("DIR")->default_value(defaults.data_dir),
            "where what outlives Berth is kept: EFS file systems in DIR/efs/<fileSystemId> "
            "(default: /var/lib/berth as root, else $XDG_STATE_HOME/berth or /tmp/berth-<uid>)")
        ("state-dir", po::value<std::string>()->value_name("DIR")->default_value(""),
            "keep the state in DIR (a journal and snapshots) and restore it at start: ECS's "
            "clusters, task definitions, services, tasks, container instances, account settings; "
            "CloudWatch Logs, Secrets Manager, SSM, ELBv2 and Cloud Map. Not kept: STS's "
            "temporary credentials. Tasks keep running while Berth is down and are adopted "
            "at the next start")
        ("help,h", "print this help and exit")
        ("version", "print the version and exit");
    // clang-format on
    return options;
}

unsigned short parse_port(const std::string& text, const std::string& flag_value) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value > 65535) {
        throw ConfigError("--listen: bad port in '" + flag_value + "' (expected HOST:PORT)");
    }
    return static_cast<unsigned short>(value);
}

// "HOST:PORT", with IPv6 hosts in brackets: "[::1]:4566".
void parse_listen(const std::string& value, Config& config) {
    auto colon = value.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        throw ConfigError("--listen: expected HOST:PORT, got '" + value + "'");
    }
    std::string host = value.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string::npos) {
        throw ConfigError("--listen: put an IPv6 address in brackets, e.g. [::1]:4566");
    }
    if (host.empty()) {
        throw ConfigError("--listen: expected HOST:PORT, got '" + value + "'");
    }
    config.listen_host = host;
    config.listen_port = parse_port(value.substr(colon + 1), value);
}

spdlog::level::level_enum parse_log_level(const std::string& value) {
    static const std::pair<const char*, spdlog::level::level_enum> levels[] = {
        {"trace", spdlog::level::trace}, {"debug", spdlog::level::debug},
        {"info", spdlog::level::info},   {"warn", spdlog::level::warn},
        {"error", spdlog::level::err},
    };
    for (const auto& [name, level] : levels) {
        if (value == name) {
            return level;
        }
    }
    throw ConfigError("--log-level: expected trace, debug, info, warn or error, got '" + value +
                      "'");
}

void check_account_id(const std::string& value) {
    bool digits =
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (value.size() != 12 || !digits) {
        throw ConfigError("--account-id: expected 12 digits, got '" + value + "'");
    }
}

void check_region(const std::string& value) {
    bool valid = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!valid) {
        throw ConfigError("--region: expected a region name like us-east-1, got '" + value + "'");
    }
}

// It goes into labels and names: Docker's label values take anything, but a name part must not.
void check_instance_id(const std::string& value) {
    bool valid =
        value.size() <= 64 && std::all_of(value.begin(), value.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
        });
    if (!valid) {
        throw ConfigError(
            "--instance-id: expected up to 64 letters, digits, '-', '_' or '.', got '" + value +
            "'");
    }
}

void parse_task_endpoints(const po::variables_map& vars, Config& config) {
    config.task_endpoints = !vars["no-task-endpoints"].as<bool>();
    auto port = vars["task-endpoint-port"].as<unsigned>();
    if (port > 65535) {
        throw ConfigError("--task-endpoint-port: expected 0 to 65535, got " + std::to_string(port));
    }
    config.task_endpoint_port = static_cast<unsigned short>(port);
    auto url = vars["task-aws-endpoint-url"].as<std::string>();
    if (url != "berth" && url != "off" && !url.starts_with("http://") &&
        !url.starts_with("https://")) {
        throw ConfigError("--task-aws-endpoint-url: expected berth, off or an http(s) URL, got '" +
                          url + "'");
    }
    config.task_aws_endpoint_url = url;
}

void parse_task_dns(const po::variables_map& vars, Config& config) {
    config.task_dns = !vars["no-task-dns"].as<bool>();
    if (!vars.count("dns-upstream")) return;
    for (const auto& item : vars["dns-upstream"].as<std::vector<std::string>>()) {
        auto upstream = edge::parse_dns_upstream(item);
        if (!upstream) {
            throw ConfigError(
                "--dns-upstream: expected ADDR[:PORT] with an IP address (IPv6 in "
                "brackets with a port), got '" +
                item + "'");
        }
        config.dns_upstreams.push_back(*upstream);
    }
}

// "[URL=]VALUE", a setting of the engine at URL, else of the first --docker-host: (URL,
// VALUE). URLs hold no '=', so the last one ends the URL.
std::pair<std::string, std::string> engine_setting(const Config& config, const std::string& item,
                                                   const char* flag) {
    const auto eq = item.rfind('=');
    if (eq == std::string::npos) return {config.docker_hosts.front(), item};
    std::string host = item.substr(0, eq);
    if (std::find(config.docker_hosts.begin(), config.docker_hosts.end(), host) ==
        config.docker_hosts.end()) {
        throw ConfigError(std::string("--") + flag + ": '" + host + "' is not a --docker-host");
    }
    return {std::move(host), item.substr(eq + 1)};
}

// "[URL=]ID,ID": the GPUs of an engine.
void parse_gpus(const po::variables_map& vars, Config& config) {
    if (!vars.count("gpus")) return;
    for (const auto& item : vars["gpus"].as<std::vector<std::string>>()) {
        const auto [host, value] = engine_setting(config, item, "gpus");
        auto& ids = config.gpus[host];
        std::istringstream list(value);
        for (std::string id; std::getline(list, id, ',');) {
            if (id.empty() || std::find(ids.begin(), ids.end(), id) != ids.end()) {
                throw ConfigError("--gpus: expected [URL=]ID[,ID...] with distinct ids, got '" +
                                  item + "'");
            }
            ids.push_back(id);
        }
        if (ids.empty()) throw ConfigError("--gpus: no GPU id in '" + item + "'");
    }
}

// "[URL=]b": the engine's zone is <region>b.
void parse_zones(const po::variables_map& vars, Config& config) {
    if (!vars.count("zone")) return;
    for (const auto& item : vars["zone"].as<std::vector<std::string>>()) {
        const auto [host, value] = engine_setting(config, item, "zone");
        if (value.size() != 1 || value[0] < 'a' || value[0] > 'z') {
            throw ConfigError("--zone: expected [URL=]LETTER (a to z), got '" + item + "'");
        }
        config.zones[host] = value[0];
    }
}

// "80=8080": listeners on port 80 are bound at 8080.
void parse_lb_port_map(const po::variables_map& vars, Config& config) {
    if (!vars.count("lb-port-map")) return;
    for (const auto& item : vars["lb-port-map"].as<std::vector<std::string>>()) {
        auto eq = item.find('=');
        unsigned from = 0, to = 0;
        auto number = [](std::string_view text, unsigned& value) {
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            return !text.empty() && ec == std::errc() && end == text.data() + text.size() &&
                   value >= 1 && value <= 65535;
        };
        if (eq == std::string::npos || !number(std::string_view(item).substr(0, eq), from) ||
            !number(std::string_view(item).substr(eq + 1), to)) {
            throw ConfigError("--lb-port-map: expected PORT=BOUND with ports 1 to 65535, got '" +
                              item + "'");
        }
        config.lb_port_map[static_cast<int>(from)] = static_cast<unsigned short>(to);
    }
}

Config to_config(const po::variables_map& vars) {
    Config config;
    if (vars.count("help")) {
        config.mode = Config::Mode::help;
        return config;
    }
    if (vars.count("version")) {
        config.mode = Config::Mode::version;
        return config;
    }
    parse_listen(vars["listen"].as<std::string>(), config);
    config.log_level = parse_log_level(vars["log-level"].as<std::string>());
    config.account_id = vars["account-id"].as<std::string>();
    check_account_id(config.account_id);
    config.region = vars["region"].as<std::string>();
    check_region(config.region);
    config.docker_hosts = vars["docker-host"].as<std::vector<std::string>>();
    parse_gpus(vars, config);
    parse_zones(vars, config);
    config.threads = vars["threads"].as<std::size_t>();
    if (config.threads < 1 || config.threads > 256) {
        throw ConfigError("--threads: expected 1 to 256, got " + std::to_string(config.threads));
    }
    config.strict_responses = vars["strict-responses"].as<bool>();
    config.log_events_max = vars["log-events-max"].as<std::size_t>();
    config.log_bytes_max = vars["log-bytes-max"].as<std::size_t>();
    if (config.log_events_max < 1 || config.log_bytes_max < 1) {
        throw ConfigError("--log-events-max and --log-bytes-max: expected at least 1");
    }
    parse_task_endpoints(vars, config);
    parse_task_dns(vars, config);
    parse_lb_port_map(vars, config);
    config.instance_id = vars["instance-id"].as<std::string>();
    check_instance_id(config.instance_id);
    config.data_dir = vars["data-dir"].as<std::string>();
    // Docker binds absolute paths only; a relative one would name a volume instead.
    if (!config.data_dir.starts_with('/')) {
        throw ConfigError("--data-dir: expected an absolute path, got '" + config.data_dir + "'");
    }
    while (config.data_dir.size() > 1 && config.data_dir.ends_with('/')) config.data_dir.pop_back();
    config.state_dir = vars["state-dir"].as<std::string>();
    return config;
}

// BERTH_LOG_LEVEL → "log-level": every flag but --help and --version, upper-cased, dashes as
// underscores. Other BERTH_ variables (the test scripts' BERTH_ENDPOINT, ...) name no flag.
std::string flag_of_variable(const po::options_description& options, const std::string& name) {
    constexpr std::string_view prefix = "BERTH_";
    if (!name.starts_with(prefix)) return "";
    std::string flag = name.substr(prefix.size());
    std::transform(flag.begin(), flag.end(), flag.begin(),
                   [](char c) { return c == '_' ? '-' : static_cast<char>(std::tolower(c)); });
    if (flag == "help" || flag == "version" || !options.find_nothrow(flag, false)) return "";
    return flag;
}

// The environment's flags, less those the command line gives (the command line wins). A switch
// (--strict-responses) is on when its variable is true, 1, yes or on.
void store_environment(const po::options_description& options, po::variables_map& vars) {
    auto parsed = po::parse_environment(
        options, [&](const std::string& name) { return flag_of_variable(options, name); });
    std::vector<po::option> kept;
    for (auto& option : parsed.options) {
        auto given = vars.find(option.string_key);
        if (given != vars.end() && !given->second.defaulted()) continue;
        kept.push_back(std::move(option));
    }
    parsed.options = std::move(kept);
    po::store(parsed, vars);
}

}  // namespace

std::string Config::default_data_dir() {
    if (::geteuid() == 0) return "/var/lib/berth";
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && xdg[0] == '/') {
        return std::string(xdg) + "/berth";
    }
    return "/tmp/berth-" + std::to_string(::geteuid());
}

Config parse_config(int argc, const char* const* argv) {
    po::variables_map vars;
    const auto options = describe_options();
    try {
        // No positional arguments: a stray word is an error, not silently ignored.
        po::store(po::command_line_parser(argc, argv)
                      .options(options)
                      .positional(po::positional_options_description())
                      .run(),
                  vars);
        store_environment(options, vars);
        po::notify(vars);
    } catch (const po::error& e) {
        throw ConfigError(e.what());
    }
    return to_config(vars);
}

std::string usage() {
    std::ostringstream out;
    out << "Usage: berth [options]\n"
           "Serves the Amazon ECS API locally and runs its tasks on Docker.\n\n"
        << describe_options();
    return out.str();
}

std::string version_text() {
    return std::string("berth ") + build_version() + " (revision " + build_revision() + ")";
}

}  // namespace berth::app

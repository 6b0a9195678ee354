#include "berth/app/config.hpp"

#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

namespace berth::app {
namespace {

Config parse(std::initializer_list<const char*> args) {
    std::vector<const char*> argv{"berth"};
    argv.insert(argv.end(), args);
    return parse_config(static_cast<int>(argv.size()), argv.data());
}

TEST(Config, DefaultsMatchTheDocumentedOnes) {
    auto config = parse({});
    EXPECT_EQ(config.mode, Config::Mode::serve);
    EXPECT_EQ(config.listen_host, "127.0.0.1");
    EXPECT_EQ(config.listen_port, 4566);
    EXPECT_EQ(config.log_level, spdlog::level::info);
    EXPECT_EQ(config.account_id, "000000000000");
    EXPECT_EQ(config.region, "us-east-1");
    EXPECT_EQ(config.docker_hosts, std::vector<std::string>{"unix:///var/run/docker.sock"});
    EXPECT_EQ(config.threads, 2u);
    EXPECT_FALSE(config.strict_responses);
    EXPECT_EQ(config.log_events_max, 1'000'000u);
}

TEST(Config, LogStoreBounds) {
    auto config = parse({"--log-events-max", "500", "--log-bytes-max", "4096"});
    EXPECT_EQ(config.log_events_max, 500u);
    EXPECT_EQ(config.log_bytes_max, 4096u);
    EXPECT_TRUE(config.task_endpoints);
    EXPECT_EQ(config.task_endpoint_port, 0);
    EXPECT_EQ(config.task_aws_endpoint_url, "berth");
}

TEST(Config, TaskEndpointFlags) {
    auto config = parse({"--task-endpoint-port", "51679", "--task-aws-endpoint-url",
                         "http://localstack:4566", "--no-task-endpoints"});
    EXPECT_EQ(config.task_endpoint_port, 51679);
    EXPECT_EQ(config.task_aws_endpoint_url, "http://localstack:4566");
    EXPECT_FALSE(config.task_endpoints);
    EXPECT_EQ(parse({"--task-aws-endpoint-url", "off"}).task_aws_endpoint_url, "off");
}

TEST(Config, ReadsEveryFlag) {
    auto config =
        parse({"--listen", "0.0.0.0:8080", "--log-level", "debug", "--account-id", "123456789012",
               "--region=eu-west-1", "--docker-host", "unix:///tmp/a.sock", "--docker-host",
               "tcp://127.0.0.1:2375", "--threads", "4", "--strict-responses"});
    EXPECT_EQ(config.listen_host, "0.0.0.0");
    EXPECT_EQ(config.listen_port, 8080);
    EXPECT_EQ(config.log_level, spdlog::level::debug);
    EXPECT_EQ(config.account_id, "123456789012");
    EXPECT_EQ(config.region, "eu-west-1");
    EXPECT_EQ(config.docker_hosts,
              (std::vector<std::string>{"unix:///tmp/a.sock", "tcp://127.0.0.1:2375"}));
    EXPECT_EQ(config.threads, 4u);
    EXPECT_TRUE(config.strict_responses);
}

TEST(Config, ListenAcceptsHostnamesIpv6AndPortZero) {
    auto named = parse({"--listen", "localhost:4599"});
    EXPECT_EQ(named.listen_host, "localhost");
    EXPECT_EQ(named.listen_port, 4599);
    auto v6 = parse({"--listen", "[::1]:0"});
    EXPECT_EQ(v6.listen_host, "::1");
    EXPECT_EQ(v6.listen_port, 0);
}

TEST(Config, LogLevels) {
    EXPECT_EQ(parse({"--log-level", "trace"}).log_level, spdlog::level::trace);
    EXPECT_EQ(parse({"--log-level", "warn"}).log_level, spdlog::level::warn);
    EXPECT_EQ(parse({"--log-level", "error"}).log_level, spdlog::level::err);
}

TEST(Config, HelpAndVersionWinOverOtherFlags) {
    EXPECT_EQ(parse({"--help"}).mode, Config::Mode::help);
    EXPECT_EQ(parse({"-h"}).mode, Config::Mode::help);
    EXPECT_EQ(parse({"--listen", "nonsense", "--help"}).mode, Config::Mode::help);
    EXPECT_EQ(parse({"--version"}).mode, Config::Mode::version);
}

TEST(Config, BadCommandLinesAreRejected) {
    for (auto args : std::vector<std::vector<const char*>>{
             {"--no-such-flag"},
             {"stray-word"},
             {"--listen"},
             {"--listen", "4566"},
             {"--listen", ":4566"},
             {"--listen", "127.0.0.1:"},
             {"--listen", "127.0.0.1:65536"},
             {"--listen", "127.0.0.1:45x"},
             {"--listen", "::1:4566"},
             {"--log-level", "verbose"},
             {"--account-id", "12345"},
             {"--account-id", "12345678901a"},
             {"--region", "US East"},
             {"--region", ""},
             {"--threads", "0"},
             {"--threads", "many"},
             {"--log-events-max", "0"},
             {"--task-endpoint-port", "70000"},
             {"--task-aws-endpoint-url", "localstack:4566"},
         }) {
        std::vector<const char*> argv{"berth"};
        argv.insert(argv.end(), args.begin(), args.end());
        EXPECT_THROW(parse_config(static_cast<int>(argv.size()), argv.data()), ConfigError)
            << args.front() << " " << (args.size() > 1 ? args[1] : "");
    }
}

TEST(Config, ErrorsNameTheFlag) {
    try {
        parse({"--log-level", "loud"});
        FAIL();
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("--log-level"), std::string::npos);
    }
}

TEST(Config, UsageListsTheFlags) {
    auto text = usage();
    for (const char* flag : {"--listen", "--log-level", "--account-id", "--region", "--docker-host",
                             "--threads", "--task-aws-endpoint-url", "--task-endpoint-port",
                             "--no-task-endpoints", "--help", "--version"}) {
        EXPECT_NE(text.find(flag), std::string::npos) << flag;
    }
    EXPECT_EQ(version_text().rfind("berth ", 0), 0u);
    EXPECT_NE(text.find("--instance-id"), std::string::npos);
}

// Sets an environment variable for one test's scope.
struct EnvVar {
    EnvVar(const char* name, const char* value) : name(name) { setenv(name, value, 1); }
    ~EnvVar() { unsetenv(name); }
    const char* name;
};

TEST(Config, EveryFlagHasAnEnvironmentVariable) {
    EnvVar listen("BERTH_LISTEN", "0.0.0.0:4566");
    EnvVar level("BERTH_LOG_LEVEL", "debug");
    EnvVar region("BERTH_REGION", "eu-west-3");
    EnvVar account("BERTH_ACCOUNT_ID", "123456789012");
    EnvVar host("BERTH_DOCKER_HOST", "unix:///tmp/other.sock");
    EnvVar threads("BERTH_THREADS", "3");
    EnvVar strict("BERTH_STRICT_RESPONSES", "true");
    EnvVar no_endpoints("BERTH_NO_TASK_ENDPOINTS", "1");
    EnvVar instance("BERTH_INSTANCE_ID", "berth-container-0123abcd");
    auto config = parse({});
    EXPECT_EQ(config.listen_host, "0.0.0.0");
    EXPECT_EQ(config.listen_port, 4566);
    EXPECT_EQ(config.log_level, spdlog::level::debug);
    EXPECT_EQ(config.region, "eu-west-3");
    EXPECT_EQ(config.account_id, "123456789012");
    EXPECT_EQ(config.docker_hosts, std::vector<std::string>{"unix:///tmp/other.sock"});
    EXPECT_EQ(config.threads, 3u);
    EXPECT_TRUE(config.strict_responses);
    EXPECT_FALSE(config.task_endpoints);
    EXPECT_EQ(config.instance_id, "berth-container-0123abcd");
}

TEST(Config, TheCommandLineWinsOverTheEnvironment) {
    EnvVar region("BERTH_REGION", "eu-west-3");
    EnvVar host("BERTH_DOCKER_HOST", "unix:///tmp/other.sock");
    EnvVar strict("BERTH_STRICT_RESPONSES", "false");
    auto config = parse(
        {"--region", "ap-south-1", "--docker-host", "unix:///tmp/a.sock", "--strict-responses"});
    EXPECT_EQ(config.region, "ap-south-1");
    EXPECT_EQ(config.docker_hosts, std::vector<std::string>{"unix:///tmp/a.sock"});
    EXPECT_TRUE(config.strict_responses);
    EXPECT_FALSE(parse({}).strict_responses);
}

TEST(Config, EnvironmentValuesAreCheckedAsFlagsAre) {
    EnvVar level("BERTH_LOG_LEVEL", "loud");
    try {
        parse({});
        FAIL() << "BERTH_LOG_LEVEL=loud was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("--log-level"), std::string::npos) << e.what();
    }
}

TEST(Config, OtherBerthVariablesAndHelpAreNoFlags) {
    EnvVar endpoint("BERTH_ENDPOINT", "http://127.0.0.1:1");
    EnvVar help("BERTH_HELP", "1");
    EnvVar version("BERTH_VERSION", "1");
    EXPECT_EQ(parse({}).mode, Config::Mode::serve);
}

TEST(Config, InstanceIdMustFitInNames) {
    EXPECT_EQ(parse({}).instance_id, "");
    EXPECT_EQ(parse({"--instance-id", "ci_1.a-b"}).instance_id, "ci_1.a-b");
    EXPECT_THROW(parse({"--instance-id", "a/b"}), ConfigError);
    EXPECT_THROW(parse({"--instance-id", std::string(65, 'a').c_str()}), ConfigError);
}

TEST(Config, DataDirIsAnAbsolutePathWithADefaultPerUser) {
    const std::string expected = ::geteuid() == 0 ? "/var/lib/berth" : "";
    if (!expected.empty()) {
        EXPECT_EQ(parse({}).data_dir, expected);
    }
    EXPECT_EQ(parse({}).data_dir, Config::default_data_dir());
    EXPECT_EQ(parse({"--data-dir", "/srv/berth/"}).data_dir, "/srv/berth");
    EXPECT_THROW(parse({"--data-dir", "relative/dir"}), ConfigError);
    EnvVar dir("BERTH_DATA_DIR", "/var/tmp/b");
    EXPECT_EQ(parse({}).data_dir, "/var/tmp/b");
    EXPECT_NE(usage().find("--data-dir"), std::string::npos);
}

TEST(Config, StateDirIsOffUnlessGiven) {
    EXPECT_EQ(parse({}).state_dir, "");
    EXPECT_EQ(parse({"--state-dir", "/srv/berth-state"}).state_dir, "/srv/berth-state");
    EnvVar dir("BERTH_STATE_DIR", "/var/tmp/s");
    EXPECT_EQ(parse({}).state_dir, "/var/tmp/s");
    EXPECT_NE(usage().find("--state-dir"), std::string::npos);
}

TEST(Config, VersionNamesTheRevision) {
    auto text = version_text();
    EXPECT_NE(text.find(" (revision "), std::string::npos) << text;
    EXPECT_EQ(text.find("revision )"), std::string::npos) << text;
}

}  // namespace
}  // namespace berth::app

namespace berth::app {
namespace {

TEST(Config, LbPortMapIsRepeatable) {
    EXPECT_TRUE(parse({}).lb_port_map.empty());
    auto config = parse({"--lb-port-map", "80=8080", "--lb-port-map", "443=8443"});
    EXPECT_EQ(config.lb_port_map.at(80), 8080);
    EXPECT_EQ(config.lb_port_map.at(443), 8443);
    for (const char* bad : {"80", "80=", "=8080", "0=8080", "80=70000", "a=b"}) {
        EXPECT_THROW(parse({"--lb-port-map", bad}), ConfigError) << bad;
    }
}

}  // namespace
}  // namespace berth::app

namespace berth::app {
namespace {

TEST(Config, TaskDnsFlags) {
    auto defaults = parse({});
    EXPECT_TRUE(defaults.task_dns);
    EXPECT_TRUE(defaults.dns_upstreams.empty());  // the engine's, from resolv.conf
    auto config =
        parse({"--no-task-dns", "--dns-upstream", "127.0.0.1:5353", "--dns-upstream", "10.0.0.2"});
    EXPECT_FALSE(config.task_dns);
    EXPECT_EQ(config.dns_upstreams,
              (std::vector<edge::DnsUpstream>{{"127.0.0.1", 5353}, {"10.0.0.2", 53}}));
    for (const char* bad : {"dns.example", "127.0.0.1:", "127.0.0.1:0", "[::1]5353"}) {
        EXPECT_THROW(parse({"--dns-upstream", bad}), ConfigError) << bad;
    }
    EnvVar upstream("BERTH_DNS_UPSTREAM", "[::1]:5353");
    EnvVar off("BERTH_NO_TASK_DNS", "true");
    auto from_env = parse({});
    EXPECT_FALSE(from_env.task_dns);
    EXPECT_EQ(from_env.dns_upstreams, (std::vector<edge::DnsUpstream>{{"::1", 5353}}));
    EXPECT_NE(usage().find("--dns-upstream"), std::string::npos);
}

}  // namespace
}  // namespace berth::app

namespace berth::app {
namespace {

TEST(Config, GpusNameEachEnginesDevices) {
    EXPECT_TRUE(parse({}).gpus.empty()) << "no GPUs unless given";
    auto config = parse({"--gpus", "0,1"});
    EXPECT_EQ(config.gpus, (std::map<std::string, std::vector<std::string>>{
                               {"unix:///var/run/docker.sock", {"0", "1"}}}))
        << "without URL=, the first --docker-host's";
    auto two = parse({"--docker-host", "unix:///a.sock", "--docker-host", "tcp://b:2375", "--gpus",
                      "tcp://b:2375=GPU-x", "--gpus", "GPU-y"});
    EXPECT_EQ(two.gpus, (std::map<std::string, std::vector<std::string>>{
                            {"tcp://b:2375", {"GPU-x"}}, {"unix:///a.sock", {"GPU-y"}}}));
    EXPECT_THROW(parse({"--gpus", "tcp://elsewhere:2375=0"}), ConfigError) << "not an engine";
    EXPECT_THROW(parse({"--gpus", "0,0"}), ConfigError) << "an id twice";
    EXPECT_THROW(parse({"--gpus", "0,,1"}), ConfigError);
    EXPECT_THROW(parse({"--gpus", "unix:///var/run/docker.sock="}), ConfigError);
}

TEST(Config, ZonesNameEachEnginesLetter) {
    EXPECT_TRUE(parse({}).zones.empty()) << "engines take a, b, c, ... unless given";
    auto two = parse({"--docker-host", "unix:///a.sock", "--docker-host", "tcp://b:2375", "--zone",
                      "c", "--zone", "tcp://b:2375=c"});
    EXPECT_EQ(two.zones,
              (std::map<std::string, char>{{"tcp://b:2375", 'c'}, {"unix:///a.sock", 'c'}}));
    EXPECT_THROW(parse({"--zone", "tcp://elsewhere:2375=b"}), ConfigError) << "not an engine";
    EXPECT_THROW(parse({"--zone", "us-east-1b"}), ConfigError) << "a letter, not a zone name";
    EXPECT_THROW(parse({"--zone", "B"}), ConfigError);
}

}  // namespace
}  // namespace berth::app

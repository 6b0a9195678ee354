#include "runtime/firelens_config.hpp"

#include <gtest/gtest.h>

#include "berth/runtime/task_spec.hpp"

namespace berth::runtime::firelens {
namespace {

using model::FirelensType;

Setup setup(FirelensType type, std::vector<model::NameValue> options, std::vector<Route> routes,
            bool listen_on_all = false) {
    Setup s;
    s.type = type;
    s.options = std::move(options);
    s.cluster = "prod";
    s.task_arn = "arn:aws:ecs:us-east-1:000000000000:task/prod/abc";
    s.task_definition = "web:3";
    s.listen_on_all = listen_on_all;
    s.routes = std::move(routes);
    return s;
}

const std::string k_fluentbit_inputs =
    "[INPUT]\n    Name forward\n    unix_path /var/run/fluent.sock\n\n"
    "[INPUT]\n    Name forward\n    Listen 127.0.0.1\n    Port 24224\n\n";
const std::string k_fluentbit_metadata =
    "[FILTER]\n    Name record_modifier\n    Match *\n"
    "    Record ecs_cluster prod\n"
    "    Record ecs_task_arn arn:aws:ecs:us-east-1:000000000000:task/prod/abc\n"
    "    Record ecs_task_definition web:3\n\n";
const std::string k_fluentd_inputs =
    "<source>\n    @type unix\n    path /var/run/fluent.sock\n</source>\n\n"
    "<source>\n    @type forward\n    bind 127.0.0.1\n    port 24224\n</source>\n\n";
const std::string k_fluentd_metadata =
    "<filter *>\n    @type record_transformer\n    <record>\n"
    "        ecs_cluster prod\n"
    "        ecs_task_arn arn:aws:ecs:us-east-1:000000000000:task/prod/abc\n"
    "        ecs_task_definition web:3\n    </record>\n</filter>\n\n";

// Table: firelensConfiguration and the routed logConfigurations → the configuration's text.
struct ConfigCase {
    const char* name;
    Setup setup;
    std::string expected;
};

class FirelensConfigText : public testing::TestWithParam<ConfigCase> {};

TEST_P(FirelensConfigText, IsWhatTheAgentGenerates) {
    EXPECT_EQ(config_text(GetParam().setup), GetParam().expected);
}

const Route k_app{"app", {{"Name", "cloudwatch"}, {"region", "us-east-1"}}};

INSTANTIATE_TEST_SUITE_P(
    Cases, FirelensConfigText,
    testing::Values(
        ConfigCase{"FluentbitOneOutput", setup(FirelensType::fluentbit, {}, {k_app}),
                   k_fluentbit_inputs + k_fluentbit_metadata +
                       "[OUTPUT]\n    Name cloudwatch\n    Match app-firelens*\n"
                       "    region us-east-1\n\n"},
        ConfigCase{"FluentbitNoMetadataNoRoutes",
                   setup(FirelensType::fluentbit, {{"enable-ecs-log-metadata", "false"}}, {}),
                   k_fluentbit_inputs},
        ConfigCase{"FluentbitBridgeListensOnAll",
                   setup(FirelensType::fluentbit, {{"enable-ecs-log-metadata", "false"}}, {}, true),
                   "[INPUT]\n    Name forward\n    unix_path /var/run/fluent.sock\n\n"
                   "[INPUT]\n    Name forward\n    Listen 0.0.0.0\n    Port 24224\n\n"},
        ConfigCase{"FluentbitIncludesTheImagesFileBeforeOutputs",
                   setup(FirelensType::fluentbit,
                         {{"config-file-type", "file"},
                          {"config-file-value", "/extra.conf"},
                          {"enable-ecs-log-metadata", "false"}},
                         {{"app", {{"Name", "stdout"}}}}),
                   k_fluentbit_inputs + "@INCLUDE /extra.conf\n\n"
                                        "[OUTPUT]\n    Name stdout\n    Match app-firelens*\n\n"},
        ConfigCase{"FluentbitPatternsAreGrepFilters",
                   setup(FirelensType::fluentbit, {{"enable-ecs-log-metadata", "false"}},
                         {{"app",
                           {{"Name", "stdout"},
                            {"exclude-pattern", "^DEBUG"},
                            {"include-pattern", "^app"}}}}),
                   k_fluentbit_inputs +
                       "[FILTER]\n    Name grep\n    Match app-firelens*\n    Regex log ^app\n\n"
                       "[FILTER]\n    Name grep\n    Match app-firelens*\n    Exclude log "
                       "^DEBUG\n\n"
                       "[OUTPUT]\n    Name stdout\n    Match app-firelens*\n\n"},
        ConfigCase{
            "FluentbitOneOutputPerContainer",
            setup(FirelensType::fluentbit, {{"enable-ecs-log-metadata", "false"}},
                  {{"a", {{"Name", "stdout"}}}, {"b", {{"Name", "http"}, {"Host", "${Host_b}"}}}}),
            k_fluentbit_inputs +
                "[OUTPUT]\n    Name stdout\n    Match a-firelens*\n\n"
                "[OUTPUT]\n    Name http\n    Match b-firelens*\n    Host ${Host_b}\n\n"},
        ConfigCase{"FluentdOneOutput",
                   setup(FirelensType::fluentd, {},
                         {{"app", {{"@type", "cloudwatch_logs"}, {"region", "us-east-1"}}}}),
                   k_fluentd_inputs + k_fluentd_metadata +
                       "<match app-firelens*>\n    @type cloudwatch_logs\n    region us-east-1\n"
                       "</match>\n\n"},
        ConfigCase{"FluentdPatternsAndInclude",
                   setup(FirelensType::fluentd,
                         {{"config-file-type", "file"},
                          {"config-file-value", "/extra.conf"},
                          {"enable-ecs-log-metadata", "false"}},
                         {{"app", {{"@type", "stdout"}, {"include-pattern", "^app"}}}}),
                   k_fluentd_inputs +
                       "<filter app-firelens*>\n    @type grep\n    <regexp>\n        key log\n"
                       "        pattern ^app\n    </regexp>\n</filter>\n\n"
                       "@include /extra.conf\n\n"
                       "<match app-firelens*>\n    @type stdout\n</match>\n\n"}),
    [](const auto& info) { return std::string(info.param.name); });

// Table: what the agent refuses, and S3, which Berth does not serve.
struct RefusedCase {
    const char* name;
    Setup setup;
    const char* says;
};

class FirelensConfigRefused : public testing::TestWithParam<RefusedCase> {};

TEST_P(FirelensConfigRefused, StopsTheTaskWithResourceInitializationError) {
    try {
        config_text(GetParam().setup);
        FAIL() << "no error";
    } catch (const SpecError& e) {
        EXPECT_EQ(e.failure(), model::FailureClass::resource_initialization);
        EXPECT_NE(std::string(e.what()).find(GetParam().says), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FirelensConfigRefused,
    testing::Values(RefusedCase{"S3ConfigFile",
                                setup(FirelensType::fluentbit,
                                      {{"config-file-type", "s3"},
                                       {"config-file-value", "arn:aws:s3:::bucket/extra.conf"}},
                                      {}),
                                "Berth serves no S3"},
                    RefusedCase{"UnknownConfigFileType",
                                setup(FirelensType::fluentbit, {{"config-file-type", "http"}}, {}),
                                "unknown config-file-type http"},
                    RefusedCase{"FileWithoutPath",
                                setup(FirelensType::fluentd, {{"config-file-type", "file"}}, {}),
                                "without config-file-value"},
                    RefusedCase{
                        "FluentbitRouteWithoutName",
                        setup(FirelensType::fluentbit, {}, {{"app", {{"region", "us-east-1"}}}}),
                        "missing output option Name"},
                    // fluentd names its plugin with @type: a Name is an option like any other.
                    RefusedCase{"FluentdRouteWithoutType",
                                setup(FirelensType::fluentd, {}, {{"app", {{"Name", "stdout"}}}}),
                                "missing output option @type"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(FirelensNames, AreTheAgents) {
    EXPECT_EQ(log_tag("app", "abc"), "app-firelens-abc");
    EXPECT_EQ(secret_variable("apikey", "app"), "apikey_app");
    EXPECT_EQ(secret_placeholder(FirelensType::fluentbit, "apikey_app"), "${apikey_app}");
    EXPECT_EQ(secret_placeholder(FirelensType::fluentd, "apikey_app"), "\"#{ENV['apikey_app']}\"");
}

}  // namespace
}  // namespace berth::runtime::firelens

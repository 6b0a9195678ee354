#include "runtime/awslogs_options.hpp"

#include <gtest/gtest.h>

namespace berth::runtime {
namespace {

model::LogConfiguration awslogs(std::vector<model::NameValue> options) {
    return {"awslogs", std::move(options), {}};
}

std::string error_of(const model::LogConfiguration& c) {
    try {
        parse_awslogs_options(c);
    } catch (const AwsLogsOptionError& e) {
        return e.what();
    }
    return "";
}

TEST(AwsLogsOptions, ReadsEveryOptionTheDriverKnows) {
    auto o = parse_awslogs_options(awslogs({{"awslogs-group", "/ecs/web"},
                                            {"awslogs-region", "eu-west-1"},
                                            {"awslogs-stream-prefix", "ecs"},
                                            {"awslogs-create-group", "true"},
                                            {"mode", "non-blocking"},
                                            {"max-buffer-size", "25m"},
                                            {"awslogs-force-flush-interval-seconds", "2"}}));
    EXPECT_EQ(o.group, "/ecs/web");
    EXPECT_EQ(o.region, "eu-west-1");
    EXPECT_EQ(o.stream_prefix, "ecs");
    EXPECT_TRUE(o.create_group);
    EXPECT_TRUE(o.non_blocking);
    EXPECT_EQ(o.max_buffer_size, "25m");
    EXPECT_EQ(o.force_flush, std::chrono::seconds(2));
}

TEST(AwsLogsOptions, RefusesWhatTheDockerDriverRefuses) {
    EXPECT_EQ(error_of(awslogs({{"awslogs-region", "us-east-1"}})),
              "must specify a value for log opt 'awslogs-group'");
    EXPECT_EQ(error_of(awslogs({{"awslogs-group", "g"}, {"awslogs-colour", "blue"}})),
              "unknown log opt 'awslogs-colour' for awslogs log driver");
    EXPECT_EQ(error_of(awslogs({{"awslogs-group", "g"}, {"awslogs-create-group", "yes"}})),
              "invalid value 'yes' for log opt 'awslogs-create-group'");
    EXPECT_EQ(error_of(awslogs({{"awslogs-group", "g"}, {"mode", "eventually"}})),
              "invalid value 'eventually' for log opt 'mode'");
    EXPECT_EQ(error_of(awslogs({{"awslogs-group", "g"}, {"max-buffer-size", "lots"}})),
              "invalid value 'lots' for log opt 'max-buffer-size'");
    EXPECT_NE(error_of(awslogs({{"awslogs-group", "g"},
                                {"awslogs-datetime-format", "%Y"},
                                {"awslogs-multiline-pattern", "^x"}})),
              "");
    EXPECT_NE(error_of(awslogs({{"awslogs-group", "g"}, {"awslogs-multiline-pattern", "(["}})), "");
    EXPECT_EQ(error_of(awslogs({{"awslogs-group", "g"}, {"awslogs-create-group", "False"}})), "");
}

TEST(AwsLogsOptions, StreamNameIsPrefixContainerTaskOrTheDockerId) {
    AwsLogsOptions o;
    o.group = "g";
    o.stream_prefix = "ecs";
    EXPECT_EQ(awslogs_stream_name(o, "web", "0123abcd", "f00d"), "ecs/web/0123abcd");
    o.stream_prefix.clear();
    EXPECT_EQ(awslogs_stream_name(o, "web", "0123abcd", "f00d"), "f00d");
    o.stream = "mine";
    EXPECT_EQ(awslogs_stream_name(o, "web", "0123abcd", "f00d"), "mine");
}

TEST(AwsLogsOptions, RegionNamesAnotherPartitionOfTheSameAccount) {
    const model::PartitionKey task{"000000000000", "us-east-1"};
    AwsLogsOptions o;
    EXPECT_EQ(awslogs_partition(o, task), task);
    o.region = "eu-west-1";
    EXPECT_EQ(awslogs_partition(o, task), (model::PartitionKey{"000000000000", "eu-west-1"}));
}

TEST(AwsLogsOptions, DatetimeFormatBecomesAnAnchoredRegex) {
    const std::regex re(datetime_regex("[%Y-%m-%d %H:%M:%S]"));
    EXPECT_TRUE(std::regex_search("[2026-12-02 01:13:28] started", re));
    EXPECT_FALSE(std::regex_search("  at [2026-12-02 01:13:28]", re));
    EXPECT_FALSE(std::regex_search("[2026-13-02 01:13:28]", re));
    EXPECT_TRUE(std::regex_search("Dec 02 x", std::regex(datetime_regex("%b %d"))));
    EXPECT_EQ(datetime_regex("100%% a.b"), "^100% a\\.b");
}

TEST(AwsLogsOptions, EventStartPatternOnlyWithAJoiningOption) {
    AwsLogsOptions o;
    EXPECT_FALSE(event_start_pattern(o));
    o.multiline_pattern = "INFO";
    auto re = event_start_pattern(o);
    ASSERT_TRUE(re);
    EXPECT_TRUE(std::regex_search("2026 INFO go", *re));  // anywhere in the line, as Docker
}

}  // namespace
}  // namespace berth::runtime

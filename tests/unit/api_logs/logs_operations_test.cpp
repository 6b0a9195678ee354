// The Logs operations driven as a client drives them: JSON through the JsonService (model
// validation in, strict output shapes out) against a real LogStore with a controlled clock.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "berth/api/logs/logs_api.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::logs {
namespace {

using nlohmann::json;

constexpr std::int64_t k_now = 1'800'000'000'000;
constexpr std::int64_t k_day = 24LL * 3600 * 1000;

class LogsTest : public ::testing::Test {
  protected:
    LogsTest() { service_->set_strict_output(true); }

    json call(const std::string& op, const json& body,
              const protocol::RequestContext& ctx = {"111111111111", "us-east-1", "AKID", "r"}) {
        return service_->invoke(op, ctx, body.dump());
    }
    std::string error(const std::string& op, const json& body) {
        try {
            call(op, body);
        } catch (const protocol::AwsError& e) {
            return e.type() + ": " + e.what();
        }
        return "none";
    }
    void put(const std::string& stream, std::vector<std::pair<std::int64_t, std::string>> events) {
        json list = json::array();
        for (auto& [t, m] : events) list.push_back({{"timestamp", t}, {"message", m}});
        call("PutLogEvents",
             {{"logGroupName", "g"}, {"logStreamName", stream}, {"logEvents", list}});
    }

    std::int64_t now_ = k_now;
    model::LogStore store_{
        1000, {.max_bytes = 0, .now_ms = [this] { return now_; }, .on_first_eviction = {}}};
    std::unique_ptr<protocol::JsonService> service_ = make_logs_service({store_});
};

TEST_F(LogsTest, GroupsAreCreatedOnceAndDescribedWithBothArns) {
    call("CreateLogGroup", {{"logGroupName", "/ecs/app"}, {"tags", {{"team", "a"}}}});
    EXPECT_EQ(error("CreateLogGroup", {{"logGroupName", "/ecs/app"}}),
              "ResourceAlreadyExistsException: The specified log group already exists");
    call("CreateLogGroup", {{"logGroupName", "/ecs/web"}});
    call("CreateLogGroup", {{"logGroupName", "other"}});
    auto out = call("DescribeLogGroups", {{"logGroupNamePrefix", "/ecs/"}, {"limit", 1}});
    ASSERT_EQ(out["logGroups"].size(), 1u);
    const auto& g = out["logGroups"][0];
    EXPECT_EQ(g["logGroupName"], "/ecs/app");
    EXPECT_EQ(g["arn"], "arn:aws:logs:us-east-1:111111111111:log-group:/ecs/app:*");
    EXPECT_EQ(g["logGroupArn"], "arn:aws:logs:us-east-1:111111111111:log-group:/ecs/app");
    EXPECT_EQ(g["creationTime"], k_now);
    out = call("DescribeLogGroups",
               {{"logGroupNamePrefix", "/ecs/"}, {"nextToken", out["nextToken"]}});
    ASSERT_EQ(out["logGroups"].size(), 1u);
    EXPECT_EQ(out["logGroups"][0]["logGroupName"], "/ecs/web");
    EXPECT_FALSE(out.contains("nextToken"));
    EXPECT_EQ(call("DescribeLogGroups", {{"logGroupNamePattern", "WE"}})["logGroups"].size(), 1u);
    EXPECT_EQ(call("DescribeLogGroups", json::object(),
                   {"222222222222", "us-east-1", "AKID", "r"})["logGroups"]
                  .size(),
              0u);
    call("DeleteLogGroup", {{"logGroupName", "other"}});
    EXPECT_EQ(error("DeleteLogGroup", {{"logGroupName", "other"}}),
              "ResourceNotFoundException: The specified log group does not exist.");
}

TEST_F(LogsTest, StreamsOrderByNameOrLastEventTime) {
    call("CreateLogGroup", {{"logGroupName", "g"}});
    for (const char* s : {"a", "b", "c"})
        call("CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", s}});
    EXPECT_EQ(error("CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", "a"}}),
              "ResourceAlreadyExistsException: The specified log stream already exists");
    put("a", {{k_now - 10, "x"}});
    put("c", {{k_now - 20, "x"}, {k_now - 5, "yy"}});
    auto out = call(
        "DescribeLogStreams",
        {{"logGroupName", "g"}, {"orderBy", "LastEventTime"}, {"descending", true}, {"limit", 2}});
    ASSERT_EQ(out["logStreams"].size(), 2u);
    EXPECT_EQ(out["logStreams"][0]["logStreamName"], "c");
    EXPECT_EQ(out["logStreams"][0]["firstEventTimestamp"], k_now - 20);
    EXPECT_EQ(out["logStreams"][0]["lastEventTimestamp"], k_now - 5);
    EXPECT_EQ(out["logStreams"][0]["lastIngestionTime"], k_now);
    EXPECT_EQ(out["logStreams"][0]["storedBytes"], 3);
    EXPECT_EQ(out["logStreams"][1]["logStreamName"], "a");
    out = call("DescribeLogStreams", {{"logGroupName", "g"},
                                      {"orderBy", "LastEventTime"},
                                      {"descending", true},
                                      {"nextToken", out["nextToken"]}});
    ASSERT_EQ(out["logStreams"].size(), 1u);
    EXPECT_EQ(out["logStreams"][0]["logStreamName"], "b");
    EXPECT_FALSE(out["logStreams"][0].contains("lastEventTimestamp"));
    out = call("DescribeLogStreams",
               {{"logGroupIdentifier", "arn:aws:logs:us-east-1:111111111111:log-group:g"},
                {"logStreamNamePrefix", "b"}});
    ASSERT_EQ(out["logStreams"].size(), 1u);
    EXPECT_EQ(
        error("DescribeLogStreams",
              {{"logGroupName", "g"}, {"orderBy", "LastEventTime"}, {"logStreamNamePrefix", "a"}})
            .substr(0, 25),
        "InvalidParameterException");
    EXPECT_EQ(error("DescribeLogStreams", {{"logGroupName", "nope"}}),
              "ResourceNotFoundException: The specified log group does not exist.");
}

TEST_F(LogsTest, PutLogEventsReportsRejectedEventsAndStoresTheRest) {
    call("CreateLogGroup", {{"logGroupName", "g"}});
    call("CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", "s"}});
    auto batch = [&](std::vector<std::pair<std::int64_t, std::string>> events) {
        json list = json::array();
        for (auto& [t, m] : events) list.push_back({{"timestamp", t}, {"message", m}});
        return call("PutLogEvents", {{"logGroupName", "g"},
                                     {"logStreamName", "s"},
                                     {"sequenceToken", "ignored"},
                                     {"logEvents", list}});
    };
    EXPECT_EQ(batch({{k_now - 15 * k_day, "old"}})["rejectedLogEventsInfo"],
              (json{{"tooOldLogEventEndIndex", 1}}));
    EXPECT_EQ(batch({{k_now, "ok"}, {k_now + 3 * 3600 * 1000, "new"}})["rejectedLogEventsInfo"],
              (json{{"tooNewLogEventStartIndex", 1}}));
    EXPECT_FALSE(batch({{k_now, "fine"}}).contains("rejectedLogEventsInfo"));
    auto events = call("GetLogEvents", {{"logGroupName", "g"}, {"logStreamName", "s"}})["events"];
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0]["message"], "ok");
    EXPECT_EQ(events[0]["ingestionTime"], k_now);
    EXPECT_EQ(error("PutLogEvents", {{"logGroupName", "g"},
                                     {"logStreamName", "nope"},
                                     {"logEvents", {{{"timestamp", k_now}, {"message", "m"}}}}}),
              "ResourceNotFoundException: The specified log stream does not exist.");
    EXPECT_EQ(error("PutLogEvents",
                    {{"logGroupName", "g"}, {"logStreamName", "s"}, {"logEvents", json::array()}})
                  .substr(0, 25),
              "InvalidParameterException");  // the model's min 1
}

TEST_F(LogsTest, GetLogEventsTokensEndOnTheSameToken) {
    call("CreateLogGroup", {{"logGroupName", "g"}});
    call("CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", "s"}});
    put("s", {{k_now - 3, "1"}, {k_now - 2, "2"}, {k_now - 1, "3"}});
    json request{
        {"logGroupName", "g"}, {"logStreamName", "s"}, {"startFromHead", true}, {"limit", 2}};
    std::vector<std::string> seen;
    for (int guard = 0; guard < 10; ++guard) {
        auto out = call("GetLogEvents", request);
        for (auto& e : out["events"]) seen.push_back(e["message"]);
        if (request.contains("nextToken") && out["nextForwardToken"] == request["nextToken"]) break;
        request["nextToken"] = out["nextForwardToken"];
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"1", "2", "3"}));
    EXPECT_EQ(error("GetLogEvents",
                    {{"logGroupName", "g"}, {"logStreamName", "s"}, {"nextToken", "garbage"}}),
              "InvalidParameterException: The specified nextToken is invalid.");
}

TEST_F(LogsTest, FilterLogEventsInterleavesStreamsAndPages) {
    call("CreateLogGroup", {{"logGroupName", "g"}});
    for (const char* s : {"a", "b", "other"})
        call("CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", s}});
    put("a", {{k_now - 6, "ERROR one"}, {k_now - 3, "INFO two"}, {k_now - 1, "ERROR three"}});
    put("b", {{k_now - 5, "ERROR four"}, {k_now - 2, "ERROR five"}});
    put("other", {{k_now - 4, "ERROR six"}});
    json request{{"logGroupName", "g"},
                 {"logStreamNames", {"a", "b"}},
                 {"filterPattern", "ERROR"},
                 {"limit", 2}};
    std::vector<std::string> seen;
    for (int guard = 0; guard < 10; ++guard) {
        auto out = call("FilterLogEvents", request);
        for (auto& e : out["events"])
            seen.push_back(e["logStreamName"].get<std::string>() + ":" +
                           e["message"].get<std::string>());
        if (!out.contains("nextToken")) break;
        request["nextToken"] = out["nextToken"];
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"a:ERROR one", "b:ERROR four", "b:ERROR five",
                                              "a:ERROR three"}));
    auto out = call("FilterLogEvents", {{"logGroupName", "g"},
                                        {"logStreamNamePrefix", "o"},
                                        {"startTime", k_now - 4},
                                        {"endTime", k_now}});
    ASSERT_EQ(out["events"].size(), 1u);
    EXPECT_EQ(out["events"][0]["message"], "ERROR six");
    EXPECT_EQ(error("FilterLogEvents", {{"logGroupName", "g"}, {"filterPattern", "{ $.x = }"}})
                  .substr(0, 25),
              "InvalidParameterException");
}

TEST_F(LogsTest, RetentionHidesAndDropsOldEvents) {
    call("CreateLogGroup", {{"logGroupName", "g"}});
    call("CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", "s"}});
    put("s", {{k_now - 2 * k_day, "older"}});
    put("s", {{k_now, "newer"}});
    EXPECT_EQ(
        error("PutRetentionPolicy", {{"logGroupName", "g"}, {"retentionInDays", 2}}).substr(0, 25),
        "InvalidParameterException");
    call("PutRetentionPolicy", {{"logGroupName", "g"}, {"retentionInDays", 1}});
    EXPECT_EQ(call("DescribeLogGroups", json::object())["logGroups"][0]["retentionInDays"], 1);
    EXPECT_EQ(call("FilterLogEvents", {{"logGroupName", "g"}})["events"].size(), 1u);
    now_ += 2 * k_day;  // now "newer" has expired too, before any trim
    EXPECT_EQ(
        call("GetLogEvents", {{"logGroupName", "g"}, {"logStreamName", "s"}})["events"].size(), 0u);
    call("DeleteRetentionPolicy", {{"logGroupName", "g"}});
    EXPECT_FALSE(
        call("DescribeLogGroups", json::object())["logGroups"][0].contains("retentionInDays"));
}

TEST_F(LogsTest, TagsByArnAndByName) {
    call("CreateLogGroup", {{"logGroupName", "g"}});
    const std::string arn = "arn:aws:logs:us-east-1:111111111111:log-group:g";
    call("TagResource", {{"resourceArn", arn}, {"tags", {{"a", "1"}, {"b", "2"}}}});
    call("UntagLogGroup", {{"logGroupName", "g"}, {"tags", {"b"}}});
    call("TagLogGroup", {{"logGroupName", "g"}, {"tags", {{"c", "3"}}}});
    EXPECT_EQ(call("ListTagsForResource", {{"resourceArn", arn}})["tags"],
              (json{{"a", "1"}, {"c", "3"}}));
    call("UntagResource", {{"resourceArn", arn}, {"tagKeys", {"a"}}});
    EXPECT_EQ(call("ListTagsLogGroup", {{"logGroupName", "g"}})["tags"], (json{{"c", "3"}}));
    EXPECT_EQ(error("ListTagsForResource",
                    {{"resourceArn", "arn:aws:logs:eu-west-1:111111111111:log-group:g"}}),
              "ResourceNotFoundException: The specified log group does not exist.");
    EXPECT_EQ(error("ListTagsForResource",
                    {{"resourceArn", "arn:aws:ecs:us-east-1:111111111111:cluster/x"}})
                  .substr(0, 25),
              "InvalidParameterException");
}

}  // namespace
}  // namespace berth::api::logs

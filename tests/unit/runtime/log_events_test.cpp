#include "runtime/log_events.hpp"

#include <gtest/gtest.h>

namespace berth::runtime {
namespace {

using docker::LogFrame;
using docker::LogStream;

// 2026-12-02T01:13:28Z
constexpr std::int64_t k_t0 = 1'796'174'008'000;

LogFrame out(std::string text) {
    return {LogStream::out, std::move(text)};
}

std::vector<std::string> messages(const std::vector<model::LogEvent>& events) {
    std::vector<std::string> m;
    for (const auto& e : events) m.push_back(e.message);
    return m;
}

TEST(Rfc3339, ParsesTheEnginesTimestamps) {
    EXPECT_EQ(parse_rfc3339_ms("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(parse_rfc3339_ms("2026-12-02T01:13:28Z"), k_t0);
    EXPECT_EQ(parse_rfc3339_ms("2026-12-02T01:13:28.123456789Z"), k_t0 + 123);
    EXPECT_EQ(parse_rfc3339_ms("2026-12-02T01:13:28.5Z"), k_t0 + 500);
    EXPECT_EQ(parse_rfc3339_ms("2026-12-02T02:13:28+01:00"), k_t0);
    EXPECT_EQ(parse_rfc3339_ms("2000-02-29T00:00:00Z"), 951'782'400'000);
    EXPECT_FALSE(parse_rfc3339_ms("hello"));
    EXPECT_FALSE(parse_rfc3339_ms("2026-12-02 01:13:28Z"));
    EXPECT_FALSE(parse_rfc3339_ms("2026-12-02T01:13:28"));
    EXPECT_FALSE(parse_rfc3339_ms("2026-12-02T01:13:28.Z"));
}

TEST(EventAssembler, EachLineIsAnEventStampedByTheEngine) {
    EventAssembler a;
    std::vector<model::LogEvent> events;
    a.add(out("2026-12-02T01:13:28.001Z one\n"), events);
    a.add({LogStream::err, "2026-12-02T01:13:28.002Z two\r\n"}, events);
    a.add(out("2026-12-02T01:13:28.003Z \n"), events);  // empty: CloudWatch has no such event
    a.add(out("2026-12-02T01:13:28.004Z  three has spaces \n"), events);
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(messages(events), (std::vector<std::string>{"one", "two", " three has spaces "}));
    EXPECT_EQ(events[0].timestamp_ms, k_t0 + 1);
    EXPECT_EQ(events[1].timestamp_ms, k_t0 + 2);
}

TEST(EventAssembler, PartialFramesOfALongLineAreJoinedPerStream) {
    EventAssembler a;
    std::vector<model::LogEvent> events;
    a.add(out("2026-12-02T01:13:28.001Z aaa"), events);
    a.add({LogStream::err, "2026-12-02T01:13:28.002Z err\n"}, events);
    a.add(out("2026-12-02T01:13:28.003Z bbb\n"), events);
    EXPECT_EQ(messages(events), (std::vector<std::string>{"err", "aaabbb"}));
    EXPECT_EQ(events[1].timestamp_ms, k_t0 + 1);
}

TEST(EventAssembler, ARawStreamWithoutTimestampsStillMakesEvents) {
    EventAssembler a;
    std::vector<model::LogEvent> events;
    a.add(out("2026-12-02T01:13:28.001Z he"), events);
    a.add(out("llo\n"), events);
    a.add(out("no stamp\n"), events);
    EXPECT_EQ(messages(events), (std::vector<std::string>{"hello", "no stamp"}));
    EXPECT_EQ(events[1].timestamp_ms, k_t0 + 1);  // the last time the engine gave
}

TEST(EventAssembler, TheEndOfTheStreamReleasesALastLineWithoutNewline) {
    EventAssembler a;
    std::vector<model::LogEvent> events;
    a.add(out("2026-12-02T01:13:28.001Z bye"), events);
    EXPECT_TRUE(events.empty());
    a.finish(events);
    EXPECT_EQ(messages(events), (std::vector<std::string>{"bye"}));
}

TEST(EventAssembler, AMatchingLineStartsANewEventTheOthersJoinIt) {
    EventAssembler a(std::regex("^INFO"));
    std::vector<model::LogEvent> events;
    for (auto line : {"INFO one", "  at a", "  at b", "INFO two", "INFO three", "  x"}) {
        a.add(out(std::string("2026-12-02T01:13:28.001Z ") + line + "\n"), events);
    }
    EXPECT_EQ(messages(events),
              (std::vector<std::string>{"INFO one\n  at a\n  at b\n", "INFO two\n"}));
    a.finish(events);
    EXPECT_EQ(messages(events).back(), "INFO three\n  x\n");
}

TEST(EventAssembler, AHeldEventGoesOutAfterTheForceFlushInterval) {
    EventAssembler a(std::regex("^INFO"), std::chrono::seconds(5));
    std::vector<model::LogEvent> events;
    a.add(out("2026-12-02T01:13:28Z INFO one\n"), events);
    a.flush_stale(k_t0 + 4'999, events);
    EXPECT_TRUE(events.empty());
    a.flush_stale(k_t0 + 5'000, events);
    EXPECT_EQ(messages(events), (std::vector<std::string>{"INFO one\n"}));
    a.finish(events);
    EXPECT_EQ(events.size(), 1u);
}

TEST(EventAssembler, AnEventPastCloudWatchsLimitIsCut) {
    EventAssembler a;
    std::vector<model::LogEvent> events;
    a.add(out("2026-12-02T01:13:28Z " + std::string(k_max_event_bytes + 10, 'x') + "\n"), events);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].message.size(), k_max_event_bytes);
    EXPECT_EQ(events[1].message.size(), 10u);
}

}  // namespace
}  // namespace berth::runtime

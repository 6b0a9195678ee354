#include "docker/log_stamp.hpp"

#include <gtest/gtest.h>

namespace berth::docker {
namespace {

TEST(LogStamp, ReadsTheEnginesRfc3339NanoStamp) {
    auto s = leading_stamp("2026-12-03T14:33:58.596276792Z one\n");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->epoch_seconds, 1'796'308'438);
    EXPECT_EQ(s->nanos, 596'276'792);
}

TEST(LogStamp, TrailingZerosTheEngineTrimsArePutBack) {
    auto s = leading_stamp("2026-12-03T14:33:58.5Z x");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->nanos, 500'000'000);
    auto whole = leading_stamp("2026-12-03T14:33:58Z x");
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->nanos, 0);
    EXPECT_LT(*whole, *s);
}

TEST(LogStamp, TextWithoutAStampHasNone) {
    EXPECT_FALSE(leading_stamp("three"));
    EXPECT_FALSE(leading_stamp("hello world"));
    EXPECT_FALSE(leading_stamp("2026-12-03T14:33:58.Z x"));
    EXPECT_FALSE(leading_stamp("2026-12-03T14:33:58.1+01:00 x"));
    EXPECT_FALSE(leading_stamp("2026-13-03T14:33:58.1Z x"));
}

TEST(LogStamp, LinesAreCutAfterEachNewlineAndKeepAPartialEnd) {
    std::vector<LogFrame> out;
    append_lines(LogStream::err, "a\nbc\n\nd", out);
    ASSERT_EQ(out.size(), 4u);
    EXPECT_EQ(out[0].text, "a\n");
    EXPECT_EQ(out[1].text, "bc\n");
    EXPECT_EQ(out[2].text, "\n");
    EXPECT_EQ(out[3].text, "d");
    EXPECT_EQ(out[3].stream, LogStream::err);
}

TEST(LogStamp, FramesAfterTheLastSeenEntryKeepTheirUnstampedPieces) {
    const std::vector<LogFrame> frames{
        {LogStream::out, "2026-12-03T14:33:58.1Z one\n"},
        {LogStream::out, "2026-12-03T14:33:58.2Z two\n"},
        {LogStream::out, "continued\n"},  // an entry's piece without a stamp of its own
        {LogStream::err, "2026-12-03T14:33:58.25Z oops\n"},
        {LogStream::out, "2026-12-03T14:33:59Z three"},
    };
    auto last = leading_stamp(frames[1].text);
    ASSERT_TRUE(last);
    auto later = frames_after(frames, *last);
    ASSERT_EQ(later.size(), 2u);
    EXPECT_EQ(later[0].text, frames[3].text);
    EXPECT_EQ(later[1].text, frames[4].text);
    EXPECT_EQ(frames_after(frames, LogStamp{}).size(), frames.size());
    EXPECT_TRUE(frames_after(frames, *leading_stamp(frames[4].text)).empty());
}

}  // namespace
}  // namespace berth::docker

#include "docker/log_demux.hpp"

#include <gtest/gtest.h>

#include "berth/docker/error.hpp"

namespace berth::docker {
namespace {

std::string frame(std::uint8_t stream, const std::string& payload) {
    std::string out(8, '\0');
    out[0] = static_cast<char>(stream);
    const auto n = static_cast<std::uint32_t>(payload.size());
    out[4] = static_cast<char>(n >> 24);
    out[5] = static_cast<char>(n >> 16);
    out[6] = static_cast<char>(n >> 8);
    out[7] = static_cast<char>(n);
    return out + payload;
}

TEST(LogDemux, SeparatesStdoutAndStderrInOrder) {
    const auto body = frame(1, "hello\n") + frame(2, "oops\n") + frame(1, "bye\n");
    const auto frames = demultiplex(body);
    ASSERT_EQ(frames.size(), 3u);
    EXPECT_EQ(frames[0].stream, LogStream::out);
    EXPECT_EQ(frames[0].text, "hello\n");
    EXPECT_EQ(frames[1].stream, LogStream::err);
    EXPECT_EQ(frames[1].text, "oops\n");
    EXPECT_EQ(frames[2].text, "bye\n");

    const LogOutput output{frames};
    EXPECT_EQ(output.stdout_text(), "hello\nbye\n");
    EXPECT_EQ(output.stderr_text(), "oops\n");
}

TEST(LogDemux, ReassemblesFramesSplitAcrossChunksAtEveryOffset) {
    const auto body = frame(1, "first line\n") + frame(2, std::string(300, 'x')) + frame(1, "");
    for (std::size_t cut = 0; cut <= body.size(); ++cut) {
        LogDemuxer demuxer;
        std::vector<LogFrame> frames;
        demuxer.feed(std::string_view(body).substr(0, cut), frames);
        demuxer.feed(std::string_view(body).substr(cut), frames);
        ASSERT_EQ(frames.size(), 3u) << "cut at " << cut;
        EXPECT_EQ(frames[0].text, "first line\n");
        EXPECT_EQ(frames[1].text, std::string(300, 'x'));
        EXPECT_EQ(frames[2].text, "");
        EXPECT_FALSE(demuxer.pending());
    }
}

TEST(LogDemux, ByteAtATime) {
    const auto body = frame(2, "abc") + frame(1, "de");
    LogDemuxer demuxer;
    std::vector<LogFrame> frames;
    for (char c : body) demuxer.feed(std::string_view(&c, 1), frames);
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_EQ(frames[0].stream, LogStream::err);
    EXPECT_EQ(frames[0].text, "abc");
    EXPECT_EQ(frames[1].text, "de");
}

TEST(LogDemux, LargeFrameSizeUsesAllFourLengthBytes) {
    const std::string payload(70'000, 'z');  // > 16 bits of length
    const auto frames = demultiplex(frame(1, payload));
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].text.size(), payload.size());
}

TEST(LogDemux, TruncatedBodyIsAnError) {
    const auto body = frame(1, "complete") + frame(1, "cut short").substr(0, 12);
    EXPECT_THROW(demultiplex(body), DockerError);
}

TEST(LogDemux, UnknownStreamIdIsAnError) {
    EXPECT_THROW(demultiplex(frame(7, "??")), DockerError);
}

TEST(LogDemux, EmptyBodyHasNoFrames) {
    EXPECT_TRUE(demultiplex("").empty());
}

}  // namespace
}  // namespace berth::docker

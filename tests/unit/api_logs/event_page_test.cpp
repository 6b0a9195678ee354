#include "api/logs/event_page.hpp"

#include <gtest/gtest.h>

#include "berth/protocol/aws_error.hpp"

namespace berth::api::logs {
namespace {

std::deque<model::StoredLogEvent> stream_of(int n) {
    std::deque<model::StoredLogEvent> out;
    for (int i = 0; i < n; ++i) {
        out.push_back(
            {1000 + i / 2, 1, static_cast<std::uint64_t>(i + 1), "e" + std::to_string(i)});
    }
    return out;
}

// Follows tokens in one direction until the same token comes back, as the CLI does.
std::vector<std::size_t> walk(const std::deque<model::StoredLogEvent>& events, EventPageRequest r) {
    std::vector<std::size_t> seen;
    for (int guard = 0; guard < 100; ++guard) {
        const auto page = event_page(events, r);
        for (auto i = page.begin; i < page.end; ++i) seen.push_back(i);
        const auto next =
            r.from_head || (r.token && r.token->forward) ? page.forward : page.backward;
        if (r.token && next == *r.token) return seen;
        r.token = next;
    }
    ADD_FAILURE() << "the walk never ended";
    return seen;
}

TEST(EventPage, TokensRoundTripAndBadOnesAreRefused) {
    const StreamToken t{false, {1700000000123, 42}};
    EXPECT_EQ(decode_token(encode_token(t)), t);
    EXPECT_EQ(encode_token({true, {5, 6}}).substr(0, 2), "f/");
    for (const char* bad : {"", "x/1", "f/123", "f/99999999999999999990000000000000000000001"}) {
        EXPECT_THROW(decode_token(bad), protocol::AwsError) << bad;
    }
}

TEST(EventPage, ForwardFromHeadVisitsEveryEventOnceThenRepeatsTheToken) {
    const auto events = stream_of(7);
    EventPageRequest r;
    r.from_head = true;
    r.limit = 3;
    EXPECT_EQ(walk(events, r), (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6}));
}

TEST(EventPage, WithoutATokenTheNewestComeFirstAndBackwardReachesTheStart) {
    const auto events = stream_of(7);
    EventPageRequest r;
    r.limit = 3;
    const auto first = event_page(events, r);
    EXPECT_EQ(first.begin, 4u);
    EXPECT_EQ(first.end, 7u);
    r.token = first.backward;
    EXPECT_EQ(walk(events, r), (std::vector<std::size_t>{1, 2, 3, 0}));
}

TEST(EventPage, TimeRangeIsStartInclusiveEndExclusive) {
    const auto events = stream_of(8);  // timestamps 1000,1000,1001,1001,...
    EventPageRequest r;
    r.from_head = true;
    r.start_ms = 1001;
    r.end_ms = 1003;
    const auto page = event_page(events, r);
    EXPECT_EQ(page.begin, 2u);
    EXPECT_EQ(page.end, 6u);
}

TEST(EventPage, AForwardTokenSeesEventsAppendedLater) {
    auto events = stream_of(2);
    EventPageRequest r;
    r.from_head = true;
    auto page = event_page(events, r);
    r.token = page.forward;
    EXPECT_EQ(event_page(events, r).forward, page.forward);  // nothing new: same token
    events.push_back({2000, 1, 3, "late"});
    page = event_page(events, r);
    EXPECT_EQ(page.begin, 2u);
    EXPECT_EQ(page.end, 3u);
}

TEST(EventPage, AnEmptyStreamGivesTokensThatEndAtOnce) {
    const std::deque<model::StoredLogEvent> none;
    EventPageRequest r;
    r.from_head = true;
    EXPECT_TRUE(walk(none, r).empty());
}

TEST(EventPage, PagesStopAtTheByteLimit) {
    const auto events = stream_of(10);
    EventPageRequest r;
    r.from_head = true;
    r.max_bytes = 3 * (2 + 26);  // three of the two-byte messages
    const auto page = event_page(events, r);
    EXPECT_EQ(page.end - page.begin, 3u);
}

}  // namespace
}  // namespace berth::api::logs

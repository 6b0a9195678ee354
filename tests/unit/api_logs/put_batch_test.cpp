#include "api/logs/put_batch.hpp"

#include <gtest/gtest.h>

#include "berth/protocol/aws_error.hpp"

namespace berth::api::logs {
namespace {

constexpr std::int64_t k_now = 1'800'000'000'000;
constexpr std::int64_t k_day = 24 * k_hour_ms;
constexpr std::int64_t k_no_retention = std::numeric_limits<std::int64_t>::min();

std::vector<model::LogEvent> at(std::initializer_list<std::int64_t> times) {
    std::vector<model::LogEvent> out;
    for (auto t : times) out.push_back({t, "m"});
    return out;
}

TEST(PutBatch, KeepsAnOrdinaryBatchWhole) {
    const auto v = check_batch(at({k_now - 5, k_now}), k_now, k_no_retention);
    EXPECT_EQ(v.kept_begin, 0u);
    EXPECT_EQ(v.kept_end, 2u);
    EXPECT_FALSE(v.any_rejected());
}

// A batch spans at most 24 hours, so each case is its own batch.
TEST(PutBatch, RejectsTooOldThenExpiredAtTheStart) {
    const auto v = check_batch(at({k_now - 14 * k_day - 2 * k_hour_ms,
                                   k_now - 14 * k_day + k_hour_ms, k_now - 14 * k_day + 20 * k_hour_ms}),
                               k_now, k_now - 3 * k_day);
    EXPECT_EQ(v.too_old_end, std::optional<std::size_t>(1));  // exclusive
    EXPECT_EQ(v.expired_end, std::optional<std::size_t>(3));
    EXPECT_EQ(v.kept_begin, 3u);
    EXPECT_EQ(v.kept_end, 3u);
}

TEST(PutBatch, KeepsWhatRetentionStillHolds) {
    const auto v = check_batch(at({k_now - 3 * k_day - k_hour_ms, k_now - 3 * k_day + k_hour_ms}),
                               k_now, k_now - 3 * k_day);
    EXPECT_EQ(v.expired_end, std::optional<std::size_t>(1));
    EXPECT_FALSE(v.too_old_end);
    EXPECT_EQ(v.kept_begin, 1u);
    EXPECT_EQ(v.kept_end, 2u);
}

TEST(PutBatch, RejectsTooNewAtTheEnd) {
    const auto v =
        check_batch(at({k_now, k_now + k_hour_ms, k_now + 3 * k_hour_ms}), k_now, k_no_retention);
    EXPECT_EQ(v.too_new_start, std::optional<std::size_t>(2));  // inclusive
    EXPECT_EQ(v.kept_begin, 0u);
    EXPECT_EQ(v.kept_end, 2u);
}

TEST(PutBatch, EverythingTooNew) {
    const auto v = check_batch(at({k_now + 3 * k_hour_ms}), k_now, k_no_retention);
    EXPECT_EQ(v.kept_begin, v.kept_end);
    EXPECT_EQ(v.too_new_start, std::optional<std::size_t>(0));
}

TEST(PutBatch, RefusesWholeBatches) {
    EXPECT_THROW(check_batch(at({k_now, k_now - 1}), k_now, k_no_retention), protocol::AwsError);
    EXPECT_THROW(check_batch(at({k_now - 25 * k_hour_ms, k_now}), k_now, k_no_retention),
                 protocol::AwsError);
    std::vector<model::LogEvent> big(2, {k_now, std::string(k_max_batch_bytes / 2, 'x')});
    EXPECT_THROW(check_batch(big, k_now, k_no_retention), protocol::AwsError);  // + 26 each
    big.front().message.resize(k_max_batch_bytes / 2 - 2 * k_event_overhead_bytes);
    big.back().message.resize(k_max_batch_bytes / 2);
    EXPECT_NO_THROW(check_batch(big, k_now, k_no_retention));
}

}  // namespace
}  // namespace berth::api::logs

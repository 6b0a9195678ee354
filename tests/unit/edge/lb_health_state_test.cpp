// Target health as ELB's checks decide it: one pass makes a new target healthy, thresholds of
// consecutive failures and passes move it after that.
#include <gtest/gtest.h>

#include <vector>

#include "edge/lb/health_state.hpp"

namespace berth::edge::lb {
namespace {

constexpr CheckOutcome pass{CheckResult::passed};
constexpr CheckOutcome fail{CheckResult::failed};
constexpr CheckOutcome timeout{CheckResult::timed_out};
constexpr CheckOutcome code404{CheckResult::code_mismatch, 404};

HealthTrack run(const std::vector<CheckOutcome>& outcomes, HealthThresholds t = {3, 2}) {
    HealthTrack track;
    for (const auto& o : outcomes) track = advance(track, o, t);
    return track;
}

TEST(LbHealthState, NewTargetIsInitialUntilChecked) {
    HealthTrack track;
    EXPECT_EQ(track.verdict, Verdict::initial);
    EXPECT_EQ(reason_of(track).code, "Elb.RegistrationInProgress");
}

TEST(LbHealthState, OnePassMakesANewTargetHealthy) {
    auto track = run({pass});
    EXPECT_EQ(track.verdict, Verdict::healthy);
    EXPECT_TRUE(reason_of(track).code.empty());
    EXPECT_TRUE(reason_of(track).description.empty());
}

TEST(LbHealthState, FailuresBelowThresholdStayInitial) {
    auto track = run({fail});
    EXPECT_EQ(track.verdict, Verdict::initial);
    EXPECT_EQ(reason_of(track).code, "Elb.InitialHealthChecking");
    EXPECT_EQ(run({fail, fail}).verdict, Verdict::unhealthy);
}

TEST(LbHealthState, HealthyNeedsUnhealthyThresholdToFall) {
    EXPECT_EQ(run({pass, fail}).verdict, Verdict::healthy);
    EXPECT_EQ(run({pass, fail, pass, fail}).verdict, Verdict::healthy);  // not consecutive
    EXPECT_EQ(run({pass, fail, fail}).verdict, Verdict::unhealthy);
}

TEST(LbHealthState, UnhealthyNeedsHealthyThresholdToComeBack) {
    EXPECT_EQ(run({fail, fail, pass, pass}).verdict, Verdict::unhealthy);
    EXPECT_EQ(run({fail, fail, pass, pass, pass}).verdict, Verdict::healthy);
    EXPECT_EQ(run({fail, fail, pass, pass, fail, pass, pass}).verdict, Verdict::unhealthy);
}

TEST(LbHealthState, ReasonFollowsTheLastFailure) {
    auto track = run({code404, code404});
    EXPECT_EQ(reason_of(track).code, "Target.ResponseCodeMismatch");
    EXPECT_EQ(reason_of(track).description, "Health checks failed with these codes: [404]");
    EXPECT_EQ(reason_of(run({fail, timeout})).code, "Target.Timeout");
    EXPECT_EQ(reason_of(run({timeout, fail})).code, "Target.FailedHealthChecks");
}

}  // namespace
}  // namespace berth::edge::lb

#pragma once
// The health of one target as its checks decide it, as pure logic (the checker feeds it the
// outcome of each check; tests feed it tables).
//
// ELB's rules: a newly registered target is `initial` and becomes `healthy` on its first
// passing check; `UnhealthyThresholdCount` consecutive failures make a target (initial or
// healthy) `unhealthy`; `HealthyThresholdCount` consecutive passes bring an unhealthy one
// back. Draining and unused are the store's bookkeeping, not a check's verdict.
#include <cstdint>
#include <string>
#include <string_view>

namespace berth::edge::lb {

enum class CheckResult : std::uint8_t {
    passed,
    code_mismatch,  // an HTTP answer outside the matcher
    timed_out,      // no answer within the timeout
    failed,         // no connection, or not HTTP
};

struct CheckOutcome {
    CheckResult result = CheckResult::passed;
    int status = 0;  // the HTTP status, for code_mismatch
};

enum class Verdict : std::uint8_t { initial, healthy, unhealthy };

struct HealthThresholds {
    int healthy = 5;
    int unhealthy = 2;
};

struct HealthTrack {
    Verdict verdict = Verdict::initial;
    int passes = 0;    // consecutive, since the last failure
    int failures = 0;  // consecutive, since the last pass
    int checks = 0;    // all checks so far
    CheckOutcome last_failure{};
};

HealthTrack advance(HealthTrack track, const CheckOutcome& outcome, HealthThresholds thresholds);

// ELB's reason code and description for a track (both empty when healthy):
// Elb.RegistrationInProgress before any check, Elb.InitialHealthChecking after failures below
// the threshold, then Target.ResponseCodeMismatch / Target.Timeout / Target.FailedHealthChecks
// by the last failure.
struct HealthReason {
    std::string_view code;
    std::string description;
};
HealthReason reason_of(const HealthTrack& track);

}  // namespace berth::edge::lb

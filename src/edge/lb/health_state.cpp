#include "health_state.hpp"

namespace berth::edge::lb {

HealthTrack advance(HealthTrack track, const CheckOutcome& outcome, HealthThresholds thresholds) {
    ++track.checks;
    if (outcome.result == CheckResult::passed) {
        ++track.passes;
        track.failures = 0;
        bool back = track.verdict == Verdict::initial || track.passes >= thresholds.healthy;
        if (back) track.verdict = Verdict::healthy;
        return track;
    }
    ++track.failures;
    track.passes = 0;
    track.last_failure = outcome;
    if (track.failures >= thresholds.unhealthy) track.verdict = Verdict::unhealthy;
    return track;
}

HealthReason reason_of(const HealthTrack& track) {
    switch (track.verdict) {
        case Verdict::healthy:
            return {};
        case Verdict::initial:
            if (track.checks == 0) {
                return {"Elb.RegistrationInProgress", "Target registration is in progress"};
            }
            return {"Elb.InitialHealthChecking", "Initial health checks in progress"};
        case Verdict::unhealthy:
            break;
    }
    switch (track.last_failure.result) {
        case CheckResult::code_mismatch:
            return {"Target.ResponseCodeMismatch", "Health checks failed with these codes: [" +
                                                       std::to_string(track.last_failure.status) +
                                                       "]"};
        case CheckResult::timed_out:
            return {"Target.Timeout", "Request timed out"};
        case CheckResult::passed:
        case CheckResult::failed:
            break;
    }
    return {"Target.FailedHealthChecks", "Health checks failed"};
}

}  // namespace berth::edge::lb

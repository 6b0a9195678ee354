#include "health_checker.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>

#include "health_probe.hpp"

namespace berth::edge::lb {

namespace {

using model::TargetHealthState;

bool checked(TargetHealthState s) {
    return s != TargetHealthState::draining && s != TargetHealthState::unhealthy_draining &&
           s != TargetHealthState::unused;
}

// A target registered again is a new target: its key carries the registration time.
std::string slot_key(const model::PartitionKey& p, const model::TargetGroup& g,
                     const model::Target& t) {
    return p.account + "|" + p.region + "|" + g.arn + "|" + t.id + "|" + std::to_string(t.port) +
           "|" + std::to_string(t.registered_at.time_since_epoch().count());
}

ProbeSpec probe_spec(const model::TargetGroupHealthCheck& hc) {
    ProbeSpec spec;
    // Berth terminates no TLS: an HTTPS check is a TCP connection (docs/fidelity.md).
    spec.http = hc.protocol == model::ElbProtocol::http;
    if (!hc.path.empty()) spec.path = hc.path;
    if (!hc.matcher_http_code.empty()) spec.matcher = hc.matcher_http_code;
    spec.timeout = std::chrono::seconds(std::max(hc.timeout_seconds, 1));
    return spec;
}

}  // namespace

model::TargetHealth health_of(const HealthTrack& track) {
    auto state = track.verdict == Verdict::healthy     ? TargetHealthState::healthy
                 : track.verdict == Verdict::unhealthy ? TargetHealthState::unhealthy
                                                       : TargetHealthState::initial;
    auto reason = reason_of(track);
    model::TargetHealth health;
    health.state = state;
    health.reason = model::parse<model::TargetHealthReason>(reason.code);
    health.description = reason.description;
    return health;
}

HealthChecker::HealthChecker(asio::io_context& ioc, model::LoadBalancerStore& store, Router& router)
    : ioc_(ioc), store_(store), router_(router) {}

void HealthChecker::tick(const model::LoadBalancerSnapshot& snapshot) {
    auto now = std::chrono::steady_clock::now();
    std::vector<std::pair<Job, ProbeSpec>> due;
    {
        std::lock_guard lock(mutex_);
        for (auto& [key, slot] : slots_) slot.seen = false;
        for (const auto& [partition_key, partition] : snapshot.partitions) {
            for (const auto& [arn, group] : partition.target_groups) {
                const auto& hc = group.health_check;
                if (!hc.enabled || !partition.in_use(arn)) continue;
                for (const auto& target : group.targets) {
                    if (!checked(target.health.state)) continue;
                    auto key = slot_key(partition_key, group, target);
                    auto& slot = slots_[key];
                    slot.seen = true;
                    if (slot.in_flight || now < slot.next_at) continue;
                    slot.in_flight = true;
                    slot.next_at = now + std::chrono::seconds(std::max(hc.interval_seconds, 1));
                    Job job{partition_key, arn,
                            target.id,     key,
                            target.port,   router_.endpoint_of(group, target),
                            target.health, {hc.healthy_threshold, hc.unhealthy_threshold}};
                    if (hc.port) job.endpoint.port = static_cast<unsigned short>(*hc.port);
                    due.emplace_back(std::move(job), probe_spec(hc));
                }
            }
        }
        std::erase_if(slots_, [](const auto& entry) { return !entry.second.seen; });
    }
    for (auto& [job, spec] : due) {
        auto endpoint = job.endpoint;
        asio::co_spawn(asio::make_strand(ioc_), probe(endpoint, spec),
                       [this, job = std::move(job)](std::exception_ptr e, CheckOutcome outcome) {
                           if (e) outcome = CheckOutcome{CheckResult::failed};
                           run(job, outcome);
                       });
    }
}

void HealthChecker::run(Job job, CheckOutcome outcome) {
    model::TargetHealth health;
    {
        std::lock_guard lock(mutex_);
        auto it = slots_.find(job.key);
        if (it == slots_.end()) return;  // deregistered meanwhile
        it->second.in_flight = false;
        it->second.track = advance(it->second.track, outcome, job.thresholds);
        health = health_of(it->second.track);
    }
    if (health == job.current) return;
    store_.set_target_health(job.partition, job.group_arn, job.target_id, job.port, health.state,
                             health.reason, health.description);
}

}  // namespace berth::edge::lb

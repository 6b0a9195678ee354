// The service controller's loop: wake on a Store change, a due wakeup or the tick; snapshot;
// reconcile each partition that has services; apply each plan under one lock.
#include "berth/runtime/service_controller.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>

#include <spdlog/spdlog.h>

#include "berth/scheduler/apply.hpp"
#include "berth/scheduler/reconcile.hpp"
#include "service_controller_freshness.hpp"
#include "store_loop.hpp"

namespace berth::runtime {

namespace {

bool has_live_service(const model::Partition& p) {
    return std::any_of(p.services.begin(), p.services.end(), [](const auto& entry) {
        return entry.second.status != model::ServiceStatus::inactive;
    });
}

void earliest(std::optional<model::TimePoint>& into, const std::optional<model::TimePoint>& t) {
    if (t && (!into || *t < *into)) into = t;
}

}  // namespace

ApplyResult apply_plan(model::Store& store, const model::Partition& snapshot,
                       const scheduler::Plan& plan, model::TimePoint now,
                       const ServiceControllerOptions& options) {
    ApplyResult result;
    if (plan.empty()) return result;
    const auto services = services_in(plan);
    store.write(snapshot.key, [&](model::Partition& p) {
        const auto stale = stale_services(snapshot, p, services);
        result.stale_services.assign(stale.begin(), stale.end());
        auto applied =
            scheduler::apply(p, plan, now,
                             {.max_events = options.max_events,
                              .max_inactive_deployments = options.max_inactive_deployments,
                              .skip = &stale});
        result.started_task_arns = std::move(applied.started_task_arns);
        result.stopped_task_arns = std::move(applied.stopped_task_arns);
    });
    return result;
}

struct ServiceController::Impl {
    model::Store& store;
    ServiceControllerOptions options;
    std::mutex pass_mutex;  // one pass at a time: the loop's, or a caller's run_once
    std::atomic<std::uint64_t> passes{0};
    std::uint64_t seed = 0;  // guarded by pass_mutex
    // The loop's own state, touched only by its turns.
    std::uint64_t seen_version = std::numeric_limits<std::uint64_t>::max();  // first turn passes
    std::optional<model::TimePoint> due;
    std::chrono::steady_clock::time_point last_pass = std::chrono::steady_clock::now();
    StoreLoop loop;  // last: its thread reads the members above, so it is joined first

    Impl(model::Store& s, ServiceControllerOptions o)
        : store(s),
          options(std::move(o)),
          loop(s, "service controller", [this] { return turn(); }) {}

    std::optional<model::TimePoint> pass();
    void log(const model::Partition& p, const ApplyResult& result) const;
    std::chrono::milliseconds turn();
};

std::optional<model::TimePoint> ServiceController::Impl::pass() {
    std::lock_guard lock(pass_mutex);
    ++passes;
    const auto now = options.now();
    // Only partitions with services have anything to reconcile; copy just those.
    std::vector<model::Partition> partitions;
    store.read_all([&](const model::Partition& p) {
        if (has_live_service(p)) partitions.push_back(p);
    });
    std::optional<model::TimePoint> next;
    for (const auto& p : partitions) {
        try {
            auto plan = scheduler::reconcile(p, now, {.seed = ++seed});
            earliest(next, plan.next_wakeup);
            if (plan.empty()) continue;
            log(p, apply_plan(store, p, plan, now, options));
        } catch (const std::exception& e) {
            // One partition's failure must not stop the others, nor the loop.
            spdlog::error("services of {}/{}: {}", p.key.account, p.key.region, e.what());
        }
    }
    return next;
}

void ServiceController::Impl::log(const model::Partition& p, const ApplyResult& result) const {
    if (!result.started_task_arns.empty() || !result.stopped_task_arns.empty()) {
        spdlog::debug("services of {}/{}: started {} tasks, stopped {}", p.key.account,
                      p.key.region, result.started_task_arns.size(),
                      result.stopped_task_arns.size());
    }
    for (const auto& arn : result.stale_services) {
        spdlog::debug("service {} changed while planned; planning again", arn);
    }
}

std::chrono::milliseconds ServiceController::Impl::turn() {
    const auto version = store.version();
    const bool wakeup_due = due && options.now() >= *due;
    const bool overdue = std::chrono::steady_clock::now() - last_pass >= options.full_pass_every;
    if (version != seen_version || wakeup_due || overdue) {
        // Read before the snapshot: a write that lands after it is seen by the next turn.
        seen_version = version;
        due = pass();
        last_pass = std::chrono::steady_clock::now();
    }
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(options.tick);
    if (due) {
        auto until_due =
            std::chrono::duration_cast<std::chrono::milliseconds>(*due - options.now());
        wait = std::clamp(until_due, std::chrono::milliseconds(0), wait);
    }
    return wait;
}

ServiceController::ServiceController(model::Store& store, ServiceControllerOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {}

ServiceController::~ServiceController() {
    stop();
}

void ServiceController::start() {
    impl_->loop.start();
}

void ServiceController::stop() {
    impl_->loop.stop();
}

std::optional<model::TimePoint> ServiceController::run_once() {
    return impl_->pass();
}

std::uint64_t ServiceController::passes() const {
    return impl_->passes;
}

}  // namespace berth::runtime

// Randomized rolling deployments: the scheduler's plans are applied to a partition whose tasks
// then start, pass health checks, stop and (sometimes) fail at random, and at every step the
// deployment configuration's limits must hold.
#include <random>

#include "berth/scheduler/reconcile.hpp"
#include "support.hpp"

namespace berth::scheduler::testing {
namespace {

struct Limits {
    int min_percent;
    int max_percent;
};

bool present(const model::Task& t) {
    return t.last_status != TaskStatus::stopped;
}

bool healthy(const model::Task& t) {
    if (t.desired_status != TaskStatus::running || t.last_status != TaskStatus::running) {
        return false;
    }
    bool checked = false;
    for (const auto& c : t.containers) checked = checked || (c.essential && c.has_health_check);
    return checked ? t.health == HealthStatus::healthy : t.health != HealthStatus::unhealthy;
}

class Simulation {
  public:
    Simulation(std::uint64_t seed, Limits limits, int desired, bool health_check, double failure)
        : rng_(seed), limits_(limits), desired_(desired), failure_(failure) {
        nlohmann::json td = {
            {"containerDefinitions", {container_def("app", 64, 64, health_check)}}};
        v1_ = w_.add_task_definition("web", td);
        v2_ = w_.add_task_definition("web", td);
        v3_ = w_.add_task_definition("web", td);
        w_.add_instance(1 << 20, 1 << 20);
        nlohmann::json config = {{"minimumHealthyPercent", limits.min_percent},
                                 {"maximumPercent", limits.max_percent}};
        if (failure > 0 && coin(0.5)) {
            config["deploymentCircuitBreaker"] = {{"enable", true}, {"rollback", coin(0.5)}};
        }
        auto& s = w_.add_service("web", desired, v1_, config, /*completed=*/true);
        for (int i = 0; i < desired; ++i) {
            auto& t = w_.add_task(s, s.deployments[0]);
            if (health_check) t.health = HealthStatus::healthy;
        }
        w_.add_deployment(s, v2_);
    }

    int min_healthy() const { return (desired_ * limits_.min_percent + 99) / 100; }
    int max_total() const { return std::max(desired_, desired_ * limits_.max_percent / 100); }

    // One reconcile, its plan checked and applied, then the world moves on.
    void step() {
        auto& s = w_.service("web");
        int healthy_before = w_.count(s, healthy);
        int present_before = w_.count(s, present);
        auto plan = w_.reconcile();

        int healthy_stopped = 0;
        for (const auto& stop : plan.stops)
            healthy_stopped += healthy(w_.p.tasks.at(stop.task_arn));
        ASSERT_GE(healthy_before - healthy_stopped, std::min(healthy_before, min_healthy()))
            << "the scheduler's stops took healthy tasks below minimumHealthyPercent";
        ASSERT_LE(present_before + plan.tasks_to_start(), std::max(present_before, max_total()))
            << "the scheduler's starts went above maximumPercent";

        w_.apply(plan);
        idle_ = plan.empty();
        if (!updated_twice_ && coin(0.02)) {  // a second UpdateService in the middle of it
            w_.add_deployment(s, v3_);
            updated_twice_ = true;
        }
        advance();
        if (failure_ == 0) {
            // Nothing fails on its own, so what `docker ps` shows stays inside the limits.
            ASSERT_GE(w_.count(s, healthy), min_healthy());
            ASSERT_LE(w_.count(s, present), max_total());
        }
    }

    bool converged() {
        auto& s = w_.service("web");
        if (!idle_ || s.deployments.empty() ||
            s.deployments[0].rollout_state != model::RolloutState::completed) {
            return false;
        }
        int live = 0;
        for (auto* t : w_.tasks_of(s)) {
            if (!present(*t)) continue;
            if (t->deployment_id != s.deployments[0].id || !healthy(*t)) return false;
            ++live;
        }
        for (std::size_t i = 1; i < s.deployments.size(); ++i) {
            if (s.deployments[i].status != model::DeploymentStatus::inactive) return false;
        }
        return live == desired_;
    }

    World& world() { return w_; }

  private:
    bool coin(double p) { return std::bernoulli_distribution(p)(rng_); }

    void advance() {
        for (auto& [arn, t] : w_.p.tasks) {
            if (t.last_status == TaskStatus::stopped) continue;
            if (t.desired_status == TaskStatus::stopped) {
                if (coin(0.5)) w_.set_status(t, TaskStatus::stopped);
            } else if (t.last_status < TaskStatus::running) {
                if (coin(failure_)) {
                    w_.fail(t, model::StopCode::task_failed_to_start);
                } else if (coin(0.5)) {
                    w_.set_status(t, TaskStatus::running);
                }
            } else if (coin(failure_ / 4)) {
                w_.fail(t);
            } else if (t.health == HealthStatus::unknown && coin(0.5)) {
                t.health = coin(failure_) ? HealthStatus::unhealthy : HealthStatus::healthy;
            }
        }
        w_.now += std::chrono::seconds(std::uniform_int_distribution<int>(1, 5)(rng_));
    }

    World w_;
    std::mt19937_64 rng_;
    Limits limits_;
    int desired_;
    double failure_;
    std::string v1_, v2_, v3_;
    bool idle_ = false;
    bool updated_twice_ = false;
};

const std::vector<Limits> k_limits = {{100, 200}, {50, 100}, {0, 100}, {50, 200},
                                      {100, 150}, {75, 125}, {0, 200}, {100, 110}};

TEST(ReconcileInvariants, RollingDeploymentsStayWithinLimits) {
    for (std::uint64_t seed = 0; seed < 300; ++seed) {
        std::mt19937_64 pick(seed);
        Limits limits = k_limits[seed % k_limits.size()];
        int desired = std::uniform_int_distribution<int>(1, 9)(pick);
        bool health_check = pick() % 2 == 0;
        SCOPED_TRACE("seed " + std::to_string(seed) + ", " + std::to_string(limits.min_percent) +
                     "/" + std::to_string(limits.max_percent) + ", desired " +
                     std::to_string(desired) + (health_check ? ", health check" : ""));
        Simulation sim(seed, limits, desired, health_check, /*failure=*/0);
        int steps = 0;
        for (; steps < 400 && !sim.converged(); ++steps) {
            sim.step();
            if (::testing::Test::HasFatalFailure()) return;
        }
        // 100/110 with a small desired count has no room to roll (ECS says so in an event).
        bool can_roll = sim.max_total() > desired || sim.min_healthy() < desired;
        if (can_roll) {
            EXPECT_TRUE(sim.converged()) << "after " << steps << " steps";
        }
    }
}

TEST(ReconcileInvariants, PlansStayWithinLimitsWhenTasksFail) {
    for (std::uint64_t seed = 0; seed < 300; ++seed) {
        std::mt19937_64 pick(seed ^ 0x5eed);
        Limits limits = k_limits[seed % k_limits.size()];
        int desired = std::uniform_int_distribution<int>(1, 9)(pick);
        double failure = std::uniform_real_distribution<double>(0.05, 0.4)(pick);
        SCOPED_TRACE("seed " + std::to_string(seed) + ", failure " + std::to_string(failure));
        Simulation sim(seed, limits, desired, pick() % 2 == 0, failure);
        for (int steps = 0; steps < 200; ++steps) {
            sim.step();
            if (::testing::Test::HasFatalFailure()) return;
        }
    }
}

}  // namespace
}  // namespace berth::scheduler::testing

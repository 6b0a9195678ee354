// The registrar's loop and its Store side: copy the tasks with targets, write their new
// targets and the service events back. The load balancer store's side is in
// target_registrar_lb.cpp; the decisions in target_sync.cpp.
#include "berth/runtime/target_registrar.hpp"

#include <algorithm>
#include <mutex>

#include "berth/model/arn.hpp"
#include "berth/model/task_predicates.hpp"
#include "observations.hpp"
#include "store_loop.hpp"
#include "target_registrar_lb.hpp"
#include "target_sync.hpp"

namespace berth::runtime {

namespace {

std::string awsvpc_address(const model::Task& t) {
    for (const auto& a : t.attachments) {
        if (a.value("type", "") != "ElasticNetworkInterface") continue;
        for (const auto& d : a.value("details", nlohmann::json::array())) {
            if (d.value("name", "") == "privateIPv4Address") return d.value("value", "");
        }
    }
    return {};
}

TargetedTask targeted(const model::Partition& p, const model::Task& t) {
    TargetedTask out;
    out.partition = p.key;
    out.arn = t.arn;
    out.id = t.id;
    out.service_name = std::string(model::owner_of(t));
    out.service_arn = model::service_arn(p.key, t.cluster_name, out.service_name);
    out.version = t.version;
    out.running = model::is_running(t);
    out.leaving = model::is_stopping(t);
    out.address = awsvpc_address(t);
    if (auto ci = p.container_instances.find(t.container_instance_arn);
        ci != p.container_instances.end()) {
        out.instance_id = ci->second.ec2_instance_id;
    }
    for (const auto& c : t.containers) {
        for (const auto& b : c.network_bindings) {
            out.bindings.push_back({c.name, b.value("containerPort", 0), b.value("hostPort", 0)});
        }
    }
    out.targets = t.targets;
    return out;
}

std::vector<TargetedTask> collect(const model::Store& store) {
    std::vector<TargetedTask> out;
    store.read_all([&](const model::Partition& p) {
        for (const auto& [arn, t] : p.tasks) {
            if (!t.targets.empty() && !model::is_dead(t)) out.push_back(targeted(p, t));
        }
    });
    return out;
}

// As the scheduler's events: one that would repeat the newest within 6 hours is left out, as
// ECS omits duplicate service events.
void add_event(model::Partition& p, const TargetEvent& e, model::TimePoint now,
               std::size_t max_events) {
    auto it = p.services.find(e.service_arn);
    if (it == p.services.end()) return;
    auto& events = it->second.events;
    if (!events.empty() && events.front().message == e.message &&
        now - events.front().created_at < std::chrono::hours(6)) {
        return;
    }
    events.push_front({model::new_uuid(), now, e.message});
    while (events.size() > max_events) events.pop_back();
}

// The tasks' new targets, each only if the task is still as it was copied (a change since is
// planned again on the next pass), and the events, per partition under one lock each.
void write_back(model::Store& store, const TargetPlan& plan, model::TimePoint now,
                std::size_t max_events) {
    std::vector<model::PartitionKey> keys;
    auto note = [&](const model::PartitionKey& k) {
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    };
    for (const auto& u : plan.updates) note(u.partition);
    for (const auto& e : plan.events) note(e.partition);
    for (const auto& key : keys) {
        store.write(key, [&](model::Partition& p) {
            for (const auto& u : plan.updates) {
                if (!(u.partition == key)) continue;
                auto it = p.tasks.find(u.task_arn);
                if (it == p.tasks.end() || it->second.version != u.version) continue;
                it->second.targets = u.targets;
                if (u.deactivate) advance_task(it->second, model::TaskStatus::deactivating);
                ++it->second.version;
            }
            for (const auto& e : plan.events) {
                if (e.partition == key) add_event(p, e, now, max_events);
            }
        });
    }
}

}  // namespace

struct TargetRegistrar::Impl {
    model::Store& store;
    TargetRegistrarOptions options;
    std::mutex pass_mutex;
    StoreLoop loop;  // last: its thread reads the members above, so it is joined first

    Impl(model::Store& s, TargetRegistrarOptions o)
        : store(s),
          options(std::move(o)),
          loop(s, "load balancer registrar", [this] { return turn(); }) {}

    bool pass() {
        std::lock_guard lock(pass_mutex);
        if (!options.load_balancers) return false;
        const auto now = options.now();
        // Draining ends on time even when no data plane runs the store's timer.
        expire_draining(*options.load_balancers, now);
        auto tasks = collect(store);
        if (tasks.empty()) return false;
        auto plan = plan_targets(tasks, read_facts(*options.load_balancers, tasks), now);
        if (plan.empty()) return false;
        for (const auto& call : plan.calls) make_call(*options.load_balancers, call, now);
        write_back(store, plan, now, options.max_events);
        return true;
    }

    std::chrono::milliseconds turn() {
        pass();
        return options.tick;
    }
};

TargetRegistrar::TargetRegistrar(model::Store& store, TargetRegistrarOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {}

TargetRegistrar::~TargetRegistrar() {
    stop();
}

void TargetRegistrar::start() {
    impl_->loop.start();
}

void TargetRegistrar::stop() {
    impl_->loop.stop();
}

bool TargetRegistrar::run_once() {
    return impl_->pass();
}

}  // namespace berth::runtime

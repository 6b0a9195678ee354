#include "berth/runtime/runtime.hpp"

#include <atomic>
#include <condition_variable>
#include <set>
#include <stdexcept>
#include <thread>

#include <spdlog/spdlog.h>

#include "adoption.hpp"
#include "berth/docker/events.hpp"
#include "berth/model/arn.hpp"
#include "container_instances.hpp"
#include "context.hpp"
#include "lifecycle.hpp"
#include "log_follower.hpp"
#include "observer.hpp"
#include "shutdown.hpp"
#include "stats_sampler.hpp"
#include "steps.hpp"
#include "sweep.hpp"
#include "worker_pool.hpp"

namespace berth::runtime {

namespace {

// Shared with the Store's listener, which may outlive the runtime (a Store cannot forget a
// listener).
struct Wake {
    std::mutex mutex;
    std::condition_variable cv;
    bool pending = false;

    void notify() {
        {
            std::lock_guard lock(mutex);
            pending = true;
        }
        cv.notify_one();
    }
};

Engines make_engines(const RuntimeOptions& options) {
    try {
        return Engines(options.docker_hosts, options.gpus, options.zones);
    } catch (const docker::DockerError& e) {
        throw std::invalid_argument(std::string("--docker-host: ") + e.what());
    }
}

}  // namespace

struct Runtime::Impl {
    Impl(model::Store& s, RuntimeOptions o)
        : store(s),
          options(std::move(o)),
          instance_id(options.instance_id.empty() ? "berth-" + model::new_task_id().substr(0, 12)
                                                  : options.instance_id),
          engines(make_engines(options)),
          ctx{store, engines, options, instance_id, running} {
        if (options.log_store) {
            logs = std::make_unique<LogFollowers>(*options.log_store);
            ctx.logs = logs.get();
        }
    }

    void start();
    void stop();
    void loop();
    void pass();
    void sync_container_instances();
    void dispatch_resyncs();
    // What start() does with an engine's containers of an earlier run; false when it does not
    // answer (the first resync does it then).
    bool take_over(Engine& engine);
    // Whether the engine's earlier containers were taken over, doing it now when still due.
    bool adopted(Engine& engine);
    void dispatch_tasks();
    // Runs `job` on the pool unless a job with the same key is in flight.
    void dispatch(const std::string& key, std::function<void()> job);

    model::Store& store;
    RuntimeOptions options;
    std::string instance_id;
    Engines engines;
    std::atomic<bool> running{false};
    std::unique_ptr<LogFollowers> logs;
    Context ctx;
    std::shared_ptr<Wake> wake = std::make_shared<Wake>();
    std::unique_ptr<WorkerPool> pool;
    StatsSampler stats_sampler{ctx};
    std::vector<std::unique_ptr<docker::EventStream>> streams;
    std::thread loop_thread;
    bool started = false;
    bool stopped = false;

    std::mutex inflight_mutex;
    std::set<std::string> inflight;  // task ARNs and "engine:<host>" with a job queued or running
    std::set<Engine*> resync_due;    // engines whose event stream (re)connected
    std::set<Engine*> adoption_due;  // engines not yet adopted: no task is driven until then
};

bool Runtime::Impl::take_over(Engine& engine) {
    if (!options.adopt) {
        // A chosen id outlives a run (Berth's container restarted): what the earlier run left
        // is no task of this one's, whose Store starts empty.
        if (!options.instance_id.empty()) {
            remove_everything(engine, instance_id, options.shutdown_stop_timeout,
                              options.awsvpc_network);
        }
        return true;
    }
    try {
        adopt_engine(ctx, engine);
        return true;
    } catch (const docker::DockerError& e) {
        spdlog::warn("docker engine {}: cannot adopt the earlier run's containers yet: {}",
                     engine.host(), e.what());
        return false;
    }
}

void Runtime::Impl::start() {
    if (started) return;
    started = true;
    running = true;
    pool = std::make_unique<WorkerPool>(options.workers);
    store.on_change([w = wake] { w->notify(); });
    for (auto* engine : engines.all()) {
        if (!engine->refresh()) {
            spdlog::warn("docker engine {} does not answer; Berth serves and keeps trying",
                         engine->host());
            if (options.adopt) adoption_due.insert(engine);
        } else if (!take_over(*engine)) {
            adoption_due.insert(engine);
        }
        docker::EventStreamOptions events;
        events.filters = {{"type", {"container"}},
                          {"label", {std::string(label::instance) + "=" + instance_id}}};
        events.on_connect = [this, engine] {
            engine->set_reachable(true);
            std::lock_guard lock(inflight_mutex);
            resync_due.insert(engine);
            wake->notify();
        };
        events.on_disconnect = [this, engine](const docker::DockerError&) {
            engine->set_reachable(false);
            wake->notify();
        };
        streams.push_back(std::make_unique<docker::EventStream>(
            engine->client(), [this](const docker::Event& e) { observe_event(ctx, e); },
            std::move(events)));
        streams.back()->start();
    }
    loop_thread = std::thread([this] { loop(); });
    stats_sampler.start();
    spdlog::info("runtime {} started on {} docker engine(s)", instance_id, engines.all().size());
}

void Runtime::Impl::stop() {
    if (!started || stopped) return;
    stopped = true;
    running = false;
    wake->notify();
    if (loop_thread.joinable()) loop_thread.join();
    stats_sampler.stop();
    for (auto& s : streams) s->stop();
    pool->shutdown();
    for (auto* engine : engines.all()) {
        if (options.adopt) break;  // the tasks run on; the next start adopts them
        remove_everything(*engine, instance_id, options.shutdown_stop_timeout,
                          options.awsvpc_network);
    }
    if (logs) logs->stop();
    spdlog::info("runtime {} stopped", instance_id);
}

bool Runtime::Impl::adopted(Engine& engine) {
    {
        std::lock_guard lock(inflight_mutex);
        if (!adoption_due.contains(&engine)) return true;
    }
    if (!take_over(engine)) return false;
    std::lock_guard lock(inflight_mutex);
    adoption_due.erase(&engine);
    return true;
}

void Runtime::Impl::loop() {
    while (running) {
        {
            std::unique_lock lock(wake->mutex);
            wake->cv.wait_for(lock, options.tick, [&] { return wake->pending || !running; });
            wake->pending = false;
        }
        if (!running) break;
        try {
            pass();
        } catch (const std::exception& e) {
            spdlog::error("runtime pass failed: {}", e.what());
        }
    }
}

void Runtime::Impl::pass() {
    sync_container_instances();
    dispatch_resyncs();
    dispatch_tasks();
}

void Runtime::Impl::sync_container_instances() {
    auto facts = engines.facts();
    auto now = model::Clock::now();
    std::vector<model::PartitionKey> due;
    store.read_all([&](const model::Partition& p) {
        if (!container_instance_changes(p, facts, now).empty()) due.push_back(p.key);
    });
    for (const auto& key : due) {
        store.write(key, [&](model::Partition& p) {
            apply_instance_changes(p, container_instance_changes(p, facts, now));
        });
    }
}

void Runtime::Impl::dispatch_resyncs() {
    std::set<Engine*> due;
    {
        std::lock_guard lock(inflight_mutex);
        due.swap(resync_due);
    }
    for (auto* engine : due) {
        dispatch("engine:" + engine->host(), [this, engine] {
            if (!engine->refresh()) return;
            if (!adopted(*engine)) {
                std::lock_guard lock(inflight_mutex);
                resync_due.insert(engine);  // tried again at the next pass
                return;
            }
            try {
                resync_engine(ctx, *engine);
            } catch (const docker::DockerError& e) {
                spdlog::warn("docker engine {}: resync failed: {}", engine->host(), e.what());
            }
        });
    }
}

void Runtime::Impl::dispatch_tasks() {
    {
        std::lock_guard lock(inflight_mutex);
        if (!adoption_due.empty()) return;  // an adoption removes containers no task records
    }
    SweepOptions sweep{model::Clock::now(), options.stopped_task_retention,
                       [this](const std::string& arn) {
                           std::lock_guard lock(inflight_mutex);
                           return inflight.contains(arn);
                       }};
    for (const auto& ref : due_tasks(store, sweep)) {
        dispatch(ref.arn, [this, ref] { drive_task(ctx, ref); });
    }
}

void Runtime::Impl::dispatch(const std::string& key, std::function<void()> job) {
    {
        std::lock_guard lock(inflight_mutex);
        if (!inflight.insert(key).second) return;
    }
    pool->post([this, key, job = std::move(job)] {
        if (running) {
            try {
                job();
            } catch (const std::exception& e) {
                spdlog::error("runtime job {}: {}", key, e.what());
            }
        }
        {
            std::lock_guard lock(inflight_mutex);
            inflight.erase(key);
        }
        wake->notify();  // whatever it changed, or what changed meanwhile, gets a look
    });
}

Runtime::Runtime(model::Store& store, RuntimeOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {}

Runtime::~Runtime() {
    stop();
}

void Runtime::start() {
    impl_->start();
}
void Runtime::stop() {
    impl_->stop();
}
const std::string& Runtime::instance_id() const {
    return impl_->instance_id;
}

}  // namespace berth::runtime

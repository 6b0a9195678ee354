// The controller's loop against a real Store, with a fake runtime that does what the executor
// does to task statuses (without Docker): tasks that should run become RUNNING, tasks that
// should stop become STOPPED, and a test can make one die.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <thread>

#include "berth/runtime/service_controller.hpp"
#include "berth/scheduler/messages.hpp"
#include "unit/scheduler/support.hpp"

namespace berth::runtime {
namespace {

using model::TaskStatus;
using nlohmann::json;
using scheduler::testing::k_key;
using scheduler::testing::World;
namespace messages = scheduler::messages;
using namespace std::chrono_literals;

// Moves every task one step towards its desired status, as the executor would, and calls
// `on_stopped` under the Store's lock for each task it stops.
class FakeRuntime {
  public:
    using OnStopped = std::function<void(model::Partition&, const model::Task&)>;

    FakeRuntime(model::Store& store, OnStopped on_stopped = {})
        : store_(store), on_stopped_(std::move(on_stopped)), thread_([this] { run(); }) {}
    ~FakeRuntime() { stop(); }

    void stop() {
        done_ = true;
        if (thread_.joinable()) thread_.join();
    }

    // What `docker kill` does to a task's essential container.
    void kill(const std::string& arn) {
        store_.write(k_key, [&](model::Partition& p) {
            auto& t = p.tasks.at(arn);
            t.desired_status = TaskStatus::stopped;
            t.stop_code = model::StopCode::essential_container_exited;
            t.stopped_reason = "Essential container in task exited";
            finish(p, t);
        });
    }

  private:
    static bool needs_work(const model::Task& t) {
        if (t.last_status == TaskStatus::stopped) return false;
        return t.desired_status == TaskStatus::stopped || t.last_status < TaskStatus::running;
    }

    void finish(model::Partition& p, model::Task& t) {
        t.last_status = TaskStatus::stopped;
        t.stopped_at = model::Clock::now();
        for (auto& c : t.containers) c.known_status = model::ContainerStatus::stopped;
        ++t.version;
        if (on_stopped_) on_stopped_(p, t);
    }

    void run() {
        while (!done_) {
            bool work = store_.read(k_key, [](const model::Partition& p) {
                for (const auto& [arn, t] : p.tasks) {
                    if (needs_work(t)) return true;
                }
                return false;
            });
            if (work) {
                store_.write(k_key, [&](model::Partition& p) {
                    for (auto& [arn, t] : p.tasks) {
                        if (!needs_work(t)) continue;
                        if (t.desired_status == TaskStatus::stopped) {
                            finish(p, t);
                        } else {
                            t.last_status = TaskStatus::running;
                            t.started_at = model::Clock::now();
                            for (auto& c : t.containers) c.known_status = model::ContainerStatus::running;
                            ++t.version;
                        }
                    }
                });
            }
            std::this_thread::sleep_for(1ms);
        }
    }

    model::Store& store_;
    OnStopped on_stopped_;
    std::atomic<bool> done_{false};
    std::thread thread_;
};

class ControllerLoop : public ::testing::Test {
  protected:
    World world;
    model::Store store;
    std::string td = world.add_task_definition("web", json::object());

    ControllerLoop() { world.now = model::Clock::now(); }

    model::Service& fargate_service(const std::string& name, int desired,
                                    json deployment_configuration = nullptr) {
        auto& s = world.add_service(name, desired, td, std::move(deployment_configuration));
        s.launch_type = model::LaunchType::fargate;
        s.deployments.front().launch_type = model::LaunchType::fargate;
        return s;
    }
    void publish() {
        store.write(k_key, [&](model::Partition& p) { p = world.p; });
    }
    model::Service service(const std::string& name = "web") const {
        return store.read(k_key, [&](const model::Partition& p) {
            return p.services.at(model::service_arn(k_key, "default", name));
        });
    }
    std::vector<model::Task> tasks() const {
        return store.read(k_key, [](const model::Partition& p) {
            std::vector<model::Task> out;
            for (const auto& [arn, t] : p.tasks) out.push_back(t);
            return out;
        });
    }
    int count(TaskStatus last) const {
        int n = 0;
        for (const auto& t : tasks()) n += t.last_status == last ? 1 : 0;
        return n;
    }
    bool has_event(const std::string& message) const {
        for (const auto& e : service().events) {
            if (e.message == message) return true;
        }
        return false;
    }
    // Polls `done` for up to 10 s.
    template <class F>
    bool eventually(F done) const {
        for (int i = 0; i < 1000; ++i) {
            if (done()) return true;
            std::this_thread::sleep_for(10ms);
        }
        return done();
    }
    static ServiceControllerOptions fast() {
        ServiceControllerOptions o;
        o.tick = 20ms;
        return o;
    }
};

TEST_F(ControllerLoop, BringsAServiceToSteadyState) {
    fargate_service("web", 3);
    publish();
    FakeRuntime runtime(store);
    ServiceController controller(store, fast());
    controller.start();
    ASSERT_TRUE(eventually([&] { return has_event(messages::steady_state("web")); }));
    auto s = service();
    EXPECT_EQ(s.running_count, 3);
    EXPECT_EQ(s.pending_count, 0);
    EXPECT_EQ(model::to_string(s.deployments.front().rollout_state), "COMPLETED");
    EXPECT_EQ(s.deployments.front().running_count, 3);
    EXPECT_EQ(count(TaskStatus::running), 3);
    // Newest first: the steady state, the completed deployment, the three tasks started.
    EXPECT_EQ(s.events.back().message.rfind("(service web) has started 3 tasks:", 0), 0u);
    EXPECT_EQ(s.events.front().message, messages::steady_state("web"));
}

TEST_F(ControllerLoop, ReplacesATaskThatDies) {
    fargate_service("web", 2);
    publish();
    FakeRuntime runtime(store);
    ServiceController controller(store, fast());
    controller.start();
    ASSERT_TRUE(eventually([&] { return count(TaskStatus::running) == 2; }));
    auto victim = tasks().front();
    runtime.kill(victim.arn);
    ASSERT_TRUE(eventually([&] { return count(TaskStatus::running) == 2; }));
    EXPECT_EQ(tasks().size(), 3u);
    auto events = service().events;
    bool replaced = false;
    for (const auto& e : events)
        replaced |= e.message.find("has started 1 tasks") != std::string::npos;
    EXPECT_TRUE(replaced);
}

TEST_F(ControllerLoop, ADeletedServiceDrainsToInactive) {
    fargate_service("web", 2);
    publish();
    FakeRuntime runtime(store);
    ServiceController controller(store, fast());
    controller.start();
    ASSERT_TRUE(eventually([&] { return count(TaskStatus::running) == 2; }));
    store.write(k_key, [&](model::Partition& p) {  // what DeleteService --force records
        auto& s = p.services.at(model::service_arn(k_key, "default", "web"));
        s.status = model::ServiceStatus::draining;
        s.desired_count = 0;
    });
    ASSERT_TRUE(eventually([&] { return service().status == model::ServiceStatus::inactive; }));
    EXPECT_EQ(count(TaskStatus::stopped), 2);
    for (const auto& t : tasks()) EXPECT_EQ(t.stop_code, model::StopCode::service_scheduler_initiated);
}

TEST_F(ControllerLoop, StaysQuietWhenNothingChanges) {
    fargate_service("web", 1);
    publish();
    FakeRuntime runtime(store);
    ServiceController controller(store, fast());
    controller.start();
    ASSERT_TRUE(eventually([&] { return has_event(messages::steady_state("web")); }));
    std::this_thread::sleep_for(100ms);
    const auto passes = controller.passes();
    const auto version = store.version();
    std::this_thread::sleep_for(300ms);  // 15 ticks
    EXPECT_EQ(controller.passes(), passes);
    EXPECT_EQ(store.version(), version);
}

TEST_F(ControllerLoop, RunOnceWithoutTheThread) {
    fargate_service("web", 2);
    publish();
    ServiceController controller(store);
    controller.run_once();
    EXPECT_EQ(tasks().size(), 2u);
    controller.run_once();  // nothing ran yet: nothing more is started
    EXPECT_EQ(tasks().size(), 2u);
    EXPECT_EQ(controller.passes(), 2u);
}

// Clients scale the service up and down as fast as they can while the controller and the
// runtime work. Whatever the interleaving, a task is only ever created when the tasks already
// there leave room for it under the desired count in force at that moment (maximumPercent 100).
// Every change is stamped with the partition's sequence, under the Store's lock, so the test
// can replay the order afterwards.
TEST_F(ControllerLoop, NeverStartsMoreThanTheDesiredCountInForceUnderConcurrentUpdates) {
    fargate_service("web", 3, {{"maximumPercent", 100}, {"minimumHealthyPercent", 0}});
    publish();
    const auto arn = model::service_arn(k_key, "default", "web");
    std::vector<std::pair<std::uint64_t, int>> desired_history{{0, 3}};  // (stamp, desired)
    std::map<std::string, std::uint64_t> stopped_stamp;                  // task → stamp
    FakeRuntime runtime(store, [&](model::Partition& p, const model::Task& t) {
        stopped_stamp[t.arn] = p.take_seq();
    });
    ServiceController controller(store, fast());
    controller.start();

    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < 3; ++c) {
        clients.emplace_back([&, c] {
            std::mt19937 rng(static_cast<unsigned>(c + 1));
            while (!stop) {
                const int desired = static_cast<int>(rng() % 7);
                store.write(k_key, [&](model::Partition& p) {  // what UpdateService records
                    auto& s = p.services.at(arn);
                    s.desired_count = desired;
                    s.deployments.front().desired_count = desired;
                    desired_history.emplace_back(p.take_seq(), desired);
                });
                std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
            }
        });
    }
    std::this_thread::sleep_for(1500ms);
    stop = true;
    for (auto& t : clients) t.join();
    const int last = desired_history.back().second;
    ASSERT_TRUE(eventually(
        [&] { return count(TaskStatus::running) == last && service().running_count == last; }));
    controller.stop();
    runtime.stop();  // nothing writes the history from here on

    auto all = tasks();
    ASSERT_GT(all.size(), 10u) << "the controller should have had work to do";
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    auto desired_at = [&](std::uint64_t stamp) {
        int d = 3;
        for (const auto& [at, value] : desired_history) {
            if (at < stamp) d = value;
        }
        return d;
    };
    for (const auto& t : all) {
        int present = 0;  // tasks created before t and not yet stopped when t was created
        for (const auto& other : all) {
            if (other.seq >= t.seq) break;
            auto stopped = stopped_stamp.find(other.arn);
            if (stopped == stopped_stamp.end() || stopped->second > t.seq) ++present;
        }
        EXPECT_LE(present + 1, desired_at(t.seq))
            << "task " << t.id << " (seq " << t.seq << ") started with " << present
            << " tasks present";
    }
}

}  // namespace
}  // namespace berth::runtime

// The docker module's EventStream against the real engine: container events as they happen,
// exit codes, reconnection after the engine went away, and a prompt stop().
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

#include "berth/docker/events.hpp"
#include "integration/support/docker_fixture.hpp"
#include "integration/support/socket_proxy.hpp"

namespace berth::test {
namespace {

using namespace std::chrono_literals;

// Collects what an EventStream reports, for tests to wait on.
class Recorder {
  public:
    docker::EventStream::EventCallback on_event() {
        return [this](const docker::Event& e) {
            std::lock_guard lock(mutex_);
            events_.push_back(e);
        };
    }
    docker::EventStreamOptions options() {
        docker::EventStreamOptions o;
        o.filters["label"] = {test_label_filter()};
        o.on_connect = [this] { ++connects_; };
        o.on_disconnect = [this](const docker::DockerError& e) {
            std::lock_guard lock(mutex_);
            disconnects_.push_back(e);
        };
        o.min_backoff = 50ms;
        o.max_backoff = 200ms;
        return o;
    }

    std::optional<docker::Event> find(const std::string& id, const std::string& action) {
        std::lock_guard lock(mutex_);
        for (const auto& e : events_) {
            if (e.id == id && e.action == action) return e;
        }
        return std::nullopt;
    }
    std::optional<docker::Event> wait_for(const std::string& id, const std::string& action,
                                          std::chrono::milliseconds timeout = 10s) {
        std::optional<docker::Event> found;
        wait_until([&] { return (found = find(id, action)).has_value(); }, timeout, 5ms);
        return found;
    }
    int connects() const { return connects_; }
    std::size_t disconnects() {
        std::lock_guard lock(mutex_);
        return disconnects_.size();
    }
    docker::DockerError last_disconnect() {
        std::lock_guard lock(mutex_);
        return disconnects_.back();
    }

  private:
    std::mutex mutex_;
    std::vector<docker::Event> events_;
    std::vector<docker::DockerError> disconnects_;
    std::atomic<int> connects_{0};
};

class DockerEventsTest : public DockerTest {};

TEST_F(DockerEventsTest, SeesStartAndDieWithExitCode) {
    Recorder rec;
    docker::EventStream stream(docker(), rec.on_event(), rec.options());
    stream.start();
    ASSERT_TRUE(wait_until([&] { return stream.connected(); }, 5s));
    EXPECT_EQ(rec.connects(), 1);

    const auto name = unique_name("events");
    const auto id = docker().container_create(name, busybox_spec({"sh", "-c", "exit 3"}));
    docker().container_start(id);

    const auto start = rec.wait_for(id, "start");
    ASSERT_TRUE(start);
    EXPECT_EQ(start->type, "container");
    EXPECT_EQ(start->attribute("name"), name);
    EXPECT_EQ(start->attribute(k_test_label), run_id());  // labels ride along as attributes
    EXPECT_GT(start->time_nano, 0);

    const auto die = rec.wait_for(id, "die");
    ASSERT_TRUE(die);
    EXPECT_EQ(die->exit_code(), 3);
    EXPECT_GE(die->time_nano, start->time_nano);
    EXPECT_EQ(rec.disconnects(), 0u);
}

TEST_F(DockerEventsTest, KillFromOutsideIsADieEventWithinASecond) {
    Recorder rec;
    docker::EventStream stream(docker(), rec.on_event(), rec.options());
    stream.start();
    ASSERT_TRUE(wait_until([&] { return stream.connected(); }, 5s));
    const auto id =
        docker().container_create(unique_name("killed"), busybox_spec({"sleep", "600"}));
    docker().container_start(id);
    ASSERT_TRUE(rec.wait_for(id, "start"));

    // Another client, as `docker kill` would be: nothing in Berth's path knows of it.
    docker::Client outsider;
    const auto killed_at = std::chrono::steady_clock::now();
    outsider.container_kill(id, "SIGKILL");
    const auto die = rec.wait_for(id, "die", 5s);
    ASSERT_TRUE(die);
    EXPECT_LT(std::chrono::steady_clock::now() - killed_at, 1s);
    EXPECT_EQ(die->exit_code(), 137);
    EXPECT_TRUE(rec.find(id, "kill"));
}

TEST_F(DockerEventsTest, HealthStatusEventsCarryTheStatus) {
    Recorder rec;
    docker::EventStream stream(docker(), rec.on_event(), rec.options());
    stream.start();
    ASSERT_TRUE(wait_until([&] { return stream.connected(); }, 5s));
    auto spec = busybox_spec({"sleep", "600"});
    // Nanoseconds, as the Engine wants them.
    spec["Healthcheck"] = {{"Test", {"CMD-SHELL", "exit 1"}},
                           {"Interval", 100'000'000},
                           {"Timeout", 1'000'000'000},
                           {"Retries", 1}};
    const auto id = docker().container_create(unique_name("health"), spec);
    docker().container_start(id);
    const auto health = rec.wait_for(id, "health_status", 15s);
    ASSERT_TRUE(health);
    EXPECT_EQ(health->detail, "unhealthy");
    EXPECT_EQ(docker().container_inspect(id).state.health, "unhealthy");
}

TEST_F(DockerEventsTest, ReconnectsAfterTheEngineWentAwayAndReplaysTheGap) {
    SocketProxy proxy;
    proxy.start();
    docker::Client through_proxy(proxy.host());
    Recorder rec;
    docker::EventStream stream(through_proxy, rec.on_event(), rec.options());
    stream.start();
    ASSERT_TRUE(wait_until([&] { return stream.connected(); }, 5s));

    const auto first = docker().container_create(unique_name("before"), busybox_spec({"true"}));
    docker().container_start(first);
    ASSERT_TRUE(rec.wait_for(first, "die"));

    proxy.stop();  // the engine "goes away"
    ASSERT_TRUE(wait_until([&] { return rec.disconnects() >= 2; }, 5s));
    EXPECT_FALSE(stream.connected());
    EXPECT_EQ(rec.last_disconnect().kind(), docker::ErrorKind::unreachable);

    // Happens while the stream cannot see the engine.
    const auto missed = docker().container_create(unique_name("gap"), busybox_spec({"true"}));
    docker().container_start(missed);
    ASSERT_EQ(docker().container_wait(missed, 30s), 0);

    proxy.start();  // and comes back
    ASSERT_TRUE(wait_until([&] { return rec.connects() == 2; }, 5s)) << rec.connects();
    EXPECT_TRUE(stream.connected());
    const auto replayed = rec.wait_for(missed, "die", 5s);
    ASSERT_TRUE(replayed) << "the event from the gap was not replayed";
    EXPECT_EQ(replayed->exit_code(), 0);

    const auto after = docker().container_create(unique_name("after"), busybox_spec({"true"}));
    docker().container_start(after);
    EXPECT_TRUE(rec.wait_for(after, "die"));
}

TEST_F(DockerEventsTest, StopIsPromptWhileConnectedAndWhileRetrying) {
    {
        Recorder rec;
        docker::EventStream stream(docker(), rec.on_event(), rec.options());
        stream.start();
        ASSERT_TRUE(wait_until([&] { return stream.connected(); }, 5s));
        const auto before = std::chrono::steady_clock::now();
        stream.stop();
        EXPECT_LT(std::chrono::steady_clock::now() - before, 200ms);
        EXPECT_FALSE(stream.connected());
    }
    {
        docker::Client nowhere("unix:///tmp/berth-it-no-such-dir/docker.sock");
        Recorder rec;
        auto options = rec.options();
        options.min_backoff = options.max_backoff = 10s;
        docker::EventStream stream(nowhere, rec.on_event(), options);
        stream.start();
        ASSERT_TRUE(wait_until([&] { return rec.disconnects() >= 1; }, 5s));
        EXPECT_EQ(rec.connects(), 0);
        const auto before = std::chrono::steady_clock::now();
        stream.stop();  // in the middle of a 10 s backoff
        EXPECT_LT(std::chrono::steady_clock::now() - before, 200ms);
    }
}

}  // namespace
}  // namespace berth::test

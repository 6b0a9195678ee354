// Services on the real engine: the ECS API (JsonService) writes services into a Store, the
// service controller turns the scheduler's plans into tasks, and the runtime runs them as
// containers. Everything a test sees of Docker comes from `docker ps` by label.
#include "integration/services_support.hpp"

namespace berth::test {
namespace {

TEST_F(ServicesOnEngine, DesiredThreeRunsThreeLabelledContainers) {
    auto td = revision(service_container());
    auto created =
        call("CreateService",
             {{"serviceName", "web"}, {"taskDefinition", td}, {"desiredCount", 3}})["service"];
    const auto deployment = created["deployments"][0]["id"].get<std::string>();
    auto s = wait_stable("web");
    EXPECT_EQ(s["runningCount"], 3);
    EXPECT_TRUE(has_event(s, messages::steady_state("web")));

    auto containers = running_containers();
    ASSERT_EQ(containers.size(), 3u);
    std::set<std::string> task_arns;
    for (const auto& t : service_tasks("web")) {
        EXPECT_EQ(t.started_by, deployment);
        EXPECT_EQ(t.group, "service:web");
        EXPECT_EQ(t.last_status, model::TaskStatus::running);
        task_arns.insert(t.arn);
    }
    EXPECT_EQ(task_arns.size(), 3u);
    for (const auto& c : containers) {
        EXPECT_EQ(c.labels.at(runtime::label::cluster), model::cluster_arn(key_, "default"));
        EXPECT_TRUE(task_arns.contains(c.labels.at(runtime::label::task_arn)));
        EXPECT_EQ(c.labels.at(runtime::label::container_name), "app");
        EXPECT_EQ(c.labels.at(runtime::label::version), "1");
    }
}

TEST_F(ServicesOnEngine, AKilledContainerIsReplacedAndTheEventWritten) {
    call("CreateService", {{"serviceName", "web"},
                           {"taskDefinition", revision(service_container())},
                           {"desiredCount", 3}});
    wait_stable("web");
    auto victim = running_containers().front();
    const auto victim_task = victim.labels.at(runtime::label::task_arn);
    docker().container_kill(victim.id);

    json s;
    std::string replacement;
    ASSERT_TRUE(wait_until(
        [&] {
            for (const auto& t : service_tasks("web")) {
                if (t.arn != victim_task && t.created_at > task(victim_task).created_at &&
                    t.last_status == model::TaskStatus::running) {
                    replacement = t.id;
                }
            }
            s = describe("web");
            return !replacement.empty() && s["runningCount"] == 3;
        },
        30s, 50ms))
        << s.dump(2);
    EXPECT_TRUE(has_event(s, messages::started_tasks("web", {replacement}))) << s.dump(2);
    auto dead = task(victim_task);
    EXPECT_EQ(dead.last_status, model::TaskStatus::stopped);
    EXPECT_EQ(dead.stop_code, model::StopCode::essential_container_exited);
    EXPECT_EQ(running_containers().size(), 3u);
}

// Samples `docker ps` while a new revision rolls out: the service's running containers never
// drop below minimumHealthyPercent nor rise above maximumPercent of the desired count.
TEST_F(ServicesOnEngine, ARollingUpdateStaysBetweenMinimumAndMaximum) {
    const int desired = 4;
    call("CreateService",
         {{"serviceName", "web"},
          {"taskDefinition", revision(service_container())},
          {"desiredCount", desired},
          {"deploymentConfiguration", {{"minimumHealthyPercent", 50}, {"maximumPercent", 150}}}});
    wait_stable("web");
    const auto next = revision(service_container("sleep 601"));
    call("UpdateService", {{"service", "web"}, {"taskDefinition", next}});

    const std::size_t minimum = 2;  // ceil(4 × 50%)
    const std::size_t maximum = 6;  // floor(4 × 150%)
    std::size_t lowest = 100, highest = 0;
    int samples = 0;
    bool done = wait_until(
        [&] {
            auto containers = running_containers();
            lowest = std::min(lowest, containers.size());
            highest = std::max(highest, containers.size());
            ++samples;
            auto s = describe("web");
            bool only_new = std::all_of(containers.begin(), containers.end(), [](const auto& c) {
                return c.labels.at(runtime::label::version) == "2";
            });
            return s["deployments"].size() == 1 && s["runningCount"] == desired &&
                   containers.size() == static_cast<std::size_t>(desired) && only_new;
        },
        90s, 20ms);
    ASSERT_TRUE(done) << describe("web").dump(2);
    EXPECT_GE(lowest, minimum) << samples << " samples";
    EXPECT_LE(highest, maximum) << samples << " samples";
    auto s = describe("web");
    EXPECT_EQ(s["taskDefinition"], next);
    EXPECT_TRUE(has_event(
        s, messages::deployment_completed("web", s["deployments"][0]["id"].get<std::string>())));
}

TEST_F(ServicesOnEngine, TheCircuitBreakerRollsBackADeploymentWhoseTasksExit) {
    const auto good = revision(service_container());
    call("CreateService",
         {{"serviceName", "web"},
          {"taskDefinition", good},
          {"desiredCount", 2},
          {"deploymentConfiguration",
           {{"deploymentCircuitBreaker", {{"enable", true}, {"rollback", true}}}}}});
    const auto first = wait_stable("web")["deployments"][0]["id"].get<std::string>();

    auto bad = busybox_container("app", "exit 1");
    bad["memory"] = 32;
    const auto failing =
        call("UpdateService", {{"service", "web"}, {"taskDefinition", revision(bad)}})["service"];
    const auto failed_id = failing["deployments"][0]["id"].get<std::string>();

    json s;
    ASSERT_TRUE(wait_until(
        [&] {
            s = describe("web");
            return has_event(s, messages::rolling_back("web", first));
        },
        60s, 50ms))
        << s.dump(2);
    EXPECT_TRUE(has_event(s, messages::deployment_failed("web", failed_id)));
    EXPECT_EQ(s["taskDefinition"], good);
    EXPECT_NE(s["deployments"][0]["id"], failed_id);
    EXPECT_EQ(s["deployments"][0]["taskDefinition"], good);

    s = wait_stable("web");
    EXPECT_EQ(s["taskDefinition"], good);
    EXPECT_EQ(s["deployments"][0]["rolloutState"], "COMPLETED");
    for (const auto& c : running_containers()) {
        EXPECT_EQ(c.labels.at(runtime::label::version), "1");
    }
    // The failed deployment, as ListServiceDeployments shows it.
    auto listed = call("ListServiceDeployments", {{"service", "web"}})["serviceDeployments"];
    bool rolled_back = false;
    for (const auto& d : listed) {
        if (d["serviceDeploymentArn"].get<std::string>().ends_with(failed_id.substr(8))) {
            rolled_back = d["status"] == "ROLLBACK_SUCCESSFUL";
        }
    }
    EXPECT_TRUE(rolled_back) << listed.dump(2);
}

TEST_F(ServicesOnEngine, DeleteWithForceLeavesNoContainer) {
    call("CreateService", {{"serviceName", "web"},
                           {"taskDefinition", revision(service_container())},
                           {"desiredCount", 3}});
    wait_stable("web");
    EXPECT_EQ(call("DeleteService", {{"service", "web"}, {"force", true}})["service"]["status"],
              "DRAINING");
    json s;
    ASSERT_TRUE(wait_until(
        [&] {
            s = describe("web");
            return s["status"] == "INACTIVE";
        },
        30s, 50ms))
        << s.dump(2);
    EXPECT_EQ(s["runningCount"], 0);
    // Stopped tasks' containers go after the retention (1 s here): then nothing is left.
    EXPECT_TRUE(wait_until([&] { return all_containers().empty(); }, 20s, 100ms))
        << all_containers().size() << " containers left";
    for (const auto& t : service_tasks("web")) {
        EXPECT_EQ(t.last_status, model::TaskStatus::stopped);
        EXPECT_EQ(t.stop_code, model::StopCode::service_scheduler_initiated);
    }
}

TEST_F(ServicesOnEngine, AServiceWhoseImageIsMissingKeepsRetryingThrottled) {
    auto app = service_container();
    app["image"] = "127.0.0.1:1/berth/absent:latest";  // no registry answers there
    call("CreateService",
         {{"serviceName", "web"}, {"taskDefinition", revision(app)}, {"desiredCount", 1}});

    // Failed starts are retried; the throttle spaces out the one after the third.
    const auto failures = scheduler::k_unthrottled_failures + 1;
    std::vector<model::Task> tasks;
    ASSERT_TRUE(wait_until(
        [&] {
            tasks = service_tasks("web");
            return static_cast<int>(tasks.size()) > failures;
        },
        60s, 50ms))
        << tasks.size() << " tasks";
    std::sort(tasks.begin(), tasks.end(),
              [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
    model::TimePoint last_failure{};
    for (int i = 0; i < failures; ++i) {
        const auto& t = tasks[static_cast<std::size_t>(i)];
        EXPECT_EQ(t.last_status, model::TaskStatus::stopped) << t.id;
        EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start) << t.id;
        EXPECT_TRUE(t.stopped_reason.starts_with("CannotPullContainerError: ")) << t.stopped_reason;
        ASSERT_TRUE(t.stopped_at) << t.id;
        last_failure = std::max(last_failure, *t.stopped_at);
    }
    // Not a hot loop: the next launch waited out the first delay after the last failure.
    const auto& next = tasks[static_cast<std::size_t>(failures)];
    EXPECT_GE(next.created_at - last_failure, scheduler::k_first_delay);

    // The service stays, asking for its task, and says why in ECS's words.
    auto s = describe("web");
    EXPECT_EQ(s["status"], "ACTIVE");
    EXPECT_EQ(s["desiredCount"], 1);
    EXPECT_EQ(s["runningCount"], 0);
    EXPECT_EQ(s["deployments"][0]["rolloutState"], "IN_PROGRESS") << s.dump(2);
    EXPECT_GE(s["deployments"][0]["failedTasks"].get<int>(), failures) << s.dump(2);
    EXPECT_TRUE(has_event(s, messages::unable_to_start_consistently("web"))) << s.dump(2);
    for (int i = 0; i < failures; ++i) {
        const auto& id = tasks[static_cast<std::size_t>(i)].id;
        EXPECT_TRUE(has_event(s, messages::started_tasks("web", {id}))) << id << s.dump(2);
    }
    EXPECT_TRUE(running_containers().empty());
}

}  // namespace
}  // namespace berth::test

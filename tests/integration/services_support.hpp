#pragma once
// Services on the real engine: the ECS API (JsonService) writes services into a Store, the
// service controller turns the scheduler's plans into tasks, and the runtime runs them as
// containers. ServicesOnEngine is that whole loop for one engine; a test with more engines
// starts it through start_services(options) with its own --docker-host list.
#include <algorithm>
#include <set>

#include "berth/api/ecs/ecs_api.hpp"
#include "berth/runtime/service_controller.hpp"
#include "berth/scheduler/messages.hpp"
#include "integration/runtime_support.hpp"
#include "scheduler/throttle.hpp"

namespace berth::test {

namespace messages = scheduler::messages;

// A busybox service container that exits at once on SIGTERM, so rolling updates do not wait
// for stopTimeout.
inline json service_container(const std::string& cmd = "sleep 600") {
    auto c = busybox_container("app", "trap 'exit 0' TERM; " + cmd + " & wait");
    c["memory"] = 32;
    return c;
}

class ServicesOnEngine : public RuntimeTest {
  protected:
    std::unique_ptr<protocol::JsonService> ecs_ = api::ecs::make_ecs_service({store_});
    protocol::RequestContext ctx_{"000000000000", "us-east-1", "AKIDEXAMPLE", "req"};
    std::unique_ptr<runtime::ServiceController> controller_;
    std::string family_ = unique_name("svc");

    void SetUp() override {
        RuntimeTest::SetUp();
        start_services(options());
        container_instance();  // the engine is registered in "default" before any placement
    }

    // The runtime with `o` and the service controller.
    void start_services(runtime::RuntimeOptions o) {
        o.stopped_task_retention = 1s;  // so that "every container gone" is observable
        start_runtime(std::move(o));
        runtime::ServiceControllerOptions co;
        co.tick = 100ms;
        controller_ = std::make_unique<runtime::ServiceController>(store_, co);
        controller_->start();
    }

    void TearDown() override {
        if (controller_) controller_->stop();  // before the runtime stops what it started
        RuntimeTest::TearDown();
    }

    json call(const std::string& op, const json& input) {
        return ecs_->invoke(op, ctx_, input.dump());
    }

    // Registers a revision of this test's family and returns its ARN.
    std::string revision(const json& container) {
        return call("RegisterTaskDefinition",
                    {{"family", family_},
                     {"containerDefinitions", {container}}})["taskDefinition"]["taskDefinitionArn"];
    }

    json describe(const std::string& service) {
        auto out = call("DescribeServices", {{"services", {service}}});
        return out["services"].empty() ? json() : out["services"][0];
    }

    // Waits for `aws ecs wait services-stable`'s condition: one deployment, running = desired.
    json wait_stable(const std::string& service, std::chrono::milliseconds timeout = 60s) {
        json s;
        wait_until(
            [&] {
                s = describe(service);
                return s["deployments"].size() == 1 && s["runningCount"] == s["desiredCount"] &&
                       s["deployments"][0]["rolloutState"] == "COMPLETED";
            },
            timeout, 50ms);
        EXPECT_EQ(s["deployments"].size(), 1u) << s.dump(2);
        EXPECT_EQ(s["runningCount"], s["desiredCount"]) << s.dump(2);
        return s;
    }

    bool has_event(const json& service, const std::string& message) {
        for (const auto& e : service["events"]) {
            if (e["message"] == message) return true;
        }
        return false;
    }

    // This test's running containers, as `docker ps --filter label=...` lists them.
    std::vector<docker::ContainerSummary> running_containers() {
        docker::ContainerFilter f;
        f.labels = {std::string(runtime::label::instance) + "=" + instance_id_,
                    std::string(runtime::label::family) + "=" + family_};
        f.all = false;
        return docker().container_list(f);
    }
    std::vector<docker::ContainerSummary> all_containers() {
        docker::ContainerFilter f;
        f.labels = {std::string(runtime::label::instance) + "=" + instance_id_};
        return docker().container_list(f);
    }

    std::vector<model::Task> service_tasks(const std::string& name) {
        return store_.read(key_, [&](const model::Partition& p) {
            std::vector<model::Task> out;
            for (const auto& [arn, t] : p.tasks) {
                if (t.service_name == name) out.push_back(t);
            }
            return out;
        });
    }
};

}  // namespace berth::test

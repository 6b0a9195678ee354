// A service behind a target group on the real engine: the ECS API checks the service's
// loadBalancers against the load balancer store, the service controller starts an awsvpc task,
// the load balancer registrar registers its address and containerPort once it runs, the
// target's health (written here as the data plane's health checks would) gates the deployment,
// and scaling in drains the target (the task waits in DEACTIVATING) before the task stops.
#include "berth/api/ecs/ecs_api.hpp"
#include "berth/model/load_balancers.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/runtime/service_controller.hpp"
#include "berth/runtime/target_registrar.hpp"
#include "integration/runtime_support.hpp"

namespace berth::test {
namespace {

constexpr const char* k_tg =
    "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef";
constexpr const char* k_lb =
    "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/0123456789abcdef";

class LoadBalancedServiceOnEngine : public RuntimeTest {
  protected:
    model::LoadBalancerStore lbs_;
    std::unique_ptr<protocol::JsonService> ecs_ =
        api::ecs::make_ecs_service({.store = store_, .load_balancers = &lbs_});
    protocol::RequestContext ctx_{"000000000000", "us-east-1", "AKIDEXAMPLE", "req"};
    std::unique_ptr<runtime::ServiceController> controller_;
    std::unique_ptr<runtime::TargetRegistrar> registrar_;

    void SetUp() override {
        RuntimeTest::SetUp();
        auto o = options();
        o.stopped_task_retention = 1s;
        start_runtime(std::move(o));
        container_instance();
        runtime::ServiceControllerOptions co;
        co.tick = 100ms;
        controller_ = std::make_unique<runtime::ServiceController>(store_, co);
        controller_->start();
        registrar_ = std::make_unique<runtime::TargetRegistrar>(
            store_, runtime::TargetRegistrarOptions{.load_balancers = &lbs_, .tick = 100ms});
        registrar_->start();
        add_target_group();
    }

    void TearDown() override {
        if (registrar_) registrar_->stop();
        if (controller_) controller_->stop();
        RuntimeTest::TearDown();
    }

    // An ALB with a listener forwarding to an ip target group (1 s deregistration delay).
    void add_target_group() {
        lbs_.write(key_, model::Clock::now(), [](model::LoadBalancerPartition& p) {
            model::ElbLoadBalancer lb;
            lb.arn = k_lb;
            lb.name = "web";
            lb.state = model::LoadBalancerState::active;
            p.load_balancers[lb.arn] = lb;
            model::TargetGroup tg;
            tg.arn = k_tg;
            tg.name = "web";
            tg.protocol = model::ElbProtocol::http;
            tg.port = 80;
            tg.target_type = model::TargetType::ip;
            tg.attributes.deregistration_delay_seconds = 1;
            p.target_groups[tg.arn] = tg;
            model::Listener l;
            l.arn = std::string(k_lb) + "/listener";
            l.load_balancer_arn = k_lb;
            l.port = 80;
            l.default_actions = {{1, model::ForwardAction{{{k_tg, 1}}}}};
            p.listeners[l.arn] = l;
        });
    }

    json call(const std::string& op, const json& input) {
        return ecs_->invoke(op, ctx_, input.dump());
    }

    std::vector<model::TargetHealthEntry> targets() {
        return lbs_.target_health(key_, k_tg).value_or(std::vector<model::TargetHealthEntry>{});
    }

    model::Task only_task() {
        return store_.read(key_, [](const model::Partition& p) {
            EXPECT_EQ(p.tasks.size(), 1u);
            return p.tasks.begin()->second;
        });
    }

    json service() { return call("DescribeServices", {{"services", {"web"}}})["services"][0]; }

    bool has_event(const std::string& message) {
        const json described = service();  // kept alive: the loop reads into it
        for (const auto& e : described["events"]) {
            if (e["message"] == message) return true;
        }
        return false;
    }
};

TEST_F(LoadBalancedServiceOnEngine, RegistersWhenRunningAndDrainsBeforeStopping) {
    auto c = busybox_container("web", "trap 'exit 0' TERM; httpd -f -p 80 & wait");
    c["portMappings"] = {{{"containerPort", 80}}};
    c["memory"] = 64;  // an EC2 (awsvpc) task definition needs memory or memoryReservation
    auto td = call("RegisterTaskDefinition", {{"family", unique_name("lb")},
                                              {"networkMode", "awsvpc"},
                                              {"containerDefinitions", {c}}})["taskDefinition"];
    const json lb = {{"targetGroupArn", k_tg}, {"containerName", "web"}, {"containerPort", 80}};
    const json network = {{"awsvpcConfiguration", {{"subnets", {"subnet-1"}}}}};
    // ECS's checks first: a port the container does not map.
    json bad = lb;
    bad["containerPort"] = 8080;
    EXPECT_THROW(call("CreateService", {{"serviceName", "web"},
                                        {"taskDefinition", td["taskDefinitionArn"]},
                                        {"desiredCount", 1},
                                        {"networkConfiguration", network},
                                        {"loadBalancers", {bad}}}),
                 protocol::AwsError);

    call("CreateService", {{"serviceName", "web"},
                           {"taskDefinition", td["taskDefinitionArn"]},
                           {"desiredCount", 1},
                           {"networkConfiguration", network},
                           {"loadBalancers", {lb}}});

    // Registered with its awsvpc address and containerPort once RUNNING.
    ASSERT_TRUE(wait_until([&] { return targets().size() == 1; }, 60s, 50ms));
    auto task = only_task();
    EXPECT_EQ(task.last_status, model::TaskStatus::running);
    const auto ip = task.containers[0].network_interfaces[0]["privateIpv4Address"];
    EXPECT_EQ(targets()[0].id, ip);
    EXPECT_EQ(targets()[0].port, 80);
    EXPECT_EQ(targets()[0].health.state, model::TargetHealthState::initial);
    EXPECT_TRUE(wait_until(
        [&] {
            return has_event("(service web) registered 1 targets in (target-group " +
                             std::string(k_tg) + ")");
        },
        5s, 50ms));

    // Not healthy for the deployment until its target is.
    std::this_thread::sleep_for(500ms);
    EXPECT_EQ(service()["deployments"][0]["rolloutState"], "IN_PROGRESS");
    lbs_.set_target_health(key_, k_tg, targets()[0].id, 80, model::TargetHealthState::healthy,
                           std::nullopt);
    ASSERT_TRUE(wait_until(
        [&] { return service()["deployments"][0]["rolloutState"] == "COMPLETED"; }, 10s, 50ms));
    EXPECT_EQ(only_task().targets[0].status, model::TargetStatus::healthy);

    // Scaling in: the task drains in DEACTIVATING (its target draining in the store), then
    // stops once the deregistration delay is over.
    call("UpdateService", {{"service", "web"}, {"desiredCount", 0}});
    ASSERT_TRUE(wait_until(
        [&] { return only_task().last_status == model::TaskStatus::deactivating; }, 10s, 20ms));
    auto draining = targets();
    ASSERT_EQ(draining.size(), 1u);
    EXPECT_EQ(draining[0].health.state, model::TargetHealthState::draining);
    docker::ContainerFilter of_task;
    of_task.labels = {std::string(runtime::label::task_arn) + "=" + task.arn};
    of_task.all = false;
    EXPECT_FALSE(docker().container_list(of_task).empty());  // it still serves while draining
    EXPECT_TRUE(has_event("(service web) has begun draining connections on 1 tasks."));

    ASSERT_TRUE(wait_until([&] { return only_task().last_status == model::TaskStatus::stopped; },
                           30s, 50ms));
    EXPECT_TRUE(targets().empty());
    EXPECT_TRUE(has_event("(service web) deregistered 1 targets in (target-group " +
                          std::string(k_tg) + ")"));
}

}  // namespace
}  // namespace berth::test

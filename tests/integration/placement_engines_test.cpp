// Placement over three engines (issue 15). Three forwarders in front of the one real engine
// stand for three Docker hosts (three --docker-host), so Berth registers three container
// instances, each in a zone of its own (a, b, c), and places tasks over them as ECS places
// them over EC2 instances; every task still runs for real. Nothing about Docker is faked: the
// forwarders copy bytes.
#include <map>

#include "integration/services_support.hpp"
#include "integration/support/socket_proxy.hpp"

namespace berth::test {
namespace {

class ThreeEngines : public ServicesOnEngine {
  protected:
    std::vector<std::unique_ptr<SocketProxy>> proxies_;
    std::vector<std::string> instances_;  // container instance ARNs, in --docker-host order

    void SetUp() override {
        RuntimeTest::SetUp();
        auto o = options();
        o.docker_hosts.clear();  // the three forwarders only
        for (int i = 0; i < 3; ++i) {
            proxies_.push_back(std::make_unique<SocketProxy>());
            proxies_.back()->start();
            o.docker_hosts.push_back(proxies_.back()->host());
        }
        start_services(std::move(o));
        ASSERT_TRUE(wait_until([&] { return registered().size() == 3; }, 10s)) << [&] {
            std::string seen;
            store_.read(key_, [&](const model::Partition& p) {
                for (const auto& [arn, ci] : p.container_instances) {
                    seen += ci.docker_host + (ci.agent_connected ? " connected\n" : " not\n");
                }
            });
            return seen;
        }();
        for (const auto& p : proxies_) instances_.push_back(registered().at(p->host()));
    }

    void TearDown() override {
        for (auto& p : proxies_) p->start();  // a stopped engine is back: Berth cleans it too
        ServicesOnEngine::TearDown();
    }

    // Berth's own container instances in "default", by engine.
    std::map<std::string, std::string> registered() {
        return store_.read(key_, [](const model::Partition& p) {
            std::map<std::string, std::string> out;
            for (const auto& [arn, ci] : p.container_instances) {
                if (ci.cluster_name == "default" && ci.auto_registered && ci.agent_connected) {
                    out[ci.docker_host] = arn;
                }
            }
            return out;
        });
    }

    // How many of `name`'s RUNNING tasks each container instance holds.
    std::map<std::string, int> running_per_instance(const std::string& name) {
        std::map<std::string, int> out;
        for (const auto& t : service_tasks(name)) {
            if (t.last_status == model::TaskStatus::running) ++out[t.container_instance_arn];
        }
        return out;
    }

    // "web": three tasks spread by zone, once stable.
    void spread_service() {
        call("CreateService",
             {{"serviceName", "web"},
              {"taskDefinition", definition()},
              {"desiredCount", 3},
              {"placementStrategy",
               {{{"type", "spread"}, {"field", "attribute:ecs.availability-zone"}}}}});
        wait_stable("web");
    }

    std::string definition() { return revision(service_container()); }
};

TEST_F(ThreeEngines, EachEngineIsAnInstanceInAZoneOfItsOwn) {
    std::set<std::string> zones;
    store_.read(key_, [&](const model::Partition& p) {
        for (const auto& arn : instances_) {
            zones.insert(
                model::attribute_value(p.container_instances.at(arn), "ecs.availability-zone")
                    .value_or(""));
        }
    });
    EXPECT_EQ(zones, (std::set<std::string>{"us-east-1a", "us-east-1b", "us-east-1c"}));
}

TEST_F(ThreeEngines, SpreadByZoneLandsOneTaskPerEngine) {
    spread_service();
    EXPECT_EQ(
        running_per_instance("web"),
        (std::map<std::string, int>{{instances_[0], 1}, {instances_[1], 1}, {instances_[2], 1}}));
    std::set<std::string> zones;
    for (const auto& t : service_tasks("web")) zones.insert(t.availability_zone);
    EXPECT_EQ(zones, (std::set<std::string>{"us-east-1a", "us-east-1b", "us-east-1c"}));
    EXPECT_EQ(running_containers().size(), 3u);  // each one a container on the engine
}

TEST_F(ThreeEngines, BinpackFillsOneEngineFirst) {
    auto out =
        call("RunTask", {{"taskDefinition", definition()},
                         {"count", 3},
                         {"placementStrategy", {{{"type", "binpack"}, {"field", "memory"}}}}});
    ASSERT_EQ(out["tasks"].size(), 3u) << out.dump(2);
    std::set<std::string> where;
    for (const auto& t : out["tasks"]) {
        where.insert(t["containerInstanceArn"].get<std::string>());
        wait_task(t["taskArn"],
                  [](const model::Task& x) { return x.last_status == model::TaskStatus::running; });
    }
    EXPECT_EQ(where.size(), 1u) << "binpack put the tasks on " << where.size() << " engines";
}

TEST_F(ThreeEngines, DistinctInstanceRefusesAFourthTask) {
    auto out = call("RunTask", {{"taskDefinition", definition()},
                                {"count", 4},
                                {"placementConstraints", {{{"type", "distinctInstance"}}}}});
    ASSERT_EQ(out["tasks"].size(), 3u) << out.dump(2);
    ASSERT_EQ(out["failures"].size(), 1u) << out.dump(2);
    std::set<std::string> where;
    for (const auto& t : out["tasks"]) where.insert(t["containerInstanceArn"].get<std::string>());
    EXPECT_EQ(where.size(), 3u);
    for (const auto& t : out["tasks"])
        wait_task(t["taskArn"],
                  [](const model::Task& x) { return x.last_status == model::TaskStatus::running; });
}

TEST_F(ThreeEngines, DrainingAnEngineMovesItsServiceTasks) {
    spread_service();
    call("UpdateContainerInstancesState",
         {{"containerInstances", {instances_[0]}}, {"status", "DRAINING"}});
    std::map<std::string, int> per_instance;
    EXPECT_TRUE(wait_until(
        [&] {
            per_instance = running_per_instance("web");
            int total = 0;
            for (const auto& [arn, n] : per_instance) total += n;
            return !per_instance.contains(instances_[0]) && total == 3;
        },
        60s, 100ms));
    EXPECT_FALSE(per_instance.contains(instances_[0]));
    EXPECT_EQ(per_instance[instances_[1]] + per_instance[instances_[2]], 3);
    wait_stable("web");
    // The drained task's container goes once it has stopped.
    EXPECT_TRUE(wait_until([&] { return running_containers().size() == 3u; }, 20s, 100ms));
}

// An engine that stops is an EC2 instance that is gone: ECS keeps its tasks as they were last
// reported until the instance is deregistered (an Auto Scaling group does it on termination);
// deregistering it with force stops them, and the service starts their replacements elsewhere.
TEST_F(ThreeEngines, AStoppedEnginesTasksAreReplacedElsewhereOnceItIsDeregistered) {
    spread_service();
    proxies_[0]->stop();
    ASSERT_TRUE(wait_until([&] { return !registered().contains(proxies_[0]->host()); }, 10s));
    call("DeregisterContainerInstance", {{"containerInstance", instances_[0]}, {"force", true}});
    std::map<std::string, int> wanted;  // RUNNING tasks meant to run, per instance
    EXPECT_TRUE(wait_until(
        [&] {
            wanted.clear();
            for (const auto& t : service_tasks("web")) {
                if (t.desired_status == model::TaskStatus::running &&
                    t.last_status == model::TaskStatus::running) {
                    ++wanted[t.container_instance_arn];
                }
            }
            return !wanted.contains(instances_[0]) &&
                   wanted[instances_[1]] + wanted[instances_[2]] == 3;
        },
        60s, 100ms));
    EXPECT_FALSE(wanted.contains(instances_[0]));
    EXPECT_EQ(describe("web")["runningCount"], 3);
}

}  // namespace
}  // namespace berth::test

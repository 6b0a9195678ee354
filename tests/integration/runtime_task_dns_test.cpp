// Task DNS on the real engine: the runtime names Berth's DNS server on the gateway of each task
// network as the containers' resolver (app::DnsListeners serving edge::DnsServer, as berth
// wires them), so a bridge container and an awsvpc task resolve a name of a private Cloud Map
// namespace, and a name outside it through the forwarder (here to a second DnsServer on
// loopback, so that no lookup leaves the host).
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "app/dns_listeners.hpp"
#include "integration/runtime_support.hpp"

namespace berth::test {
namespace {

using model::TaskStatus;

const model::PartitionKey k_names_partition{"000000000000", "us-east-1"};

// A private DNS namespace `ns` whose service `backend` answers A records with `ips`.
void add_namespace(model::ServiceDiscoveryStore& names, const std::string& ns,
                   const std::vector<std::string>& ips) {
    names.write(k_names_partition, [&](model::ServiceDiscoveryPartition& p) {
        model::CloudMapNamespace n;
        n.id = "ns-" + ns;
        n.name = ns;
        n.type = model::NamespaceType::dns_private;
        p.namespaces[n.id] = n;
        model::CloudMapService s;
        s.id = "srv-" + ns;
        s.name = "backend";
        s.namespace_id = n.id;
        s.type = model::CloudMapServiceType::dns_http;
        s.dns_config =
            model::DnsConfig{model::RoutingPolicy::multivalue, {{model::DnsRecordType::a, 10}}};
        s.custom_health_check = model::HealthCheckCustomConfig{};
        for (const auto& ip : ips) {
            model::CloudMapInstance i;
            i.id = "i-" + ip;
            i.attributes = {{"AWS_INSTANCE_IPV4", ip}};
            s.instances[i.id] = i;
        }
        p.services[s.id] = s;
    });
}

class RuntimeTaskDns : public RuntimeTest {
  protected:
    const std::string ns_ = unique_name("dns") + ".local";
    const std::string outside_ = unique_name("up") + ".test";  // only the upstream knows it
    model::ServiceDiscoveryStore names_;
    model::ServiceDiscoveryStore upstream_names_;
    model::ServiceConnectNames connect_names_;  // none: Cloud Map's names only
    std::unique_ptr<edge::DnsServer> upstream_;
    std::thread upstream_thread_;
    std::unique_ptr<app::DnsListeners> listeners_;
    std::mutex mutex_;
    std::vector<std::string> asked_;  // the gateways the runtime asked for, guarded by mutex_

    void SetUp() override {
        RuntimeTest::SetUp();
        add_namespace(names_, ns_, {"10.99.0.7", "10.99.0.8"});
        add_namespace(upstream_names_, outside_, {"10.99.1.9"});
        edge::DnsServerOptions o;
        o.port = 0;
        o.names = &upstream_names_;
        upstream_ = std::make_unique<edge::DnsServer>(o);
        upstream_thread_ = std::thread([this] { upstream_->run(); });
        listeners_ = std::make_unique<app::DnsListeners>(
            names_, connect_names_,
            std::vector<edge::DnsUpstream>{{"127.0.0.1", upstream_->port()}});
        auto opts = options();
        opts.stopped_task_retention = 0s;
        opts.dns_on = [this](const std::string& gateway) -> std::optional<std::string> {
            std::lock_guard lock(mutex_);
            asked_.push_back(gateway);
            if (!listeners_->listen_on(gateway)) return std::nullopt;
            return gateway;
        };
        start_runtime(std::move(opts));
    }

    void TearDown() override {
        RuntimeTest::TearDown();
        listeners_->stop();
        upstream_->stop();
        upstream_thread_.join();
    }

    // What the probe printed: its resolv.conf and both lookups, once it printed END.
    std::string probe_output(const model::Task& t) {
        std::string out;
        wait_until(
            [&] {
                out = docker().container_logs(container(t, "probe").runtime_id).stdout_text();
                return out.find("END") != std::string::npos;
            },
            30s, 100ms);
        return out;
    }

    std::vector<std::string> asked() {
        std::lock_guard lock(mutex_);
        return asked_;
    }

    // The shell is PID 1, which ignores SIGTERM without a trap: without one each stop would
    // wait out the 30 s stop timeout.
    static constexpr const char* k_linger = "; echo END; trap 'exit 0' TERM; sleep 60 & wait";

    std::string probe() const {
        return "cat /etc/resolv.conf; nslookup backend." + ns_ + "; nslookup backend." + outside_ +
               k_linger;
    }
};

TEST_F(RuntimeTaskDns, BridgeContainersResolvePrivateNamesThroughTheGateway) {
    auto arn = run_task({{"containerDefinitions", {busybox_container("probe", probe())}}});
    auto t = wait_status(arn, TaskStatus::running);
    auto out = probe_output(t);
    const auto gateways = asked();
    ASSERT_EQ(gateways.size(), 1u);
    const auto d = docker().container_inspect(container(t, "probe").runtime_id);
    const auto gateway = d.raw["NetworkSettings"]["Networks"]["bridge"].value("Gateway", "");
    EXPECT_EQ(gateways[0], gateway) << "the gateway found before create is the container's";
    EXPECT_NE(out.find("nameserver " + gateway), std::string::npos) << out;
    EXPECT_NE(out.find("10.99.0.7"), std::string::npos) << out;
    EXPECT_NE(out.find("10.99.0.8"), std::string::npos) << out;
    EXPECT_NE(out.find("10.99.1.9"), std::string::npos) << "forwarded: " << out;
    stop_task(arn);
    wait_status(arn, TaskStatus::stopped);
}

TEST_F(RuntimeTaskDns, DnsServersOfTheDefinitionAreKept) {
    auto c = busybox_container("probe", std::string("cat /etc/resolv.conf") + k_linger);
    c["dnsServers"] = {"127.0.0.1"};
    auto arn = run_task({{"containerDefinitions", {c}}});
    auto out = probe_output(wait_status(arn, TaskStatus::running));
    EXPECT_NE(out.find("nameserver 127.0.0.1"), std::string::npos) << out;
    // The definition's server is the only one: Berth's resolver is not added beside it.
    EXPECT_EQ(out.find("nameserver "), out.rfind("nameserver ")) << out;
    stop_task(arn);
    wait_status(arn, TaskStatus::stopped);
}

TEST_F(RuntimeTaskDns, AwsvpcTasksResolvePrivateNamesThroughTheirNetworksGateway) {
    auto arn = run_task({{"networkMode", "awsvpc"},
                         {"containerDefinitions", {busybox_container("probe", probe())}}});
    auto t = wait_status(arn, TaskStatus::running);
    auto out = probe_output(t);
    const auto gateways = asked();
    ASSERT_EQ(gateways.size(), 1u);
    const auto sandbox = docker().container_inspect(t.sandbox_id);
    const auto gateway =
        sandbox.raw["NetworkSettings"]["Networks"]["berth-awsvpc"].value("Gateway", "");
    EXPECT_EQ(gateways[0], gateway);
    EXPECT_EQ(sandbox.raw["HostConfig"]["Dns"], json::array({gateway}));
    // Docker's embedded resolver answers in the namespace and forwards to the sandbox's Dns.
    EXPECT_NE(out.find("10.99.0.7"), std::string::npos) << out;
    EXPECT_NE(out.find("10.99.0.8"), std::string::npos) << out;
    EXPECT_NE(out.find("10.99.1.9"), std::string::npos) << "forwarded: " << out;
    stop_task(arn);
    wait_status(arn, TaskStatus::stopped);
}

}  // namespace
}  // namespace berth::test

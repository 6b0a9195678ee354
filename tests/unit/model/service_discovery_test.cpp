#include "berth/model/service_discovery.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace berth::model {
namespace {

const PartitionKey k_east{"123456789012", "us-east-1"};
const PartitionKey k_west{"123456789012", "eu-west-1"};

// A private namespace `zone` with one service `name` of `records`, returning its service id.
std::string add_service(ServiceDiscoveryPartition& p, std::string zone, std::string name,
                        std::vector<DnsRecord> records, bool custom_health = false,
                        NamespaceType type = NamespaceType::dns_private) {
    const CloudMapNamespace* ns = p.namespace_named(zone);
    std::string ns_id;
    if (ns == nullptr) {
        CloudMapNamespace n;
        n.id = new_cloudmap_namespace_id();
        n.name = zone;
        n.type = type;
        n.soa_ttl = 30;
        ns_id = n.id;
        p.namespaces.emplace(n.id, n);
    } else {
        ns_id = ns->id;
    }
    CloudMapService s;
    s.id = new_cloudmap_service_id();
    s.name = std::move(name);
    s.namespace_id = ns_id;
    s.dns_config = DnsConfig{RoutingPolicy::multivalue, std::move(records)};
    if (custom_health) s.custom_health_check = HealthCheckCustomConfig{};
    auto id = s.id;
    p.services.emplace(id, std::move(s));
    return id;
}

void add_instance(ServiceDiscoveryPartition& p, const std::string& service_id, std::string id,
                  Attributes attributes, HealthStatus health = HealthStatus::healthy) {
    CloudMapInstance i;
    i.id = std::move(id);
    i.attributes = std::move(attributes);
    i.custom_health = health;
    p.services.at(service_id).instances[i.id] = std::move(i);
}

std::vector<std::string> values(const DnsLookup& l) {
    std::vector<std::string> out;
    for (const auto& a : l.answers) out.push_back(a.value);
    std::sort(out.begin(), out.end());
    return out;
}

TEST(ServiceDiscovery, NamesRoundTripThroughTheirTables) {
    for (auto t : all_values<DnsRecordType>()) EXPECT_EQ(parse<DnsRecordType>(to_string(t)), t);
    for (auto t : all_values<NamespaceType>()) EXPECT_EQ(parse<NamespaceType>(to_string(t)), t);
    for (auto t : all_values<OperationType>()) EXPECT_EQ(parse<OperationType>(to_string(t)), t);
    EXPECT_EQ(to_string(RoutingPolicy::weighted), "WEIGHTED");
    EXPECT_EQ(to_string(HealthStatus::healthy), "HEALTHY");
}

TEST(ServiceDiscovery, IdsAndArnsHaveCloudMapsShape) {
    auto ns = new_cloudmap_namespace_id();
    EXPECT_EQ(ns.substr(0, 3), "ns-");
    EXPECT_EQ(ns.size(), 19u);
    EXPECT_EQ(new_cloudmap_service_id().substr(0, 4), "srv-");
    EXPECT_EQ(cloudmap_namespace_arn(k_east, "ns-abc"),
              "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc");
    EXPECT_EQ(cloudmap_service_arn(k_east, "srv-abc"),
              "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abc");
}

TEST(ServiceDiscovery, FindsByIdOrMatchingArnOnly) {
    ServiceDiscoveryPartition p;
    auto sid = add_service(p, "demo.local", "backend", {{DnsRecordType::a, 10}});
    p.services.at(sid).arn = cloudmap_service_arn(k_east, sid);
    EXPECT_NE(p.find_service(sid), nullptr);
    EXPECT_NE(p.find_service(cloudmap_service_arn(k_east, sid)), nullptr);
    EXPECT_EQ(p.find_service(cloudmap_service_arn(k_west, sid)), nullptr);
    EXPECT_EQ(p.find_service("srv-nope"), nullptr);
    EXPECT_NE(p.service_named(p.services.at(sid).namespace_id, "BACKEND"), nullptr);
    EXPECT_EQ(p.services_in(p.services.at(sid).namespace_id), 1u);
}

TEST(ServiceDiscovery, OperationsReadSubmittedOnceThenTheirStatus) {
    ServiceDiscoveryPartition p;
    auto id = p.add_operation(OperationType::create_namespace,
                              {{OperationTargetType::namespace_, "ns-x"}}, Clock::now());
    auto& op = p.operations.at(id);
    EXPECT_EQ(op.report(), OperationStatus::submitted);
    EXPECT_EQ(op.report(), OperationStatus::success);
    EXPECT_EQ(op.report(), OperationStatus::success);
}

TEST(ServiceDiscovery, ARecordsOfAServiceName) {
    ServiceDiscoveryStore store;
    store.write(k_east, [](ServiceDiscoveryPartition& p) {
        auto sid = add_service(p, "demo.local", "backend", {{DnsRecordType::a, 10}});
        add_instance(p, sid, "t1", {{"AWS_INSTANCE_IPV4", "10.0.0.1"}});
        add_instance(p, sid, "t2", {{"AWS_INSTANCE_IPV4", "10.0.0.2"}});
    });
    auto l = store.lookup_dns("Backend.Demo.Local.", DnsRecordType::a);
    EXPECT_TRUE(l.in_private_namespace);
    EXPECT_TRUE(l.name_exists);
    EXPECT_EQ(l.namespace_name, "demo.local");
    EXPECT_EQ(l.ttl, 10);
    EXPECT_EQ(l.soa_ttl, 30);
    EXPECT_EQ(l.answer_type, DnsRecordType::a);
    EXPECT_EQ(values(l), (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));

    auto aaaa = store.lookup_dns("backend.demo.local", DnsRecordType::aaaa);
    EXPECT_TRUE(aaaa.name_exists);  // NODATA, not NXDOMAIN
    EXPECT_TRUE(aaaa.answers.empty());
}

TEST(ServiceDiscovery, NamesOutsideOrUnknownInsideANamespace) {
    ServiceDiscoveryStore store;
    store.write(k_east, [](ServiceDiscoveryPartition& p) {
        add_service(p, "demo.local", "backend", {{DnsRecordType::a, 10}});
        add_service(p, "public.example", "www", {{DnsRecordType::a, 10}}, false,
                    NamespaceType::dns_public);
    });
    auto outside = store.lookup_dns("example.com", DnsRecordType::a);
    EXPECT_FALSE(outside.in_private_namespace);
    auto suffix_only = store.lookup_dns("xdemo.local", DnsRecordType::a);
    EXPECT_FALSE(suffix_only.in_private_namespace);
    auto public_zone = store.lookup_dns("www.public.example", DnsRecordType::a);
    EXPECT_FALSE(public_zone.in_private_namespace);  // public names resolve on the Internet

    auto unknown = store.lookup_dns("nothing.demo.local", DnsRecordType::a);
    EXPECT_TRUE(unknown.in_private_namespace);
    EXPECT_FALSE(unknown.name_exists);  // NXDOMAIN
    auto no_instances = store.lookup_dns("backend.demo.local", DnsRecordType::a);
    EXPECT_TRUE(no_instances.in_private_namespace);
    EXPECT_FALSE(no_instances.name_exists);  // no record was created yet
    auto apex = store.lookup_dns("demo.local", DnsRecordType::a);
    EXPECT_TRUE(apex.name_exists);
    EXPECT_TRUE(apex.answers.empty());
}

TEST(ServiceDiscovery, CustomHealthKeepsHealthyInstancesUnlessNoneIs) {
    struct Case {
        std::vector<HealthStatus> health;
        bool custom;
        std::vector<std::string> expected;
    };
    using H = HealthStatus;
    const std::vector<Case> cases = {
        {{H::healthy, H::unhealthy}, true, {"10.0.0.0"}},
        {{H::unhealthy, H::unhealthy}, true, {"10.0.0.0", "10.0.0.1"}},  // all, as Route 53
        {{H::healthy, H::healthy}, true, {"10.0.0.0", "10.0.0.1"}},
        {{H::unhealthy, H::healthy}, false, {"10.0.0.0", "10.0.0.1"}},  // no health check
    };
    for (const auto& c : cases) {
        ServiceDiscoveryPartition p;
        auto sid = add_service(p, "demo.local", "api", {{DnsRecordType::a, 5}}, c.custom);
        for (std::size_t i = 0; i < c.health.size(); ++i) {
            add_instance(p, sid, "i" + std::to_string(i),
                         {{"AWS_INSTANCE_IPV4", "10.0.0." + std::to_string(i)}}, c.health[i]);
        }
        EXPECT_EQ(values(lookup_dns(p, "api.demo.local", DnsRecordType::a)), c.expected);
    }
}

TEST(ServiceDiscovery, SrvRecordsPointAtInstanceHostsThatHaveARecords) {
    ServiceDiscoveryPartition p;
    auto sid = add_service(p, "demo.local", "web", {{DnsRecordType::srv, 20}});
    add_instance(p, sid, "Task1",
                 {{"AWS_INSTANCE_IPV4", "172.17.0.1"}, {"AWS_INSTANCE_PORT", "32768"}});
    add_instance(p, sid, "task2", {{"AWS_INSTANCE_IPV4", "172.17.0.1"}});  // no port: no SRV
    auto srv = lookup_dns(p, "web.demo.local", DnsRecordType::srv);
    ASSERT_EQ(srv.answers.size(), 1u);
    EXPECT_EQ(srv.answers[0].value, "task1.web.demo.local");
    EXPECT_EQ(srv.answers[0].port, 32768);
    EXPECT_EQ(srv.answers[0].priority, 1);
    EXPECT_EQ(srv.answers[0].weight, 1);
    EXPECT_EQ(srv.ttl, 20);

    auto host = lookup_dns(p, "task1.web.demo.local", DnsRecordType::a);
    EXPECT_TRUE(host.name_exists);
    EXPECT_EQ(values(host), (std::vector<std::string>{"172.17.0.1"}));
    EXPECT_EQ(host.ttl, 20);
    EXPECT_FALSE(lookup_dns(p, "task9.web.demo.local", DnsRecordType::a).name_exists);
}

TEST(ServiceDiscovery, CnameRecordsAnswerEveryType) {
    ServiceDiscoveryPartition p;
    auto sid = add_service(p, "demo.local", "db", {{DnsRecordType::cname, 300}});
    add_instance(p, sid, "i1", {{"AWS_INSTANCE_CNAME", "DB.Example.com"}});
    auto l = lookup_dns(p, "db.demo.local", DnsRecordType::a);
    EXPECT_EQ(l.answer_type, DnsRecordType::cname);
    EXPECT_EQ(values(l), (std::vector<std::string>{"db.example.com"}));
    EXPECT_EQ(l.ttl, 300);
}

TEST(ServiceDiscovery, EveryPartitionIsAsked) {
    ServiceDiscoveryStore store;
    store.write(k_west, [](ServiceDiscoveryPartition& p) {
        auto sid = add_service(p, "west.local", "api", {{DnsRecordType::a, 10}});
        add_instance(p, sid, "i1", {{"AWS_INSTANCE_IPV4", "10.1.0.1"}});
    });
    store.write(k_east, [](ServiceDiscoveryPartition& p) {
        add_service(p, "east.local", "api", {{DnsRecordType::a, 10}});
    });
    EXPECT_EQ(values(store.lookup_dns("api.west.local", DnsRecordType::a)),
              (std::vector<std::string>{"10.1.0.1"}));
    EXPECT_TRUE(store.lookup_dns("api.east.local", DnsRecordType::a).in_private_namespace);
}

TEST(ServiceDiscovery, WritesBumpTheVersionAndCallSubscribersAfterUnlocking) {
    ServiceDiscoveryStore store;
    int calls = 0;
    std::uint64_t seen = 0;
    store.subscribe([&] {
        ++calls;
        // The lock is free again: a subscriber may read.
        seen = store.read(k_east,
                          [](const ServiceDiscoveryPartition& p) { return p.namespaces.size(); });
    });
    auto before = store.version();
    store.write(k_east, [](ServiceDiscoveryPartition& p) {
        add_service(p, "demo.local", "api", {{DnsRecordType::a, 10}});
    });
    EXPECT_EQ(store.version(), before + 1);
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(seen, 1u);
}

}  // namespace
}  // namespace berth::model

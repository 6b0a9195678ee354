// Berth's own DNS answers (edge/dns/answers.hpp) from a ServiceDiscoveryStore holding a
// private namespace demo.local with a service `backend`.
#include <set>

#include <gtest/gtest.h>

#include "edge/dns/answers.hpp"

namespace berth::edge::dns {
namespace {

const model::PartitionKey k_partition{"000000000000", "us-east-1"};

class DnsAnswers : public testing::Test {
  protected:
    model::ServiceDiscoveryStore names;
    std::mt19937 rng{53};

    void SetUp() override {
        names.write(k_partition, [](model::ServiceDiscoveryPartition& p) {
            model::CloudMapNamespace ns;
            ns.id = "ns-demo";
            ns.name = "demo.local";
            ns.type = model::NamespaceType::dns_private;
            ns.soa_ttl = 15;
            p.namespaces[ns.id] = ns;
            model::CloudMapNamespace http = ns;
            http.id = "ns-http";
            http.name = "api.internal";
            http.type = model::NamespaceType::http;
            p.namespaces[http.id] = http;
        });
        add_service("backend", model::RoutingPolicy::multivalue,
                    {{model::DnsRecordType::a, 10}, {model::DnsRecordType::srv, 20}});
    }

    void add_service(const std::string& name, model::RoutingPolicy policy,
                     std::vector<model::DnsRecord> records) {
        names.write(k_partition, [&](model::ServiceDiscoveryPartition& p) {
            model::CloudMapService s;
            s.id = "srv-" + name;
            s.name = name;
            s.namespace_id = "ns-demo";
            s.type = model::CloudMapServiceType::dns_http;
            s.dns_config = model::DnsConfig{policy, records};
            s.custom_health_check = model::HealthCheckCustomConfig{};
            p.services[s.id] = s;
        });
    }

    void add_instance(const std::string& service, const std::string& id, const std::string& ip,
                      std::uint16_t port = 8080,
                      model::HealthStatus health = model::HealthStatus::healthy) {
        names.write(k_partition, [&](model::ServiceDiscoveryPartition& p) {
            model::CloudMapInstance i;
            i.id = id;
            i.attributes = {{"AWS_INSTANCE_IPV4", ip}, {"AWS_INSTANCE_PORT", std::to_string(port)}};
            i.custom_health = health;
            p.services.at("srv-" + service).instances[id] = i;
        });
    }

    std::optional<Message> ask(const std::string& name, std::uint16_t qtype) {
        Message q;
        q.id = 77;
        q.recursion_desired = true;
        q.questions.push_back({name, qtype, k_class_in});
        return answer_from(names, q, rng);
    }
};

std::set<std::string> addresses(const Message& m) {
    std::set<std::string> out;
    for (const auto& r : m.answers) {
        const auto& ip = std::get<Ipv4>(r.data);
        out.insert(std::to_string(ip[0]) + "." + std::to_string(ip[1]) + "." +
                   std::to_string(ip[2]) + "." + std::to_string(ip[3]));
    }
    return out;
}

TEST_F(DnsAnswers, AnswersTheHealthyTasksAddressesWithTheDnsConfigTtl) {
    add_instance("backend", "t1", "10.90.0.2");
    add_instance("backend", "t2", "10.90.0.3");
    add_instance("backend", "t3", "10.90.0.4", 8080, model::HealthStatus::unhealthy);
    auto m = ask("Backend.Demo.Local.", type::a);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->id, 77);
    EXPECT_TRUE(m->response);
    EXPECT_TRUE(m->authoritative);
    EXPECT_TRUE(m->recursion_desired);
    EXPECT_EQ(m->rcode, Rcode::no_error);
    EXPECT_EQ(addresses(*m), (std::set<std::string>{"10.90.0.2", "10.90.0.3"}));
    for (const auto& r : m->answers) {
        EXPECT_EQ(r.ttl, 10u);
        EXPECT_EQ(r.name, "Backend.Demo.Local.") << "the name as asked";
    }
}

TEST_F(DnsAnswers, ShufflesMultivalueAnswersAndKeepsEight) {
    for (int i = 0; i < 10; ++i)
        add_instance("backend", "t" + std::to_string(i), "10.90.0." + std::to_string(10 + i));
    std::set<std::string> firsts;
    std::set<std::string> seen;
    for (int round = 0; round < 50; ++round) {
        auto m = ask("backend.demo.local", type::a);
        ASSERT_EQ(m->answers.size(), 8u);
        Message first;
        first.answers = {m->answers[0]};
        firsts.insert(*addresses(first).begin());
        for (const auto& a : addresses(*m)) seen.insert(a);
    }
    EXPECT_GT(firsts.size(), 3u) << "the order changes from answer to answer";
    EXPECT_EQ(seen.size(), 10u) << "every instance is answered sometimes";
}

TEST_F(DnsAnswers, AnswersOneRecordForAWeightedService) {
    add_service("weighted", model::RoutingPolicy::weighted, {{model::DnsRecordType::a, 30}});
    add_instance("weighted", "w1", "10.90.1.2");
    add_instance("weighted", "w2", "10.90.1.3");
    auto m = ask("weighted.demo.local", type::a);
    ASSERT_EQ(m->answers.size(), 1u);
    EXPECT_EQ(m->answers[0].ttl, 30u);
}

TEST_F(DnsAnswers, AnswersSrvWithThePortsAndAHostThatResolves) {
    add_instance("backend", "t1", "10.90.0.2", 32768);
    auto m = ask("backend.demo.local", type::srv);
    ASSERT_EQ(m->answers.size(), 1u);
    const auto& srv = std::get<Srv>(m->answers[0].data);
    EXPECT_EQ(srv.port, 32768);
    EXPECT_EQ(m->answers[0].ttl, 20u);
    auto host = ask(srv.target, type::a);
    ASSERT_TRUE(host);
    EXPECT_EQ(addresses(*host), (std::set<std::string>{"10.90.0.2"}));
}

TEST_F(DnsAnswers, AnswersNxdomainWithTheSoaForUnknownNamesInTheNamespace) {
    auto m = ask("nothing.demo.local", type::a);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->rcode, Rcode::name_error);
    EXPECT_TRUE(m->answers.empty());
    ASSERT_EQ(m->authority.size(), 1u);
    EXPECT_EQ(m->authority[0].type, type::soa);
    EXPECT_EQ(m->authority[0].name, "demo.local");
    EXPECT_EQ(m->authority[0].ttl, 15u);
    // The SOA is well formed: the message parses back.
    EXPECT_EQ(parse(write(*m)).authority.size(), 1u);
}

TEST_F(DnsAnswers, AnswersNodataForOtherTypesOfAKnownName) {
    add_instance("backend", "t1", "10.90.0.2");
    for (std::uint16_t t : {type::aaaa, std::uint16_t{16} /* TXT */}) {
        auto m = ask("backend.demo.local", t);
        ASSERT_TRUE(m);
        EXPECT_EQ(m->rcode, Rcode::no_error) << t;
        EXPECT_TRUE(m->answers.empty()) << t;
        EXPECT_EQ(m->authority.size(), 1u) << t;
    }
}

TEST_F(DnsAnswers, LeavesOtherNamesToTheForwarder) {
    EXPECT_FALSE(ask("example.com", type::a));
    EXPECT_FALSE(ask("demo.localhost", type::a));
    EXPECT_FALSE(ask("backend.api.internal", type::a)) << "an HTTP namespace has no DNS";
}

TEST_F(DnsAnswers, FollowsTheStoreAsInstancesComeAndGo) {
    add_instance("backend", "t1", "10.90.0.2");
    EXPECT_EQ(ask("backend.demo.local", type::a)->answers.size(), 1u);
    add_instance("backend", "t2", "10.90.0.3");
    EXPECT_EQ(ask("backend.demo.local", type::a)->answers.size(), 2u);
    names.write(k_partition, [](model::ServiceDiscoveryPartition& p) {
        p.services.at("srv-backend").instances.erase("t1");
    });
    EXPECT_EQ(addresses(*ask("backend.demo.local", type::a)), (std::set<std::string>{"10.90.0.3"}));
}

// Service Connect's names, answered from the table the service registrar writes.
TEST_F(DnsAnswers, AnswersServiceConnectNamesWithTheServingTasks) {
    model::ServiceConnectNames connect;
    connect.replace({{"backend", {"10.90.0.2", "10.90.0.3"}}, {"api.demo.local", {"10.90.0.2"}}});
    auto question = [&](const std::string& name, std::uint16_t qtype) {
        Message q;
        q.id = 9;
        q.questions.push_back({name, qtype, k_class_in});
        return answer_service_connect(connect, q, rng);
    };
    struct Case {
        std::string name;
        std::uint16_t qtype;
        bool ours;
        std::set<std::string> addresses;
    };
    const std::vector<Case> cases = {
        {"backend", type::a, true, {"10.90.0.2", "10.90.0.3"}},
        {"Backend.", type::a, true, {"10.90.0.2", "10.90.0.3"}},
        {"api.demo.local", type::a, true, {"10.90.0.2"}},
        {"backend", type::srv, true, {}},  // NODATA: Service Connect's names are A only
        {"frontend", type::a, false, {}},
        {"backend.demo.local", type::a, false, {}},  // left to Cloud Map's namespace
    };
    for (const auto& c : cases) {
        auto m = question(c.name, c.qtype);
        ASSERT_EQ(m.has_value(), c.ours) << c.name;
        if (!m) continue;
        EXPECT_TRUE(m->authoritative) << c.name;
        EXPECT_EQ(m->rcode, Rcode::no_error) << c.name;
        EXPECT_EQ(addresses(*m), c.addresses) << c.name;
        for (const auto& r : m->answers) EXPECT_EQ(r.ttl, k_service_connect_ttl);
    }
}

}  // namespace
}  // namespace berth::edge::dns

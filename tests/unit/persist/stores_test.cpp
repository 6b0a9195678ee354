// The stores around ECS in the state files: Secrets Manager, SSM and CloudWatch Logs entities
// written by StoreImager and read back by restore_side_stores, and the log-event chunks that a
// batch re-encodes only when they changed.
#include "berth/persist/stores.hpp"

#include <gtest/gtest.h>

#include <variant>

#include "berth/persist/errors.hpp"

namespace berth::persist {
namespace {

const model::PartitionKey k_part{"123456789012", "eu-west-1"};

struct AllStores {
    model::Store ecs;
    model::SecretStore secrets;
    model::ParameterStore parameters;
    model::LogStore logs{1000};
    model::ServiceDiscoveryStore discovery;
    model::LoadBalancerStore load_balancers;
    Stores stores() { return {ecs, &secrets, &parameters, &logs, &discovery, &load_balancers}; }
};

void fill_cloud_map(model::ServiceDiscoveryStore& discovery) {
    discovery.write(k_part, [](model::ServiceDiscoveryPartition& p) {
        auto& ns = p.namespaces["ns-0123456789abcdef"];
        ns.id = "ns-0123456789abcdef";
        ns.name = "demo.local";
        ns.type = model::NamespaceType::dns_private;
        ns.vpc = "vpc-1";
        ns.tags = {{"k", "v"}};
        auto& svc = p.services["srv-0123456789abcdef"];
        svc.id = "srv-0123456789abcdef";
        svc.name = "backend";
        svc.namespace_id = ns.id;
        svc.type = model::CloudMapServiceType::dns_http;
        svc.dns_config =
            model::DnsConfig{model::RoutingPolicy::multivalue,
                             {{model::DnsRecordType::a, 10}, {model::DnsRecordType::srv, 20}}};
        svc.custom_health_check = model::HealthCheckCustomConfig{};
        svc.service_attributes = {{"team", "a"}};
        svc.revision = 7;
        auto& instance = svc.instances["task-1"];
        instance.id = "task-1";
        instance.attributes = {{"AWS_INSTANCE_IPV4", "172.20.0.5"}, {"AWS_INSTANCE_PORT", "80"}};
        instance.custom_health = model::HealthStatus::unhealthy;
        p.add_operation(model::OperationType::register_instance,
                        {{model::OperationTargetType::service, svc.id},
                         {model::OperationTargetType::instance, "task-1"}},
                        model::TimePoint(std::chrono::seconds(5)));
    });
}

void fill_load_balancers(model::LoadBalancerStore& store) {
    store.write(k_part, model::TimePoint(std::chrono::seconds(10)),
                [](model::LoadBalancerPartition& p) {
                    auto& lb = p.load_balancers["arn:lb"];
                    lb.arn = "arn:lb";
                    lb.name = "web";
                    lb.state = model::LoadBalancerState::active;
                    lb.subnets = {{"subnet-1", "eu-west-1a"}};
                    lb.attributes = {{"idle_timeout.timeout_seconds", "60"}};
                    auto& tg = p.target_groups["arn:tg"];
                    tg.arn = "arn:tg";
                    tg.name = "web";
                    tg.protocol = model::ElbProtocol::http;
                    tg.port = 80;
                    tg.target_type = model::TargetType::ip;
                    tg.attributes.kept = {{"load_balancing.cross_zone.enabled", "true"}};
                    tg.targets.push_back({"172.20.0.5",
                                          80,
                                          "",
                                          {model::TargetHealthState::healthy, std::nullopt, ""},
                                          model::TimePoint(std::chrono::seconds(3)),
                                          std::nullopt});
                    auto& listener = p.listeners["arn:listener"];
                    listener.arn = "arn:listener";
                    listener.load_balancer_arn = lb.arn;
                    listener.default_actions = {
                        {1, model::ForwardAction{{{"arn:tg", 1}}, false, 0}},
                        {2, model::FixedResponseAction{503, "text/plain", std::string("down")}}};
                    auto& rule = p.rules["arn:rule"];
                    rule.arn = "arn:rule";
                    rule.listener_arn = listener.arn;
                    rule.priority = 5;
                    model::RuleCondition host;
                    host.field = model::ConditionField::host_header;
                    host.values = {"*.example.com"};
                    model::RuleCondition query;
                    query.field = model::ConditionField::query_string;
                    query.queries = {{std::nullopt, "x"}, {std::string("k"), "v"}};
                    rule.conditions = {host, query};
                    model::RedirectAction redirect;
                    redirect.protocol = "HTTPS";
                    redirect.status = model::RedirectStatus::http_302;
                    rule.actions = {{1, redirect}};
                });
}

void fill(AllStores& s) {
    s.secrets.write(k_part, [](model::SecretPartition& p) {
        auto& secret = p.by_name["db"];
        secret.arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
        secret.name = "db";
        secret.tags = {{"team", "a"}};
        secret.created = model::TimePoint(std::chrono::seconds(100));
        secret.add_version({"v1", {"AWSCURRENT"}, {"hunter2", std::nullopt}, {}, {}});
        secret.add_version(
            {"v2", {"AWSCURRENT"}, {std::nullopt, std::string("\xff\x00\x01", 3)}, {}, {}});
        auto& gone = p.by_name["old"];
        gone.name = "old";
        gone.deletion_date = model::Clock::now() + std::chrono::hours(24);
    });
    s.parameters.write(k_part, [](model::ParameterPartition& p) {
        auto& param = p.parameters["/app/url"];
        param.name = "/app/url";
        model::ParameterVersion one;
        one.type = model::ParameterType::secure_string;
        one.value = "a";
        one.key_id = "alias/aws/ssm";
        param.add_version(one);
        model::ParameterVersion two;
        two.value = "b";
        param.add_version(two);
        param.attach_labels(2, {"prod"});
        param.tags = {{"env", "test"}};
    });
    s.logs.add_group(k_part, "/ecs/web", {{"app", "web"}});
    s.logs.set_retention(k_part, "/ecs/web", 7);
    const auto now = s.logs.now_ms();
    s.logs.append(k_part, "/ecs/web", "web/app/1", {{now - 10, "first"}, {now - 5, "second"}});
    s.logs.append(k_part, "/ecs/web", "web/app/2", {{now - 20, "earlier, other stream"}});
    s.logs.append(k_part, "/ecs/web", "web/app/1", {{now - 8, "between"}});
    s.logs.add_group(k_part, "/empty", {});
}

TEST(SideStores, EveryEntityIsReadBackAsWritten) {
    AllStores a;
    fill(a);
    StoreImager imager;
    const auto [image, versions] = imager.take(a.stores(), {});
    EXPECT_GT(versions[1], 0u);
    EXPECT_GT(versions[2], 0u);
    EXPECT_GT(versions[3], 0u);

    AllStores b;
    restore_side_stores(image, b.stores());
    StoreImager again;
    EXPECT_EQ(again.take(b.stores(), {}).first, image);  // every member written is read back

    auto value = b.secrets.find_value(k_part, "db");
    ASSERT_TRUE(value);
    EXPECT_EQ(value->secret_binary, std::string("\xff\x00\x01", 3));
    EXPECT_EQ(b.secrets.find_value(k_part, "db", "AWSPREVIOUS")->secret_string, "hunter2");
    auto param = b.parameters.find(k_part, "/app/url:prod");
    ASSERT_TRUE(param);
    EXPECT_EQ(param->value, "b");
    EXPECT_EQ(param->version, 2);
    EXPECT_EQ(b.logs.size(), 4u);
    b.logs.read(k_part, [](const model::LogPartition& p) {
        const auto& group = p.groups.at("/ecs/web");
        EXPECT_EQ(group.retention_days, 7);
        const auto& events = group.streams.at("web/app/1").events;
        ASSERT_EQ(events.size(), 3u);
        EXPECT_EQ(events[0].message, "first");  // in timestamp order
        EXPECT_EQ(events[1].message, "between");
        EXPECT_EQ(group.streams.at("web/app/1").stored_bytes, 5u + 7u + 6u);
        EXPECT_TRUE(p.groups.at("/empty").streams.empty());
    });
}

TEST(SideStores, CloudMapAndLoadBalancersAreReadBackAsWritten) {
    AllStores a;
    fill_cloud_map(a.discovery);
    fill_load_balancers(a.load_balancers);
    StoreImager imager;
    const auto [image, versions] = imager.take(a.stores(), {});
    EXPECT_GT(versions[4], 0u);
    EXPECT_GT(versions[5], 0u);
    AllStores b;
    restore_side_stores(image, b.stores());
    StoreImager again;
    EXPECT_EQ(again.take(b.stores(), {}).first, image);

    auto lookup = b.discovery.lookup_dns("backend.demo.local", model::DnsRecordType::a);
    EXPECT_TRUE(lookup.in_private_namespace);
    b.discovery.read(k_part, [](const model::ServiceDiscoveryPartition& p) {
        const auto& svc = p.services.at("srv-0123456789abcdef");
        EXPECT_EQ(svc.instances.at("task-1").custom_health, model::HealthStatus::unhealthy);
        ASSERT_EQ(p.operations.size(), 1u);
        EXPECT_EQ(p.operations.begin()->second.targets.at(model::OperationTargetType::instance),
                  "task-1");
    });
    b.load_balancers.read(k_part, [](const model::LoadBalancerPartition& p) {
        const auto& actions = p.listeners.at("arn:listener").default_actions;
        ASSERT_EQ(actions.size(), 2u);
        EXPECT_EQ(model::action_type_name(actions[0]), "forward");
        EXPECT_EQ(std::get<model::FixedResponseAction>(actions[1].detail).body, "down");
        const auto& rule = p.rules.at("arn:rule");
        EXPECT_EQ(std::get<model::RedirectAction>(rule.actions[0].detail).status,
                  model::RedirectStatus::http_302);
        EXPECT_FALSE(rule.conditions[1].queries[0].key);
        EXPECT_EQ(p.target_groups.at("arn:tg").targets.at(0).health.state,
                  model::TargetHealthState::healthy);
    });
}

TEST(SideStores, RestoredLogsKeepCountingAndEvictTheOldestFirst) {
    AllStores a;
    fill(a);
    StoreImager imager;
    const auto image = imager.take(a.stores(), {}).first;
    model::LogStore small(4);
    restore_side_stores(image, {a.ecs, nullptr, nullptr, &small});
    std::uint64_t last_seq = 0;
    small.read(k_part, [&](const model::LogPartition& p) {
        for (const auto& [name, stream] : p.groups.at("/ecs/web").streams) {
            for (const auto& e : stream.events) last_seq = std::max(last_seq, e.seq);
        }
    });
    small.append(k_part, "/ecs/web", "web/app/2", {{small.now_ms(), "after the restart"}});
    EXPECT_EQ(small.size(), 4u);
    small.read(k_part, [&](const model::LogPartition& p) {
        const auto& one = p.groups.at("/ecs/web").streams.at("web/app/1").events;
        // The first event ingested ("first", seq 1) made room.
        ASSERT_EQ(one.size(), 2u);
        EXPECT_EQ(one[0].message, "between");
        const auto& two = p.groups.at("/ecs/web").streams.at("web/app/2").events;
        ASSERT_EQ(two.size(), 2u);
        EXPECT_GT(two.back().seq, last_seq);  // seqs go on from the restored ones
    });
}

TEST(SideStores, ABatchReencodesOnlyTheLogChunksThatChanged) {
    AllStores a;
    const auto now = a.logs.now_ms();
    a.logs.add_group(k_part, "g", {});
    std::vector<model::LogEvent> many;
    for (int i = 0; i < 600; ++i) many.push_back({now + i, "event " + std::to_string(i)});
    a.logs.append(k_part, "g", "s", many);
    StoreImager imager;
    const auto first = imager.take(a.stores(), {}).first;
    std::size_t chunks = 0;
    for (const auto& [key, text] : first) chunks += key.kind == "log-events";
    EXPECT_EQ(chunks, 3u);  // seqs 1..600 in chunks of 256

    const auto same = imager.take(a.stores(), first).first;
    EXPECT_TRUE(diff(first, same).empty());

    a.logs.append(k_part, "g", "s", {{now + 1000, "one more"}});
    const auto next = imager.take(a.stores(), same).first;
    std::vector<std::string> changed;  // the newest chunk, and the stream's last ingestion
    for (const auto& [key, text] : diff(same, next)) {
        if (key.kind == "log-events") changed.push_back(key.id);
    }
    EXPECT_EQ(changed, std::vector<std::string>{"g:s:2"});

    // A chunk whose text `previous` lacks is encoded again, whatever the imager remembers.
    imager.take(a.stores(), next);
    EXPECT_EQ(imager.take(a.stores(), {}).first, next);
}

// A journal torn inside the batch that made a stream keeps its events (chunks sort before their
// stream's own entity), under the names the keys give: Berth starts.
TEST(SideStores, EventsWhoseStreamEntityWasCutAreKept) {
    AllStores a;
    fill(a);
    StoreImager imager;
    auto image = imager.take(a.stores(), {}).first;
    image.erase({"log-stream", "123456789012/eu-west-1", "/ecs/web:web/app/2"});
    image.erase({"log-group", "123456789012/eu-west-1", "/ecs/web"});
    AllStores b;
    restore_side_stores(image, b.stores());
    b.logs.read(k_part, [](const model::LogPartition& p) {
        const auto& group = p.groups.at("/ecs/web");
        EXPECT_EQ(group.name, "/ecs/web");
        EXPECT_EQ(group.streams.at("web/app/2").name, "web/app/2");
        EXPECT_EQ(group.streams.at("web/app/2").events.size(), 1u);
    });
}

TEST(SideStores, DecodeStateLeavesThemAndABadOneIsNamed) {
    AllStores a;
    fill(a);
    StoreImager imager;
    auto image = imager.take(a.stores(), {}).first;
    EXPECT_TRUE(decode_state(image).empty());  // no ECS partition: nothing was written there
    image[{"parameter", "123456789012/eu-west-1", "/app/url"}] = R"({"versions": 3})";
    AllStores b;
    try {
        restore_side_stores(image, b.stores());
        FAIL() << "restored a damaged parameter";
    } catch (const StateError& e) {
        EXPECT_NE(std::string(e.what()).find("parameter /app/url"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace berth::persist

// The typed forms of a service's network configuration, load balancers, registries and Service
// Connect configuration: every member of the model's shapes is read and written back unchanged.
#include "berth/model/service_links.hpp"
#include "berth/model/network.hpp"

#include <gtest/gtest.h>

namespace berth::model {
namespace {

using nlohmann::json;

TEST(ServiceLinks, ServiceConnectConfigurationRoundTrips) {
    const auto doc = json::parse(R"({
        "enabled": true,
        "namespace": "arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-1",
        "services": [{
            "portName": "http",
            "discoveryName": "web",
            "clientAliases": [{
                "port": 80, "dnsName": "web.local",
                "testTrafficRules": {"header": {"name": "x-canary", "value": {"exact": "1"}}}}],
            "ingressPortOverride": 8080,
            "timeout": {"idleTimeoutSeconds": 60, "perRequestTimeoutSeconds": 15},
            "tls": {"issuerCertificateAuthority": {"awsPcaAuthorityArn": "arn:aws:acm-pca:us-east-1:000000000000:certificate-authority/ca"},
                    "kmsKey": "alias/key", "roleArn": "arn:aws:iam::000000000000:role/tls"}},
            {"portName": "admin"}],
        "logConfiguration": {"logDriver": "awslogs",
                             "options": {"awslogs-group": "/ecs/sc", "awslogs-region": "us-east-1"},
                             "secretOptions": [{"name": "token", "valueFrom": "arn:aws:ssm:us-east-1:000000000000:parameter/t"}]},
        "accessLogConfiguration": {"format": "JSON", "includeQueryParameters": "ENABLED"}})");
    const auto config = read_service_connect(doc);
    EXPECT_TRUE(config.enabled);
    ASSERT_EQ(config.services.size(), 2u);
    EXPECT_EQ(config.services[0].client_aliases.at(0).port, 80);
    EXPECT_EQ(config.services[0].client_aliases.at(0).test_traffic_rules->header_exact, "1");
    EXPECT_EQ(to_json(config), doc);

    const json minimal{{"enabled", false}};
    EXPECT_EQ(to_json(read_service_connect(minimal)), minimal);
    const json header_only = json::parse(R"({"enabled": true, "services": [{"portName": "p",
        "clientAliases": [{"port": 1, "testTrafficRules": {"header": {"name": "h"}}}],
        "tls": {"issuerCertificateAuthority": {}}}]})");
    EXPECT_EQ(to_json(read_service_connect(header_only)), header_only);
}

TEST(ServiceLinks, LoadBalancersAndRegistriesKeepOnlyWhatWasGiven) {
    const auto lbs = json::parse(R"([{"targetGroupArn": "tg", "containerName": "app",
        "containerPort": 80, "advancedConfiguration": {"roleArn": "r"}}, {}])");
    EXPECT_EQ(to_json(read_load_balancers(lbs)), lbs);
    const auto registries = json::parse(R"([{"registryArn": "srv", "containerPort": 80}])");
    EXPECT_EQ(to_json(read_service_registries(registries)), registries);
    EXPECT_EQ(to_json(read_load_balancers(json())), json::array());
}

TEST(ServiceLinks, NetworkConfiguration) {
    EXPECT_FALSE(read_network_configuration(json()));
    const json bare = json::object();
    ASSERT_TRUE(read_network_configuration(bare));
    EXPECT_FALSE(read_network_configuration(bare)->awsvpc);
    EXPECT_EQ(to_json(*read_network_configuration(bare)), bare);

    const json full{
        {"awsvpcConfiguration",
         {{"subnets", {"s-1"}}, {"securityGroups", {"g"}}, {"assignPublicIp", "ENABLED"}}}};
    const auto network = read_network_configuration(full);
    ASSERT_TRUE(network && network->awsvpc);
    EXPECT_TRUE(network->awsvpc->public_ip());
    EXPECT_EQ(to_json(*network), full);
    // Without assignPublicIp a task gets none (ECS's default), and nothing is invented.
    const json subnets_only{{"awsvpcConfiguration", {{"subnets", {"s-1"}}}}};
    const auto plain = read_network_configuration(subnets_only);
    EXPECT_FALSE(plain->awsvpc->public_ip());
    EXPECT_EQ(to_json(*plain), subnets_only);
}

}  // namespace
}  // namespace berth::model

// serviceConnectConfiguration on CreateService and UpdateService: validated as ECS does
// (InvalidParameterException, NamespaceNotFoundException), the namespace resolved in Cloud Map
// by name or ARN or from the cluster's default, the Cloud Map service ECS makes for each
// discovery name, and what DescribeServices and ListServicesByNamespace answer.
#include <gtest/gtest.h>

#include "services_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class ServiceConnect : public ServicesTest {
  protected:
    model::ServiceDiscoveryStore discovery;
    std::string namespace_id = "ns-demo0000000000";
    std::string namespace_arn;

    ServiceConnect() {
        Environment env{store, [this] { return now; }};
        env.service_discovery = &discovery;
        ecs = make_ecs_service(std::move(env));
        ecs->set_strict_output(true);
        namespace_arn = model::cloudmap_namespace_arn(key, namespace_id);
        discovery.write(key, [&](model::ServiceDiscoveryPartition& p) {
            auto& ns = p.namespaces[namespace_id];
            ns.id = namespace_id;
            ns.arn = namespace_arn;
            ns.name = "demo.local";
            ns.type = model::NamespaceType::dns_private;
        });
        create_cluster();
        register_web("awsvpc");
    }

    // An httpd container whose port 80 mapping is named "http".
    void register_web(const std::string& network_mode) {
        json def{{"name", "web"},
                 {"image", "busybox"},
                 {"memory", 128},
                 {"essential", true},
                 {"portMappings", json::array({{{"containerPort", 80}, {"name", "http"}}})}};
        call("RegisterTaskDefinition", {{"family", "web"},
                                        {"networkMode", network_mode},
                                        {"containerDefinitions", json::array({def})}});
    }

    // EC2 tasks in awsvpc mode get no public IP.
    static json private_awsvpc() {
        auto config = awsvpc();
        config["awsvpcConfiguration"].erase("assignPublicIp");
        return config;
    }

    json with_connect(json config) {
        json extra{{"serviceConnectConfiguration", std::move(config)}};
        extra["networkConfiguration"] = private_awsvpc();
        return extra;
    }

    static json backend(json alias = {{"port", 80}, {"dnsName", "backend"}}) {
        return {{"enabled", true},
                {"namespace", "demo.local"},
                {"services", json::array({{{"portName", "http"},
                                           {"discoveryName", "backend"},
                                           {"clientAliases", json::array({alias})}}})}};
    }

    std::pair<std::string, std::string> create_error(const json& config) {
        json input{{"serviceName", "web"}, {"taskDefinition", "web"}, {"desiredCount", 1}};
        input.update(with_connect(config));
        return error_of("CreateService", input);
    }

    std::size_t cloudmap_services() {
        return discovery.read(
            key, [](const model::ServiceDiscoveryPartition& p) { return p.services.size(); });
    }
};

TEST_F(ServiceConnect, CreatesTheDiscoveryNamesCloudMapServiceAndDescribesTheResources) {
    auto s = create_service("web", with_connect(backend()));
    ASSERT_EQ(s["deployments"].size(), 1u);
    const auto& d = s["deployments"][0];
    EXPECT_EQ(d["serviceConnectConfiguration"], backend());
    ASSERT_EQ(d["serviceConnectResources"].size(), 1u);
    EXPECT_EQ(d["serviceConnectResources"][0]["discoveryName"], "backend");
    const auto arn = d["serviceConnectResources"][0]["discoveryArn"].get<std::string>();
    discovery.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        const auto* cm = p.find_service(arn);
        ASSERT_NE(cm, nullptr);
        EXPECT_EQ(cm->name, "backend");
        EXPECT_EQ(cm->namespace_id, namespace_id);
    });
    const auto stored_service = stored("web");
    ASSERT_EQ(stored_service.service_connect_endpoints.size(), 1u);
    EXPECT_EQ(stored_service.service_connect_endpoints[0].aliases,
              (std::vector<model::ServiceConnectAliasTarget>{{"backend", 80}}));
}

TEST_F(ServiceConnect, DiscoveryNameDefaultsToPortNameAndDnsNameToDiscoveryNameDotNamespace) {
    json config{{"enabled", true},
                {"namespace", namespace_arn},
                {"services", json::array({{{"portName", "http"},
                                           {"clientAliases", json::array({{{"port", 8080}}})}}})}};
    auto s = create_service("web", with_connect(config));
    EXPECT_EQ(s["deployments"][0]["serviceConnectResources"][0]["discoveryName"], "http");
    EXPECT_EQ(stored("web").service_connect_endpoints[0].aliases,
              (std::vector<model::ServiceConnectAliasTarget>{{"http.demo.local", 8080}}));
}

TEST_F(ServiceConnect, TheClustersDefaultNamespaceServesWhenNoneIsGiven) {
    call("UpdateCluster",
         {{"cluster", "default"}, {"serviceConnectDefaults", {{"namespace", "demo.local"}}}});
    create_service("client", with_connect({{"enabled", true}}));
    EXPECT_EQ(stored("client").service_connect_namespace_arn, namespace_arn);
    EXPECT_EQ(call("ListServicesByNamespace", {{"namespace", "demo.local"}})["serviceArns"],
              json::array({service_arn("client")}));
}

TEST_F(ServiceConnect, ListServicesByNamespaceTakesANameOrAnArn) {
    create_service("web", with_connect(backend()));
    create_service("plain", {{"networkConfiguration", private_awsvpc()}});
    EXPECT_EQ(call("ListServicesByNamespace", {{"namespace", "demo.local"}})["serviceArns"],
              json::array({service_arn("web")}));
    EXPECT_EQ(call("ListServicesByNamespace", {{"namespace", namespace_arn}})["serviceArns"],
              json::array({service_arn("web")}));
    EXPECT_EQ(call("ListServicesByNamespace", {{"namespace", "other"}})["serviceArns"],
              json::array());
}

TEST_F(ServiceConnect, AnUnknownNamespaceIsNotFound) {
    auto config = backend();
    config["namespace"] = "nowhere.local";
    EXPECT_EQ(create_error(config).first, "NamespaceNotFoundException");
    EXPECT_EQ(cloudmap_services(), 0u);
}

TEST_F(ServiceConnect, NoNamespaceAndNoClusterDefaultIsRefused) {
    EXPECT_EQ(create_error({{"enabled", true}}).first, "InvalidParameterException");
}

TEST_F(ServiceConnect, PortNameMustNameAPortMappingOfTheTaskDefinition) {
    auto config = backend();
    config["services"][0]["portName"] = "grpc";
    auto [type, message] = create_error(config);
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_NE(message.find("grpc"), std::string::npos) << message;
    EXPECT_EQ(cloudmap_services(), 0u);  // refused before anything was made
}

TEST_F(ServiceConnect, ClientAliasPortsAreOneTo65535) {
    EXPECT_EQ(create_error(backend({{"port", 0}})).first, "InvalidParameterException");
    EXPECT_EQ(create_error(backend({{"port", 80}, {"dnsName", "-bad"}})).first,
              "InvalidParameterException");
}

TEST_F(ServiceConnect, AtMostOneClientAliasPerService) {
    auto config = backend();
    config["services"][0]["clientAliases"].push_back({{"port", 81}});
    EXPECT_EQ(create_error(config).first, "InvalidParameterException");
}

TEST_F(ServiceConnect, DiscoveryNamesAreLowercaseUpTo64) {
    auto config = backend();
    config["services"][0]["discoveryName"] = "Backend";
    EXPECT_EQ(create_error(config).first, "InvalidParameterException");
}

TEST_F(ServiceConnect, AnAliasAlreadyUsedInTheNamespaceIsRefused) {
    create_service("web", with_connect(backend()));
    auto config = backend();
    config["services"][0]["discoveryName"] = "other";
    json input{{"serviceName", "web2"}, {"taskDefinition", "web"}, {"desiredCount", 1}};
    input.update(with_connect(config));
    EXPECT_EQ(error_of("CreateService", input).first, "InvalidParameterException");
}

TEST_F(ServiceConnect, HostNetworkModeIsRefused) {
    register_web("host");
    json input{{"serviceName", "web"},
               {"taskDefinition", "web:2"},
               {"desiredCount", 1},
               {"serviceConnectConfiguration", backend()}};
    EXPECT_EQ(error_of("CreateService", input).first, "InvalidParameterException");
}

TEST_F(ServiceConnect, BridgeTasksMayJoin) {
    register_web("bridge");
    auto s = create_service(
        "web", {{"taskDefinition", "web:2"}, {"serviceConnectConfiguration", backend()}});
    EXPECT_EQ(s["deployments"][0]["serviceConnectResources"].size(), 1u);
}

TEST_F(ServiceConnect, UpdateServiceStartsADeploymentWithTheNewConfiguration) {
    create_service("web", {{"networkConfiguration", private_awsvpc()}});
    auto s = call("UpdateService",
                  {{"service", "web"}, {"serviceConnectConfiguration", backend()}})["service"];
    ASSERT_EQ(s["deployments"].size(), 2u);
    EXPECT_EQ(s["deployments"][0]["serviceConnectConfiguration"], backend());
    EXPECT_FALSE(s["deployments"][1].contains("serviceConnectConfiguration"));
    auto disabled = call(
        "UpdateService",
        {{"service", "web"}, {"serviceConnectConfiguration", {{"enabled", false}}}})["service"];
    EXPECT_TRUE(stored("web").service_connect_endpoints.empty());
    EXPECT_EQ(call("ListServicesByNamespace", {{"namespace", "demo.local"}})["serviceArns"],
              json::array());
    (void)disabled;
}

TEST_F(ServiceConnect, TheSameDiscoveryNameIsReusedOnUpdate) {
    create_service("web", with_connect(backend()));
    call("UpdateService", {{"service", "web"}, {"serviceConnectConfiguration", backend()}});
    EXPECT_EQ(cloudmap_services(), 1u);
}

}  // namespace
}  // namespace berth::api::ecs::testing

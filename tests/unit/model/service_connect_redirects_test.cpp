#include "berth/model/service_connect_redirects.hpp"

#include <gtest/gtest.h>

namespace berth::model {
namespace {

using nlohmann::json;

// A task definition of `mode` whose container names port 8080 "http" and 9090 "admin".
std::shared_ptr<const TaskDefinitionBody> definition(const std::string& mode) {
    return read_task_definition(
        json{{"networkMode", mode},
             {"containerDefinitions",
              {{{"name", "web"},
                {"image", "busybox"},
                {"portMappings",
                 {{{"containerPort", 8080}, {"name", "http"}},
                  {{"containerPort", 9090}, {"name", "admin"}},
                  {{"containerPortRange", "7000-7002"}, {"name", "range"}}}}}}}});
}

ServiceConnectEndpoint endpoint(const std::string& port_name, std::vector<int> alias_ports) {
    ServiceConnectEndpoint e;
    e.port_name = port_name;
    e.discovery_name = port_name;
    for (int p : alias_ports) e.aliases.push_back({port_name + ".alias", p});
    return e;
}

TEST(ServiceConnectRedirects, AwsvpcRedirectsEachAliasPortThatIsNotTheContainerPort) {
    const auto td = definition("awsvpc");
    const auto got =
        service_connect_redirects({endpoint("http", {80, 8080}), endpoint("admin", {81})}, *td);
    EXPECT_EQ((std::vector<PortRedirect>{{80, 8080}, {81, 9090}}), got);
}

TEST(ServiceConnectRedirects, TheFirstEndpointNamingAnAliasPortWins) {
    const auto td = definition("awsvpc");
    const auto got =
        service_connect_redirects({endpoint("http", {80}), endpoint("admin", {80, 80})}, *td);
    EXPECT_EQ((std::vector<PortRedirect>{{80, 8080}}), got);
    EXPECT_TRUE(alias_reaches(got, 80, 8080));
    EXPECT_FALSE(alias_reaches(got, 80, 9090));
    EXPECT_TRUE(alias_reaches(got, 9090, 9090));
}

TEST(ServiceConnectRedirects, NoneForBridgeOrForAPortRangeOrAnUnknownName) {
    EXPECT_TRUE(service_connect_redirects({endpoint("http", {80})}, *definition("bridge")).empty());
    const auto td = definition("awsvpc");
    EXPECT_TRUE(
        service_connect_redirects({endpoint("range", {80}), endpoint("nope", {81})}, *td).empty());
    EXPECT_EQ(9090, named_container_port(*td, "admin"));
    EXPECT_EQ(0, named_container_port(*td, "range"));
}

}  // namespace
}  // namespace berth::model
